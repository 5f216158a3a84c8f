import Foundation

/// Runs a command to completion and returns its exit status (the signal number when a signal
/// ended it) and its standard output and error together.
public func runToCompletion(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws
    -> (status: Int32, output: String)
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// The Python interpreter that has the official `mcp` package, found through the user's PATH
/// (pyenv and virtual environments included), or `nil`.
public let pythonWithMCP: String? = {
    guard let (status, output) = try? runToCompletion("/usr/bin/env", ["python3", "-c", "import mcp, sys; print(sys.executable)"]) else {
        return nil
    }
    let path = output.split(separator: "\n").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    return status == 0 && path.hasPrefix("/") ? path : nil
}()
