public import PackBasics
public import PackJSON
public import PackModel

/// One tool call, as recorded: what ran, for whom, how it ended, how long it took.
public struct InvocationRecord: Sendable, Hashable {
    /// The tool ID, `pack/tool`.
    public var tool: String
    /// The pack version that ran.
    public var version: String
    /// The calling model or client, when known (MCP client info, `_meta`, an HTTP header).
    public var caller: String?
    /// How the call ended.
    public var outcome: InvocationOutcome
    /// Wall-clock time of the whole pipeline.
    public var latency: Duration
    /// Validation errors of the input or the output, as "at /path: message".
    public var validationErrors: [String]
    /// The size of the handler's output in bytes.
    public var outputBytes: Int

    /// Creates a record.
    public init(tool: String, version: String, caller: String?, outcome: InvocationOutcome, latency: Duration,
                validationErrors: [String], outputBytes: Int) {
        self.tool = tool
        self.version = version
        self.caller = caller
        self.outcome = outcome
        self.latency = latency
        self.validationErrors = validationErrors
        self.outputBytes = outputBytes
    }
}

/// Receives every ``InvocationRecord``; persistence lives behind it.
public protocol InvocationRecorder: Sendable {
    /// Records one call.
    func record(_ record: InvocationRecord) async
}

/// The result of a call: the output, or the failure with its outcome and message.
public struct InvocationResult: Sendable {
    /// How the call ended.
    public var outcome: InvocationOutcome
    /// The output, when the call succeeded.
    public var output: JSONValue?
    /// What went wrong, when it did not.
    public var error: String?
    /// Handler diagnostics (stderr), bounded.
    public var diagnostics: String
    /// The record handed to the recorder.
    public var record: InvocationRecord
    /// How long the handler itself ran, measured where it ran (the guest's thread, or the thread
    /// serving a child process) and so free of scheduling delays on the caller's side; `nil` when
    /// no handler ran.
    public var handlerTime: Duration?

    /// The result as JSON: `{outcome, output | error, latency_ms, validation_errors}`.
    public var jsonValue: JSONValue {
        var object: JSONObject = [
            "outcome": .string(outcome.rawValue), "tool": .string(record.tool), "version": .string(record.version),
            "latency_ms": .number(JSONNumber(exactly: Double(record.latency.components.seconds) * 1000
                + Double(record.latency.components.attoseconds) / 1e15) ?? JSONNumber(0)),
        ]
        if let output { object["output"] = output }
        if let error { object["error"] = .string(error) }
        if !record.validationErrors.isEmpty { object["validation_errors"] = .array(record.validationErrors.map { .string($0) }) }
        if !diagnostics.isEmpty { object["diagnostics"] = .string(diagnostics) }
        return .object(object)
    }
}

/// An error of the caller, not of the tool: the tool does not exist.
public struct InvocationError: Error, Sendable, CustomStringConvertible {
    /// What went wrong and how to fix it.
    public var message: String
    public var description: String { message }
}
