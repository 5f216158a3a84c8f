import PackBasics
import PackJSON

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where commands write, swappable per task so tests can capture output in process.
public struct CommandOutput: Sendable {
    /// Writes to standard output.
    public var standardOutput: @Sendable (String) -> Void
    /// Writes to standard error.
    public var standardError: @Sendable (String) -> Void

    /// Creates an output.
    public init(standardOutput: @escaping @Sendable (String) -> Void, standardError: @escaping @Sendable (String) -> Void) {
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// The process's standard output and error.
    public static let process = CommandOutput(
        standardOutput: { text in writeAll(text, to: 1) },
        standardError: { text in writeAll(text, to: 2) })

    /// Writes every byte with POSIX `write`, retrying on interruption and short writes.
    private static func writeAll(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    /// The output commands use; tests bind it with `CommandOutput.$current.withValue(…)`.
    @TaskLocal public static var current: CommandOutput = .process
}

/// Printing helpers for commands.
enum Console {
    static func out(_ line: String = "") { CommandOutput.current.standardOutput(line + "\n") }
    static func err(_ line: String) { CommandOutput.current.standardError(line + "\n") }

    /// Prints a JSON value, pretty, on standard output.
    static func json(_ value: JSONValue) { out(value.serialized(pretty: true)) }

    /// Prints `error: message` on standard error.
    static func error(_ message: String) { err("error: " + message) }
}

extension Diagnostic {
    /// The diagnostic as a JSON object for `--json` output.
    var jsonValue: JSONValue {
        var object: JSONObject = ["severity": .string(severity.rawValue), "message": .string(message)]
        if let location {
            if let file = location.file { object["file"] = .string(file) }
            if let line = location.line { object["line"] = .number(JSONNumber(line)) }
            if let column = location.column { object["column"] = .number(JSONNumber(column)) }
            if let pointer = location.pointer { object["pointer"] = .string(pointer) }
        }
        return .object(object)
    }
}
