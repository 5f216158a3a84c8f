import Foundation
import PackBasics
import Synchronization

/// Runs a process handler: JSON on stdin, JSON on stdout, with a scrubbed environment, a temporary
/// working directory, bounded output and a timeout that kills the process.
///
/// Only the `exec` grant lets a process handler install at all; this runner does not sandbox the
/// file system or the network (bubblewrap profiles come with the runtime issue), so process
/// handlers are for trusted packs only.
struct ProcessRunner: Sendable {
    struct Output: Sendable {
        var stdout: [UInt8]
        var stderr: String
        var status: Int32
    }

    enum Failure: Error {
        case timedOut
        case outputTooLarge
        case launchFailed(String)
    }

    /// Runs `command`. Arguments that name files of the pack become absolute paths; `${pack}` is replaced.
    func run(command: [String], environment: [String: String], packRoot: String?, input: [UInt8],
             timeout: Duration, outputLimit: Int) async throws(Failure) -> Output {
        let process = Process()
        let executable = command[0]
        var arguments = Array(command.dropFirst())
        if let packRoot {
            arguments = arguments.map { argument in
                let substituted = argument.replacingOccurrences(of: "${pack}", with: packRoot)
                if !substituted.hasPrefix("/"), Path.problemWithRelativePath(substituted) == nil,
                   FileManager.default.fileExists(atPath: Path.join(packRoot, substituted)) {
                    return Path.join(packRoot, substituted)
                }
                return substituted
            }
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quiver-call-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .launchFailed("cannot create a working directory: \(error)")
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        process.environment = environment.merging(["PATH": "/usr/local/bin:/usr/bin:/bin"]) { current, _ in current }
        process.currentDirectoryURL = directory
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr

        let collected = Mutex<(out: [UInt8], err: [UInt8], tooLarge: Bool)>(([], [], false))
        stdout.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            collected.withLock { state in
                if state.out.count + data.count > outputLimit { state.tooLarge = true } else { state.out += data }
            }
        }
        stderr.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            collected.withLock { state in
                if state.err.count < 64 * 1024 { state.err += data.prefix(64 * 1024 - state.err.count) }
            }
        }
        do {
            try process.run()
        } catch {
            throw .launchFailed("cannot start '\(executable)': \(error.localizedDescription)")
        }
        try? stdin.fileHandleForWriting.write(contentsOf: Data(input))
        try? stdin.fileHandleForWriting.close()

        // Poll for exit (every 2 ms) until the deadline; simple, and bounded by the timeout.
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while process.isRunning && clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(2))
        }
        let timedOut = process.isRunning
        if timedOut {
            // Foundation starts the child in its own process group; killing the group stops
            // everything the handler started (a shell's children too), not just the first process.
            let pid = process.processIdentifier
            if getpgid(pid) == pid { kill(-pid, SIGKILL) }
            kill(pid, SIGKILL)
        }
        process.waitUntilExit()
        stdout.fileHandleForReading.readabilityHandler = nil
        stderr.fileHandleForReading.readabilityHandler = nil
        // After a timeout, descendants outside the group could still hold the pipe: do not wait for them.
        let rest = timedOut ? Data() : stdout.fileHandleForReading.readDataToEndOfFile()
        let state = collected.withLock { state in
            if state.out.count + rest.count > outputLimit { state.tooLarge = true } else { state.out += rest }
            return state
        }
        if timedOut { throw .timedOut }
        if state.tooLarge { throw .outputTooLarge }
        return Output(stdout: state.out, stderr: String(decoding: state.err, as: UTF8.self), status: process.terminationStatus)
    }
}
