#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import WASI
import WasmKit
import WasmKitWASI

/// Wraps every WASI preview 1 function of one call with the checks WasmKit does not make.
///
/// - **Guest pointers.** WasmKit's WASI implementation trusts the pointers a guest passes and stops
///   the host process on an out-of-bounds one. Each function's pointer arguments are described in
///   ``rules`` and checked first; a bad one stops the guest (``GuestStop/badGuestMemory(function:detail:)``).
///   A function without a rule is replaced by a stub returning `ENOSYS` (sockets among them), so a
///   WasmKit update cannot add an unchecked function silently.
/// - **Read-only directories.** WASI preopens carry no read-only flag, so descriptors derived from a
///   read-only grant are tracked, and every call that would change something through one returns
///   `EROFS`: opening for writing, creating, truncating, removing, renaming, linking, symlinking and
///   setting sizes or times.
/// - **Open files.** At most ``maximumOpenFiles`` descriptors opened by the guest at once (`EMFILE`
///   past it), so a guest cannot exhaust the host's descriptors.
/// - **Sleeping.** `poll_oneoff` burns no fuel while it waits, so a wait that would end after the
///   deadline stops the guest at once (``GuestStop/sleepPastDeadline``), and a wait without a clock
///   bound is refused with `ENOTSUP`.
///
/// One guard serves one call; only the guest's thread uses it.
final class WASIGuard {
    /// The most descriptors a guest may have open at once, besides stdio and preopens. (128)
    static let maximumOpenFiles = 128

    private var readOnly: Set<UInt32>
    private var opened: Set<UInt32> = []
    private let argumentCount: UInt64
    private let argumentBytes: UInt64
    private let environmentCount: UInt64
    private let environmentBytes: UInt64
    private let deadline: ContinuousClock.Instant

    /// Creates the guard of one call.
    ///
    /// - Parameters:
    ///   - arguments: The guest's `argv`, to size `args_get` buffers.
    ///   - environment: The guest's environment, to size `environ_get` buffers.
    ///   - directories: The preopens, in order; the read-only ones get descriptors 3, 4, … as WASI assigns.
    ///   - deadline: When the call must end.
    init(
        arguments: [String], environment: [String: String], directories: [SandboxPolicy.Directory],
        deadline: ContinuousClock.Instant
    ) {
        argumentCount = UInt64(arguments.count)
        argumentBytes = arguments.reduce(0) { $0 + UInt64($1.utf8.count) + 1 }
        environmentCount = UInt64(environment.count)
        environmentBytes = environment.reduce(0) { $0 + UInt64($1.key.utf8.count + $1.value.utf8.count) + 2 }
        readOnly = Set(directories.indices.filter { directories[$0].isReadOnly }.map { UInt32(3 + $0) })
        self.deadline = deadline
    }

    /// Defines the guarded WASI functions of `plan` in `imports`: only what the module imports, since
    /// building and defining each function costs allocations on every call.
    func link(_ bridge: WASIBridgeToHost, plan: LinkPlan, to imports: inout Imports, store: Store) {
        let available = bridge.hostFunctions(capabilities: plan.capabilities, stubUnlinked: plan.needsStubs)
        for (name, function) in available where plan.functions.contains(name) {
            let qualified = "wasi_snapshot_preview1.\(name)"
            guard let rule = Self.rules[name] else {
                let results: [Value] = function.type.results.isEmpty ? [] : [.i32(Errno.nosys)]
                imports.define(
                    module: "wasi_snapshot_preview1", name: name,
                    Function(store: store, type: function.type) { _, _ in results })
                continue
            }
            let implementation = function.implementation
            imports.define(
                module: "wasi_snapshot_preview1", name: name,
                Function(store: store, type: function.type) { [self] caller, arguments in
                    let memory = try caller.guestMemory(for: qualified)
                    try check(rule.pointers, arguments, memory)
                    if let refusal = try refusal(name, arguments, memory) { return [.i32(refusal)] }
                    let results = try implementation(memory.memory, arguments)
                    if let first = results.first, case .i32(0) = first {
                        try record(name, arguments, memory)
                    }
                    return results
                })
        }
    }

    // MARK: - Pointer checks

    private func check(_ pointers: [Pointer], _ arguments: [Value], _ memory: GuestMemoryAccess) throws(GuestStop) {
        for pointer in pointers {
            switch pointer {
            case .fixed(let index, let size):
                try memory.check(offset: u32(arguments, index), count: size)
            case .bytes(let index, let length):
                try memory.check(offset: u32(arguments, index), count: u32(arguments, length))
            case .records(let index, let count, let size):
                try memory.check(offset: u32(arguments, index), count: u32(arguments, count) * size)
            case .iovecs(let index, let count):
                let base = u32(arguments, index)
                let entries = u32(arguments, count)
                try memory.check(offset: base, count: entries * 8)
                for entry in 0..<entries {
                    let buffer = try memory.readUInt32(at: base + entry * 8)
                    let length = try memory.readUInt32(at: base + entry * 8 + 4)
                    try memory.check(offset: UInt64(buffer), count: UInt64(length))
                }
            case .argumentPointers(let index):
                try memory.check(offset: u32(arguments, index), count: argumentCount * 4)
            case .argumentBuffer(let index):
                try memory.check(offset: u32(arguments, index), count: argumentBytes)
            case .environmentPointers(let index):
                try memory.check(offset: u32(arguments, index), count: environmentCount * 4)
            case .environmentBuffer(let index):
                try memory.check(offset: u32(arguments, index), count: environmentBytes)
            }
        }
    }

    // MARK: - Policy

    /// The errno to return instead of calling WASI, or `nil` to let the call through.
    private func refusal(_ name: String, _ arguments: [Value], _ memory: GuestMemoryAccess) throws(GuestStop) -> UInt32? {
        func isReadOnly(_ index: Int) -> Bool { readOnly.contains(UInt32(truncatingIfNeeded: u32(arguments, index))) }
        switch name {
        case "path_open":
            if opened.count >= Self.maximumOpenFiles { return Errno.mfile }
            guard isReadOnly(0) else { return nil }
            let oflags = u32(arguments, 4)
            let rights = u64(arguments, 5)
            let changes = oflags & (Oflags.create | Oflags.truncate) != 0 || rights & Rights.modifying != 0
            return changes ? Errno.rofs : nil
        case "fd_write", "fd_pwrite", "fd_allocate", "fd_filestat_set_size", "fd_filestat_set_times",
            "path_create_directory", "path_remove_directory", "path_unlink_file", "path_filestat_set_times":
            return isReadOnly(0) ? Errno.rofs : nil
        case "path_symlink":
            return isReadOnly(2) ? Errno.rofs : nil
        case "path_link":
            return isReadOnly(0) || isReadOnly(4) ? Errno.rofs : nil
        case "path_rename":
            return isReadOnly(0) || isReadOnly(3) ? Errno.rofs : nil
        case "poll_oneoff":
            return try pollRefusal(arguments, memory)
        default:
            return nil
        }
    }

    /// Tracks descriptors after a successful call.
    private func record(_ name: String, _ arguments: [Value], _ memory: GuestMemoryAccess) throws(GuestStop) {
        switch name {
        case "path_open":
            let descriptor = try memory.readUInt32(at: u32(arguments, 8))
            opened.insert(descriptor)
            if readOnly.contains(UInt32(truncatingIfNeeded: u32(arguments, 0))) {
                readOnly.insert(descriptor)
            } else {
                readOnly.remove(descriptor)
            }
        case "fd_close":
            let descriptor = UInt32(truncatingIfNeeded: u32(arguments, 0))
            opened.remove(descriptor)
            readOnly.remove(descriptor)
        case "fd_renumber":
            let from = UInt32(truncatingIfNeeded: u32(arguments, 0))
            let to = UInt32(truncatingIfNeeded: u32(arguments, 1))
            guard from != to else { return }
            let wasOpened = opened.remove(from) != nil
            opened.remove(to)
            if wasOpened { opened.insert(to) }
            if readOnly.remove(from) != nil { readOnly.insert(to) } else { readOnly.remove(to) }
        default:
            break
        }
    }

    /// Lets a wait through only when a clock subscription ends it before the deadline.
    private func pollRefusal(_ arguments: [Value], _ memory: GuestMemoryAccess) throws(GuestStop) -> UInt32? {
        let base = u32(arguments, 0)
        var shortestWait: UInt64?
        for index in 0..<u32(arguments, 2) {
            let subscription = base + index * 48
            guard try memory.readUInt8(at: subscription + 8) == 0 else { continue }  // 0: clock
            let clock = try memory.readUInt32(at: subscription + 16)
            let timeout = try memory.readUInt64(at: subscription + 24)
            let flags = try memory.readUInt32(at: subscription + 40) & 0xFFFF
            let wait = flags & 1 == 0 ? timeout : timeout &- min(timeout, Self.now(clock: clock))
            shortestWait = min(shortestWait ?? wait, wait)
        }
        guard let shortestWait else { return Errno.notsup }
        let remaining = ContinuousClock.now.duration(to: deadline)
        let (seconds, attoseconds) = remaining.components
        let remainingNanoseconds = seconds < 0 ? 0 : UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
        if shortestWait > remainingNanoseconds { throw .sleepPastDeadline }
        return nil
    }

    /// The current time of a WASI clock (0 realtime, 1 monotonic), in nanoseconds.
    private static func now(clock: UInt32) -> UInt64 {
        var spec = timespec()
        clock_gettime(clock == 0 ? CLOCK_REALTIME : CLOCK_MONOTONIC, &spec)
        return UInt64(max(spec.tv_sec, 0)) * 1_000_000_000 + UInt64(max(spec.tv_nsec, 0))
    }
}

extension WASIGuard {
    /// The WASI functions one module imports, and the WasmKit capability groups that provide them.
    struct LinkPlan: Sendable {
        /// The imported names.
        var functions: Set<String>
        /// The groups to build; building all of them costs more than a small call.
        var capabilities: [WasmKitWASI.WASICapability]
        /// Whether some import is in no group (WasmKit then provides an `ENOSYS` stub to wrap).
        var needsStubs: Bool

        init(functions: Set<String>) {
            self.functions = functions
            var groups: Set<String> = []
            var needsStubs = false
            for name in functions {
                if let group = WASIGuard.capabilityGroups[name] { groups.insert(group) } else { needsStubs = true }
            }
            self.needsStubs = needsStubs
            let all: [(String, WasmKitWASI.WASICapability)] = [
                ("environment", .environment), ("clocks", .clocks), ("random", .random), ("process", .process),
                ("stdio", .stdio), ("fileSystem", .fileSystem), ("poll", .poll),
            ]
            capabilities = all.filter { groups.contains($0.0) }.map(\.1)
        }
    }

    /// Which WasmKit 0.4.2 capability group provides each function. Functions in no group (the
    /// sockets, `proc_raise`) are linked as WasmKit's `ENOSYS` stubs.
    static let capabilityGroups: [String: String] = {
        let groups: [String: [String]] = [
            "environment": ["args_get", "args_sizes_get", "environ_get", "environ_sizes_get"],
            "clocks": ["clock_res_get", "clock_time_get"],
            "random": ["random_get"],
            "process": ["proc_exit", "sched_yield"],
            "stdio": [
                "fd_write", "fd_read", "fd_close", "fd_fdstat_get", "fd_fdstat_set_flags", "fd_seek", "fd_tell", "fd_sync",
                "fd_datasync", "fd_filestat_get",
            ],
            "fileSystem": [
                "fd_advise", "fd_allocate", "fd_fdstat_set_rights", "fd_filestat_set_size", "fd_filestat_set_times",
                "fd_pread", "fd_pwrite", "fd_prestat_get", "fd_prestat_dir_name", "fd_readdir", "fd_renumber",
                "path_create_directory", "path_filestat_get", "path_filestat_set_times", "path_link", "path_open",
                "path_readlink", "path_remove_directory", "path_rename", "path_symlink", "path_unlink_file",
            ],
            "poll": ["poll_oneoff"],
        ]
        var map: [String: String] = [:]
        for (group, names) in groups {
            for name in names { map[name] = group }
        }
        return map
    }()

    /// How a function's arguments point into guest memory.
    enum Pointer {
        /// Argument `index` points at `size` bytes.
        case fixed(Int, UInt64)
        /// Argument `index` points at as many bytes as argument `length` says.
        case bytes(Int, length: Int)
        /// Argument `index` points at argument `count` records of `size` bytes.
        case records(Int, count: Int, size: UInt64)
        /// Argument `index` points at argument `count` iovecs (pointer, length), each checked too.
        case iovecs(Int, count: Int)
        /// `args_get` / `environ_get` arrays and buffers, sized from the call's configuration.
        case argumentPointers(Int), argumentBuffer(Int), environmentPointers(Int), environmentBuffer(Int)
    }

    struct Rule {
        var pointers: [Pointer]
    }

    /// The WASI preview 1 functions a guest may call, with their pointer arguments. Sizes: fdstat 24,
    /// filestat 64, prestat 8, subscription 48, event 32, timestamp and filesize 8, size and fd 4.
    static let rules: [String: Rule] = [
        "args_get": Rule(pointers: [.argumentPointers(0), .argumentBuffer(1)]),
        "args_sizes_get": Rule(pointers: [.fixed(0, 4), .fixed(1, 4)]),
        "environ_get": Rule(pointers: [.environmentPointers(0), .environmentBuffer(1)]),
        "environ_sizes_get": Rule(pointers: [.fixed(0, 4), .fixed(1, 4)]),
        "clock_res_get": Rule(pointers: [.fixed(1, 8)]),
        "clock_time_get": Rule(pointers: [.fixed(2, 8)]),
        "fd_advise": Rule(pointers: []),
        "fd_allocate": Rule(pointers: []),
        "fd_close": Rule(pointers: []),
        "fd_datasync": Rule(pointers: []),
        "fd_fdstat_get": Rule(pointers: [.fixed(1, 24)]),
        "fd_fdstat_set_flags": Rule(pointers: []),
        "fd_fdstat_set_rights": Rule(pointers: []),
        "fd_filestat_get": Rule(pointers: [.fixed(1, 64)]),
        "fd_filestat_set_size": Rule(pointers: []),
        "fd_filestat_set_times": Rule(pointers: []),
        "fd_pread": Rule(pointers: [.iovecs(1, count: 2), .fixed(4, 4)]),
        "fd_prestat_dir_name": Rule(pointers: [.bytes(1, length: 2)]),
        "fd_prestat_get": Rule(pointers: [.fixed(1, 8)]),
        "fd_pwrite": Rule(pointers: [.iovecs(1, count: 2), .fixed(4, 4)]),
        "fd_read": Rule(pointers: [.iovecs(1, count: 2), .fixed(3, 4)]),
        "fd_readdir": Rule(pointers: [.bytes(1, length: 2), .fixed(4, 4)]),
        "fd_renumber": Rule(pointers: []),
        "fd_seek": Rule(pointers: [.fixed(3, 8)]),
        "fd_sync": Rule(pointers: []),
        "fd_tell": Rule(pointers: [.fixed(1, 8)]),
        "fd_write": Rule(pointers: [.iovecs(1, count: 2), .fixed(3, 4)]),
        "path_create_directory": Rule(pointers: [.bytes(1, length: 2)]),
        "path_filestat_get": Rule(pointers: [.bytes(2, length: 3), .fixed(4, 64)]),
        "path_filestat_set_times": Rule(pointers: [.bytes(2, length: 3)]),
        "path_link": Rule(pointers: [.bytes(2, length: 3), .bytes(5, length: 6)]),
        "path_open": Rule(pointers: [.bytes(2, length: 3), .fixed(8, 4)]),
        "path_readlink": Rule(pointers: [.bytes(1, length: 2), .bytes(3, length: 4), .fixed(5, 4)]),
        "path_remove_directory": Rule(pointers: [.bytes(1, length: 2)]),
        "path_rename": Rule(pointers: [.bytes(1, length: 2), .bytes(4, length: 5)]),
        "path_symlink": Rule(pointers: [.bytes(0, length: 1), .bytes(3, length: 4)]),
        "path_unlink_file": Rule(pointers: [.bytes(1, length: 2)]),
        "poll_oneoff": Rule(pointers: [.records(0, count: 2, size: 48), .records(1, count: 2, size: 32), .fixed(3, 4)]),
        "proc_exit": Rule(pointers: []),
        "proc_raise": Rule(pointers: []),
        "random_get": Rule(pointers: [.bytes(0, length: 1)]),
        "sched_yield": Rule(pointers: []),
    ]

    /// WASI errno values returned by the guard.
    enum Errno {
        static let mfile: UInt32 = 33
        static let nosys: UInt32 = 52
        static let notsup: UInt32 = 58
        static let rofs: UInt32 = 69
    }

    /// `path_open` oflags that change a file.
    enum Oflags {
        static let create: UInt64 = 1 << 0
        static let truncate: UInt64 = 1 << 3
    }

    /// `path_open` rights that allow changing a file: `fd_write`, `fd_allocate`, `fd_filestat_set_size`.
    enum Rights {
        static let modifying: UInt64 = 1 << 6 | 1 << 8 | 1 << 22
    }
}

/// Argument `index` as an unsigned 32-bit value widened to 64 bits (0 when absent or not an i32).
private func u32(_ arguments: [Value], _ index: Int) -> UInt64 {
    guard index < arguments.count, case .i32(let value) = arguments[index] else { return 0 }
    return UInt64(value)
}

/// Argument `index` as an unsigned 64-bit value (0 when absent or not an i64).
private func u64(_ arguments: [Value], _ index: Int) -> UInt64 {
    guard index < arguments.count, case .i64(let value) = arguments[index] else { return 0 }
    return value
}
