public import PackModel

/// Why a handler call failed, with a message that says what to change.
///
/// The invocation pipeline records ``outcome`` and shows ``message``; ``standardError`` and ``log``
/// keep what the guest said before it failed (bounded by ``RuntimeLimits/diagnosticBytes``), with
/// granted secret values redacted.
public struct HandlerFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Hashable {
        /// The call ran past its wall-clock limit and was stopped.
        ///
        /// Make the handler faster, or raise `timeout_ms` in the tool's `limits`.
        case timedOut(after: Duration)
        /// The guest asked for more linear memory than ``RuntimeLimits/memoryBytes`` allows, and
        /// failed because it was refused.
        ///
        /// Reduce the handler's memory use, or raise `memory_mb` in the tool's `limits`.
        case memoryLimitExceeded
        /// The guest used its whole fuel budget (``RuntimeLimits/fuel``) before the deadline.
        ///
        /// Make the handler do less work, or raise `fuel` in the tool's `limits`.
        case fuelExhausted(budget: UInt64)
        /// The guest wrote more than `limit` bytes to stdout and was stopped.
        ///
        /// Return less data, or raise `output_kb` in the tool's `limits`.
        case outputTooLarge(limit: Int)
        /// The sandbox refused something the call needs; the text names it and the grant to add.
        case permissionDenied(String)
        /// The guest trapped (`exitStatus` is `nil`) or exited with a non-zero status.
        ///
        /// `message` is the first line of the trap text, or the first line the guest wrote to
        /// stderr. A trap of "call stack exhausted" means unbounded recursion.
        case crashed(exitStatus: Int32?, message: String)
        /// The bytes are not a module this runtime can run: not WebAssembly, invalid, the wrong
        /// digest, or imports and exports outside the handler contract.
        case invalidModule(String)
        /// The guest exited successfully but its stdout is not the JSON the contract promises.
        case invalidOutput(String)
        /// The caller's task was cancelled, and the guest was stopped.
        case cancelled
    }

    /// What went wrong.
    public var reason: Reason
    /// What the guest wrote to stderr before it failed (bounded, secrets redacted).
    public var standardError: String
    /// What the guest wrote through `quiver.log` before it failed (bounded, secrets redacted).
    public var log: [String]
    /// How long the call ran, from its start until the guest stopped or was abandoned; `nil` when
    /// no guest code ran (an invalid module or an unusable grant).
    public var duration: Duration?

    /// Creates a failure.
    public init(_ reason: Reason, standardError: String = "", log: [String] = [], duration: Duration? = nil) {
        self.reason = reason
        self.standardError = standardError
        self.log = log
        self.duration = duration
    }

    /// How the invocation ended, for `InvocationRecord` and the front ends.
    ///
    /// Time limits give `timeout`; memory, fuel and output limits give `resource_exhausted`; the
    /// sandbox gives `denied`; bad output gives `output_invalid`; everything else `handler_error`.
    public var outcome: InvocationOutcome {
        switch reason {
        case .timedOut: .timeout
        case .memoryLimitExceeded, .fuelExhausted, .outputTooLarge: .resourceExhausted
        case .permissionDenied: .denied
        case .crashed, .invalidModule, .cancelled: .handlerError
        case .invalidOutput: .outputInvalid
        }
    }

    /// What went wrong and what to change, in the project's message style.
    public var message: String {
        switch reason {
        case .timedOut(let after):
            "handler did not finish within \(Self.milliseconds(after)) ms; make it faster or raise 'timeout_ms' in the tool's limits"
        case .memoryLimitExceeded:
            "handler ran out of memory under its memory limit; use less memory or raise 'memory_mb' in the tool's limits"
        case .fuelExhausted(let budget):
            "handler used its whole fuel budget of \(budget) units; make it do less work or raise 'fuel' in the tool's limits"
        case .outputTooLarge(let limit):
            "handler wrote more than \(Self.size(limit)) to stdout; return less data or raise 'output_kb' in the tool's limits"
        case .permissionDenied(let detail):
            detail
        case .crashed(let status?, let message):
            message.isEmpty
                ? "handler exited with status \(status); see its stderr"
                : "handler exited with status \(status): \(message)"
        case .crashed(nil, let message):
            "handler trapped: \(message)"
        case .invalidModule(let detail):
            "module is not a usable handler: \(detail)"
        case .invalidOutput(let detail):
            "handler output is not valid JSON: \(detail); write exactly one JSON value to stdout"
        case .cancelled:
            "handler was stopped because the call was cancelled"
        }
    }

    /// The message, as `error: <description>` shows it.
    public var description: String { message }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds &* 1000 &+ attoseconds / 1_000_000_000_000_000
    }

    /// A byte count in the unit the manifest uses for it.
    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
