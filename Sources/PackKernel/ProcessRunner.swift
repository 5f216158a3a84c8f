#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import PackBasics
import PackModel

/// Runs a process handler: JSON on stdin, JSON on stdout, with a scrubbed environment, a temporary
/// working directory, bounded output and a timeout that kills the whole process group.
///
/// The child is started with `posix_spawn` in a process group of its own, and its pipes are served
/// by a dedicated thread with `poll(2)`, so a slow or hung handler never occupies the Swift
/// concurrency pool and the deadline holds however busy the host is.
///
/// When bubblewrap (`bwrap`) is installed and works, the child runs inside it with a profile built
/// from the grants (see ``ProcessSandbox``): system directories read-only, the pack read-only, the
/// working directory writable, granted `fs.*` paths bound, no network unless `net` is granted.
/// Without bubblewrap the process runs unconfined, and ``Output/isSandboxed`` says so.
/// A handler's command line made ready to spawn, by the same rules for process handlers and
/// stdio MCP servers: the executable found on the handlers' search path, arguments that name files
/// of the pack made absolute, and exactly the environment the child gets (granted and declared
/// variables and `PATH`; the spawner adds `HOME` and `TMPDIR`).
struct PreparedCommand: Sendable {
    /// Why a command cannot be prepared.
    enum Problem: Error {
        case empty
        case notFound(String)
    }

    /// The program as written, for messages.
    var name: String
    /// Its absolute path.
    var executable: String
    /// The arguments after `argv[0]`.
    var arguments: [String]
    var environment: [String: String]
    /// The confinement, when bubblewrap is available.
    var sandbox: ProcessSandbox?
    var packRoot: String?

    /// The program to spawn: the executable itself, or bubblewrap wrapping it.
    var spawnPath: String {
        sandbox != nil ? ProcessSandbox.bubblewrap ?? executable : executable
    }

    /// The argument vector for a working directory, `argv[0]` first (bubblewrap's when confined).
    func spawnArguments(workingDirectory: String) -> [String] {
        let argv = [executable] + arguments
        guard let sandbox, let bubblewrap = ProcessSandbox.bubblewrap else { return argv }
        return [bubblewrap] + sandbox.arguments(packRoot: packRoot, workingDirectory: workingDirectory, executable: executable)
            + ["--"] + argv
    }
}

extension Invoker {
    /// `command` and its declared environment prepared for `tool`: `${pack}` and `${project}`
    /// replaced, the executable looked up, pack files made absolute, granted variables added,
    /// and the tool's sandbox when bubblewrap is available.
    func prepare(_ command: [String], environment declared: [String: String], for tool: CatalogTool)
        -> Result<PreparedCommand, PreparedCommand.Problem>
    {
        let packRoot = tool.packRoot
        guard let name = command.first.map({ substitute($0, tool) }), !name.isEmpty else { return .failure(.empty) }
        guard let executable = ProcessRunner.resolve(name) else { return .failure(.notFound(name)) }
        let arguments = command.dropFirst().map { argument -> String in
            let substituted = substitute(argument, tool)
            if let packRoot, !substituted.hasPrefix("/"), Path.problemWithRelativePath(substituted) == nil,
               FileManager.default.fileExists(atPath: Path.join(packRoot, substituted)) {
                return Path.join(packRoot, substituted)
            }
            return substituted
        }
        var environment: [String: String] = [:]
        for variable in tool.grants.grantedScopes(of: .env) { environment[variable] = context.environment[variable] }
        for (key, value) in declared { environment[key] = substitute(value, tool) }
        environment["PATH"] = ProcessRunner.searchPath
        let sandbox = ProcessSandbox.bubblewrap != nil ? tool.processSandbox(context: context) : nil
        return .success(PreparedCommand(name: name, executable: executable, arguments: arguments, environment: environment,
                                        sandbox: sandbox, packRoot: packRoot))
    }
}

struct ProcessRunner: Sendable {
    struct Output: Sendable {
        var stdout: [UInt8]
        var stderr: String
        var status: Int32
        /// Whether the process ran inside bubblewrap.
        var isSandboxed: Bool
    }

    enum Failure: Error {
        /// Killed at the deadline; how long the child ran, measured on the thread serving it.
        case timedOut(Duration)
        case outputTooLarge
        case launchFailed(String)
    }

    /// The search path handlers get; the host's `PATH` is not inherited.
    static let searchPath = "/usr/local/bin:/usr/bin:/bin"
    /// How much stderr is kept, in bytes.
    static let stderrLimit = 64 * 1024

    /// Runs a prepared command in a fresh private working directory (its `HOME`, unless the
    /// environment sets one, and its `TMPDIR`).
    func run(_ command: PreparedCommand, input: [UInt8], timeout: Duration, outputLimit: Int) async throws(Failure) -> Output {
        let name = command.name
        let directory: String
        switch ChildSpawn.makeWorkingDirectory(prefix: "quiver-call") {
        case .success(let made): directory = made
        case .failure(let failure): throw .launchFailed(failure.message)
        }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let env = ChildSpawn.environment(command.environment, workingDirectory: directory)
        let path = command.spawnPath
        let argv = command.spawnArguments(workingDirectory: directory)
        let sandboxed = path != command.executable
        let job = ChildJob(path: path, arguments: argv, environment: env, directory: directory, input: input,
                           timeout: timeout, outputLimit: outputLimit)
        let ending = await withCheckedContinuation { (continuation: CheckedContinuation<ChildJob.Ending, Never>) in
            let thread = Thread { continuation.resume(returning: job.run()) }
            thread.name = "quiver-process"
            thread.start()
        }
        switch ending {
        case .launchFailed(let message): throw .launchFailed("cannot start '\(name)': \(message)")
        case .timedOut(let elapsed): throw .timedOut(elapsed)
        case .outputTooLarge: throw .outputTooLarge
        case .exited(let status, let stdout, let stderr):
            return Output(stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self), status: status, isSandboxed: sandboxed)
        }
    }

    /// The absolute path of `name` on ``searchPath``, or `name` itself when it contains a slash.
    static func resolve(_ name: String) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        for directory in searchPath.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

/// The bubblewrap profile of one process handler, built from its pack's grants.
struct ProcessSandbox: Sendable, Hashable {
    /// Host paths bound into the sandbox at the same path; writable when `readOnly` is false.
    var binds: [(path: String, readOnly: Bool)] = []
    /// Whether the process shares the host's network (only with a `net` grant).
    var network = false

    static func == (lhs: ProcessSandbox, rhs: ProcessSandbox) -> Bool {
        lhs.network == rhs.network && lhs.binds.map(\.path) == rhs.binds.map(\.path)
            && lhs.binds.map(\.readOnly) == rhs.binds.map(\.readOnly)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(network)
        for bind in binds { hasher.combine(bind.path); hasher.combine(bind.readOnly) }
    }

    /// System locations every process needs to start, bound read-only when they exist.
    static let systemPaths = [
        "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc/alternatives", "/etc/ld.so.cache",
        "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/ssl", "/etc/ca-certificates", "/etc/passwd", "/etc/group",
        "/etc/localtime", "/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf",
    ]

    /// The arguments that precede `--` and the command.
    ///
    /// - Parameter executable: The command's resolved path. When it lives outside the system
    ///   locations (a pyenv or virtualenv interpreter, a tool under /opt), its installation prefix
    ///   is bound read-only too: the `exec` grant names that command, and it cannot start without
    ///   its own libraries.
    func arguments(packRoot: String?, workingDirectory: String, executable: String? = nil) -> [String] {
        var arguments = ["--die-with-parent", "--new-session", "--unshare-all"]
        if network { arguments.append("--share-net") }
        for path in Self.systemPaths { arguments += ["--ro-bind-try", path, path] }
        arguments += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
        if let executable, let prefix = Self.installationPrefix(of: executable) { arguments += ["--ro-bind-try", prefix, prefix] }
        if let packRoot { arguments += ["--ro-bind", packRoot, packRoot] }
        for bind in binds { arguments += [bind.readOnly ? "--ro-bind-try" : "--bind-try", bind.path, bind.path] }
        arguments += ["--bind", workingDirectory, workingDirectory, "--chdir", workingDirectory]
        return arguments
    }

    /// The directory to bind for an executable outside the system locations: the parent of its
    /// `bin` directory (`~/.pyenv/versions/3.11.7` for `~/.pyenv/versions/3.11.7/bin/python3`), or its own
    /// directory; `nil` when it is already visible, or when the prefix would be `/` or a home
    /// directory itself (too broad to expose), or a top-level directory.
    static func installationPrefix(of executable: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let resolved = realpath(executable, &buffer) != nil ? String(cString: buffer) : executable
        if systemPaths.contains(where: { resolved == $0 || resolved.hasPrefix($0 + "/") }) { return nil }
        let directory = Path.parent(resolved)
        let prefix = Path.lastComponent(directory) == "bin" ? Path.parent(directory) : directory
        let home = ProcessInfo.processInfo.environment["HOME"].map(Path.normalize)
        guard prefix != "/", prefix != home, Path.parent(prefix) != "/" else { return nil }
        return prefix
    }

    /// The path of a working `bwrap`, or `nil` when bubblewrap is missing or cannot create
    /// namespaces here (checked once, by running `bwrap … true`). `QUIVER_BUBBLEWRAP=off` turns it off.
    static let bubblewrap: String? = {
        if ProcessInfo.processInfo.environment["QUIVER_BUBBLEWRAP"] == "off" { return nil }
        guard let bwrap = ProcessRunner.resolve("bwrap") else { return nil }
        let probe = ChildJob(path: bwrap, arguments: [bwrap, "--ro-bind", "/", "/", "--unshare-all", "--die-with-parent", "true"],
                             environment: ["PATH": ProcessRunner.searchPath], directory: "/", input: [],
                             timeout: .seconds(5), outputLimit: 4096)
        if case .exited(0, _, _) = probe.run() { return bwrap }
        return nil
    }()

    /// One line for `quiver status` and the docs' troubleshooting: how process handlers are confined here.
    static var statusLine: String {
        if let bubblewrap { return "process handlers run in bubblewrap (\(bubblewrap)), with a profile built from each pack's grants" }
        return "process handlers run UNCONFINED: bubblewrap (bwrap) is not installed or cannot create namespaces here; "
            + "install it (Debian: apt-get install bubblewrap) to confine them"
    }
}

/// One child process and its pipes, served on the calling thread until the child ends or the deadline passes.
private struct ChildJob {
    enum Ending {
        case exited(Int32, [UInt8], [UInt8])
        case timedOut(Duration)
        case outputTooLarge
        case launchFailed(String)
    }

    var path: String
    var arguments: [String]
    var environment: [String: String]
    var directory: String
    var input: [UInt8]
    var timeout: Duration
    var outputLimit: Int

    func run() -> Ending {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        let child: SpawnedChild
        switch ChildSpawn.start(path: path, arguments: arguments, environment: environment, directory: directory) {
        case .success(let started): child = started
        case .failure(.pipes(let message)): return .launchFailed("pipe: \(message)")
        case .failure(.workingDirectory(let message)): return .launchFailed("cannot set the working directory: \(message)")
        case .failure(.spawn(let message)): return .launchFailed(message)
        }
        let pid = child.pid
        for fd in [child.input, child.output, child.error] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }

        var stdinFD = input.isEmpty ? Int32(-1) : child.input
        if stdinFD < 0 { close(child.input) }
        var stdoutFD = child.output, stderrFD = child.error
        var written = 0
        var stdout: [UInt8] = [], stderr: [UInt8] = []
        var status: Int32?
        var ending: Ending?
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)

        func drain(_ fd: inout Int32, into sink: inout [UInt8], limit: Int, stopWhenOver: Bool) -> Bool {
            while fd >= 0 {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if sink.count + count > limit {
                        if stopWhenOver { return false }
                        sink += buffer[0..<max(0, limit - sink.count)]
                    } else {
                        sink += buffer[0..<count]
                    }
                } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                    close(fd); fd = -1
                } else if errno == EAGAIN {
                    break
                }
            }
            return true
        }

        while ending == nil {
            if status == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid { status = Self.exitStatus(raw) }
            }
            if let status {
                // The child has exited: take what its pipes still hold, and do not wait for
                // descendants that may keep them open.
                if !drain(&stdoutFD, into: &stdout, limit: outputLimit, stopWhenOver: true) {
                    ending = .outputTooLarge
                } else {
                    _ = drain(&stderrFD, into: &stderr, limit: ProcessRunner.stderrLimit, stopWhenOver: false)
                    ending = .exited(status, stdout, stderr)
                }
                break
            }
            let remaining = deadline - clock.now
            if remaining <= .zero { ending = .timedOut(clock.now - (deadline - timeout)); break }
            var fds: [pollfd] = []
            if stdinFD >= 0 { fds.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0)) }
            if stdoutFD >= 0 { fds.append(pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)) }
            if stderrFD >= 0 { fds.append(pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0)) }
            // Poll in short slices, so that a child that exits while a descendant holds its pipes
            // is noticed quickly; with every pipe closed, only the exit is left to wait for.
            let slice = Int32(min(Self.milliseconds(remaining), fds.isEmpty ? 1 : 20))
            _ = fds.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), max(slice, 1)) }
            if stdinFD >= 0 {
                let count = input.withUnsafeBytes { write(stdinFD, $0.baseAddress! + written, $0.count - written) }
                if count > 0 { written += count }
                if written == input.count || (count < 0 && errno != EAGAIN && errno != EINTR) {
                    close(stdinFD); stdinFD = -1
                }
            }
            if !drain(&stdoutFD, into: &stdout, limit: outputLimit, stopWhenOver: true) { ending = .outputTooLarge; break }
            _ = drain(&stderrFD, into: &stderr, limit: ProcessRunner.stderrLimit, stopWhenOver: false)
        }
        for fd in [stdinFD, stdoutFD, stderrFD] where fd >= 0 { close(fd) }
        if status == nil {
            // Timed out or too much output: stop the whole group, then reap the child.
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
        } else {
            // The handler is done; anything it left running in its group goes too.
            kill(-pid, SIGKILL)
        }
        return ending ?? .timedOut(timeout)
    }

    private static func exitStatus(_ raw: Int32) -> Int32 {
        let signal = raw & 0x7f
        return signal == 0 ? (raw >> 8) & 0xff : 128 + signal
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(min(seconds, 86_400)) * 1000 + Int(attoseconds / 1_000_000_000_000_000) + 1
    }
}

/// How process handlers are confined on this machine, for `quiver status` and the servers.
public enum ProcessConfinement {
    /// The path of the working `bwrap` process handlers run in, or `nil` when they run unconfined.
    public static var bubblewrap: String? { ProcessSandbox.bubblewrap }
    /// One sentence saying how process handlers are confined here, and how to fix it when they are not.
    public static var summary: String { ProcessSandbox.statusLine }
}
