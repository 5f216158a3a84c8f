import PackBasics
import Synchronization
import WasmKit

/// Parses and validates each handler module once per content digest, and keeps the most recently
/// used ones.
///
/// Modules are keyed by the SHA-256 of their bytes, the digest a manifest pins in `sha256`, so two
/// tools shipping the same module share one entry and a changed module never hits a stale one. The
/// cache holds at most ``capacity`` modules and evicts the least recently used. It is safe to share
/// between tasks; parsing runs on its own thread and outside the lock, so a slow module never
/// blocks the concurrency pool or lookups of other modules.
///
/// ```swift
/// let cache = WasmModuleCache()
/// let module = try await cache.module(for: bytes, expectedSHA256: handler.sha256)
/// let result = try await WasmRunner(cache: cache).run(module: module, input: input)
/// ```
public final class WasmModuleCache: Sendable {
    /// Counters for tests and diagnostics.
    public struct Statistics: Sendable, Hashable {
        /// Lookups answered from the cache.
        public var hits = 0
        /// Lookups that parsed and validated a module.
        public var misses = 0
        /// Modules dropped to stay within ``WasmModuleCache/capacity``.
        public var evictions = 0

        /// Creates counters.
        public init(hits: Int = 0, misses: Int = 0, evictions: Int = 0) {
            self.hits = hits
            self.misses = misses
            self.evictions = evictions
        }
    }

    private struct Entry {
        var module: WasmModule
        var lastUse: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Callers waiting for a module being compiled, by digest; the first one compiles.
        var inFlight: [String: [CheckedContinuation<Result<WasmModule, HandlerFailure>, Never>]] = [:]
        var clock: UInt64 = 0
        var statistics = Statistics()
    }

    /// What a lookup has to do.
    private enum Lookup {
        case found(WasmModule)
        case waiting
        case compile
    }

    /// The largest module accepted, in bytes. (64 MiB)
    public static let maximumModuleBytes = 64 << 20

    /// How many modules the cache keeps. (Default: 64)
    public let capacity: Int
    private let state = Mutex(State())
    private let validationEngine: Engine

    /// Creates an empty cache keeping at most `capacity` modules (at least one).
    public init(capacity: Int = 64) {
        self.capacity = max(capacity, 1)
        validationEngine = Engine(configuration: EngineConfiguration(compilationMode: .eager))
    }

    /// The validated module for `bytes`, parsed now or found in the cache.
    ///
    /// Parsing and validation run on a thread of their own, not on the caller's, and concurrent
    /// requests for the same module wait for one compilation.
    ///
    /// - Parameters:
    ///   - bytes: The module's bytes.
    ///   - expectedSHA256: The digest the manifest pins (hex, any case), or `nil` when not pinned.
    /// - Returns: The module, ready for ``WasmRunner/run(module:input:sandbox:limits:)``.
    /// - Throws: ``HandlerFailure`` with reason ``HandlerFailure/Reason/invalidModule(_:)`` when the
    ///   bytes are too large, do not match the pinned digest, or are not a valid handler module.
    ///
    /// Complexity: O(n) in the size of the module to hash it, plus parsing on a miss.
    public func module(for bytes: [UInt8], expectedSHA256: String? = nil) async throws(HandlerFailure) -> WasmModule {
        guard bytes.count <= Self.maximumModuleBytes else {
            throw .moduleTooLarge(size: bytes.count, limit: Self.maximumModuleBytes)
        }
        let digest = SHA256.hexDigest(bytes)
        if let expectedSHA256, expectedSHA256.lowercased() != digest {
            throw .digestMismatch(actual: digest, pinned: expectedSHA256)
        }
        if let module = cachedModule(sha256: digest) { return module }
        let result = await withCheckedContinuation { continuation in
            let lookup: Lookup = state.withLock { state in
                state.clock += 1
                if state.entries[digest] != nil {
                    state.entries[digest]?.lastUse = state.clock
                    state.statistics.hits += 1
                    return .found(state.entries[digest]!.module)
                }
                if state.inFlight[digest] != nil {
                    state.inFlight[digest]?.append(continuation)
                    state.statistics.hits += 1
                    return .waiting
                }
                state.inFlight[digest] = [continuation]
                state.statistics.misses += 1
                return .compile
            }
            switch lookup {
            case .found(let module):
                continuation.resume(returning: .success(module))
            case .waiting:
                break
            case .compile:
                let compile: @Sendable () -> Void = { [self] in
                    let result = Result { () throws(HandlerFailure) -> WasmModule in
                        try WasmModule.compile(bytes, sha256: digest, validationEngine: validationEngine)
                    }
                    for waiter in finishCompiling(digest, result) { waiter.resume(returning: result) }
                }
                if !GuestThread.start(name: "quiver-compile", compile) { compile() }
            }
        }
        return try result.get()
    }

    /// The cached module with this digest, if any, without hashing anything: for callers that
    /// already know the digest (a manifest's pinned `sha256`).
    public func cachedModule(sha256: String) -> WasmModule? {
        state.withLock { state in
            let digest = sha256.lowercased()
            guard state.entries[digest] != nil else { return nil }
            state.clock += 1
            state.entries[digest]?.lastUse = state.clock
            state.statistics.hits += 1
            return state.entries[digest]?.module
        }
    }

    /// Stores a compiled module, evicting the least recently used past capacity, and returns the
    /// callers waiting for it.
    private func finishCompiling(
        _ digest: String, _ result: Result<WasmModule, HandlerFailure>
    ) -> [CheckedContinuation<Result<WasmModule, HandlerFailure>, Never>] {
        state.withLock { state in
            if case .success(let module) = result {
                state.clock += 1
                state.entries[digest] = Entry(module: module, lastUse: state.clock)
                while state.entries.count > capacity,
                    let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key
                {
                    state.entries[oldest] = nil
                    state.statistics.evictions += 1
                }
            }
            return state.inFlight.removeValue(forKey: digest) ?? []
        }
    }

    /// How many modules the cache holds.
    public var count: Int { state.withLock { $0.entries.count } }

    /// Hit, miss and eviction counts since the cache was created.
    public var statistics: Statistics { state.withLock { $0.statistics } }

    /// Whether the module with this digest is cached.
    public func contains(sha256: String) -> Bool {
        state.withLock { $0.entries[sha256.lowercased()] != nil }
    }

    /// Drops every module.
    public func removeAll() {
        state.withLock { $0.entries.removeAll() }
    }
}
