#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CQuiverSystem
import Foundation
import PackBasics
import PackKernel
import Synchronization

/// A local MCP server process: spawned with `posix_spawn` in a process group of its own, its
/// standard input and output as the MCP connection, its standard error kept (bounded) for
/// messages, and a private working directory removed when it ends.
final class ServerProcess: Sendable {
    /// The child's process ID.
    let pid: pid_t
    /// The write end of the child's standard input.
    let input: Int32
    /// The read end of the child's standard output.
    let output: Int32
    let workingDirectory: String
    private let errorTail = Mutex<[UInt8]>([])
    private let ended = Mutex(false)

    /// How much of standard error is kept, in bytes.
    static let errorTailLimit = 8 * 1024

    private init(pid: pid_t, input: Int32, output: Int32, workingDirectory: String) {
        self.pid = pid
        self.input = input
        self.output = output
        self.workingDirectory = workingDirectory
    }

    /// The last lines the server wrote to standard error.
    var standardErrorTail: String {
        String(decoding: errorTail.withLock { $0 }, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Spawns `command` in a new private working directory.
    static func spawn(_ command: MCPServerLaunch.StdioCommand) throws(LaunchError) -> ServerProcess {
        let directory = Path.temporary("quiver-mcp-\(UUID().uuidString.prefix(12))")
        guard mkdir(directory, 0o700) == 0 else {
            throw LaunchError("cannot create a working directory in \(NSTemporaryDirectory()): \(String(cString: strerror(errno)))")
        }
        var environment = command.environment
        environment["HOME"] = environment["HOME"] ?? directory
        environment["TMPDIR"] = directory
        let arguments = command.arguments(directory)

        var stdinPipe: [Int32] = [-1, -1], stdoutPipe: [Int32] = [-1, -1], stderrPipe: [Int32] = [-1, -1]
        guard quiver_pipe_cloexec(&stdinPipe) == 0, quiver_pipe_cloexec(&stdoutPipe) == 0,
              quiver_pipe_cloexec(&stderrPipe) == 0 else {
            let message = String(cString: strerror(errno))
            for fd in stdinPipe + stdoutPipe + stderrPipe where fd >= 0 { close(fd) }
            try? FileManager.default.removeItem(atPath: directory)
            throw LaunchError("cannot create pipes: \(message)")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        // No other descriptor of the host reaches the server (see quiver_spawn_add_closefrom).
        _ = quiver_spawn_add_closefrom(&actions, 3)
        _ = quiver_spawn_add_chdir(&actions, directory)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        sigaddset(&defaultSignals, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command.executable, &actions, &attributes, argv, envp)
        close(stdinPipe[0]); close(stdoutPipe[1]); close(stderrPipe[1])
        guard spawned == 0 else {
            close(stdinPipe[1]); close(stdoutPipe[0]); close(stderrPipe[0])
            try? FileManager.default.removeItem(atPath: directory)
            throw LaunchError("cannot start '\(arguments.first ?? command.executable)': \(String(cString: strerror(spawned)))")
        }
        let process = ServerProcess(pid: pid, input: stdinPipe[1], output: stdoutPipe[0], workingDirectory: directory)
        let errorFD = stderrPipe[0]
        let thread = Thread { process.drainStandardError(errorFD) }
        thread.name = "quiver-mcp-stderr"
        thread.start()
        return process
    }

    /// Reads standard error until the child closes it, keeping the tail; then reaps the child.
    private func drainStandardError(_ fd: Int32) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            errorTail.withLock { tail in
                tail += buffer[0..<count]
                if tail.count > Self.errorTailLimit { tail.removeFirst(tail.count - Self.errorTailLimit) }
            }
        }
        close(fd)
    }

    /// Stops the server and everything it started (its process group), reaps it, and removes
    /// its working directory. Safe to call more than once.
    func terminate() {
        let first = ended.withLock { ended in
            defer { ended = true }
            return !ended
        }
        guard first else { return }
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        try? FileManager.default.removeItem(atPath: workingDirectory)
    }
}

/// A server that could not be started.
struct LaunchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Path {
    /// A path in the temporary directory.
    static func temporary(_ name: String) -> String {
        Path.join(NSTemporaryDirectory(), name)
    }
}
