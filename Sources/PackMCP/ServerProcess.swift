#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
        let directory: String
        switch ChildSpawn.makeWorkingDirectory(prefix: "quiver-mcp") {
        case .success(let made): directory = made
        case .failure(let failure): throw LaunchError(failure.message)
        }
        let environment = ChildSpawn.environment(command.environment, workingDirectory: directory)
        let arguments = command.arguments(directory)

        let child: SpawnedChild
        switch ChildSpawn.start(path: command.executable, arguments: arguments, environment: environment, directory: directory) {
        case .success(let started):
            child = started
        case .failure(let failure):
            try? FileManager.default.removeItem(atPath: directory)
            switch failure {
            case .pipes(let message): throw LaunchError("cannot create pipes: \(message)")
            case .workingDirectory(let message), .spawn(let message):
                throw LaunchError("cannot start '\(arguments.first ?? command.executable)': \(message)")
            }
        }
        let process = ServerProcess(pid: child.pid, input: child.input, output: child.output, workingDirectory: directory)
        let errorFD = child.error
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
