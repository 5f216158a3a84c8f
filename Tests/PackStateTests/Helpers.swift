import Foundation
import PackKernel
import PackModel
import PackState
import Synchronization
import Testing

/// A clock tests move by hand.
final class ManualClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_700_000_000)) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: Double) { current.withLock { $0 += seconds } }

    /// The closure a store takes.
    var function: @Sendable () -> Date { { self.now } }
}

/// An invocation record with defaults for the fields a test does not care about.
func makeRecord(_ tool: String = "demo/echo", version: String = "1.0.0", caller: String? = "model-a",
                outcome: InvocationOutcome = .ok, latency: Duration = .milliseconds(2),
                validationErrors: [String] = [], outputBytes: Int = 10) -> InvocationRecord {
    InvocationRecord(tool: tool, version: version, caller: caller, outcome: outcome, latency: latency,
                     validationErrors: validationErrors, outputBytes: outputBytes)
}

/// Runs Python's sqlite3 module on a database file: a second, independent SQLite client.
enum SQLiteClient {
    /// `python3` from `PATH` (CI installs it for the MCP tests).
    static let python: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/usr/local/bin")
        .split(separator: ":").map { $0 + "/python3" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Executes `sql` (a script) against `path` and returns what the script printed.
    @discardableResult
    static func execute(_ sql: String, on path: String) throws -> String {
        try run("import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.executescript(sys.argv[2])\nc.commit()", arguments: [path, sql])
    }

    /// Runs one query against `path` and returns its rows, one line each, columns joined by `|`.
    static func query(_ sql: String, on path: String) throws -> [String] {
        let output = try run("""
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            for row in c.execute(sys.argv[2]): print('|'.join(str(v) for v in row))
            """, arguments: [path, sql])
        return output.split(separator: "\n").map(String.init)
    }

    /// Starts a process holding an exclusive write lock on `path` for `seconds`; returns once it holds it.
    static func holdWriteLock(on path: String, seconds: Double) throws -> Process {
        let script = """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute('BEGIN EXCLUSIVE')
            print('locked', flush=True)
            time.sleep(float(sys.argv[2]))
            c.execute('COMMIT')
            """
        let (process, output) = try start(script, arguments: [path, String(seconds)])
        let line = output.fileHandleForReading.availableData
        guard String(decoding: line, as: UTF8.self).contains("locked") else {
            process.terminate()
            throw SQLiteClientError(message: "the lock holder did not start")
        }
        return process
    }

    private static func run(_ script: String, arguments: [String]) throws -> String {
        let (process, output) = try start(script, arguments: arguments)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SQLiteClientError(message: "python sqlite3 failed: \(process.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }

    private static func start(_ script: String, arguments: [String]) throws -> (Process, Pipe) {
        guard let python else { throw SQLiteClientError(message: "python3 not found") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        return (process, output)
    }
}

struct SQLiteClientError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
