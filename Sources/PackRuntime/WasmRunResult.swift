public import PackJSON

/// What a handler call produced when the guest exited with status 0.
///
/// The runner returns stdout as bytes and does not judge them; ``json()`` is the contract check
/// callers apply next. Granted secret values are redacted from ``output``, ``standardError`` and
/// ``log`` (see ``WasmRunner``).
public struct WasmRunResult: Sendable, Hashable {
    /// Everything the guest wrote to stdout (at most ``RuntimeLimits/outputBytes``).
    public var output: [UInt8]
    /// What the guest wrote to stderr, decoded as UTF-8 (at most ``RuntimeLimits/diagnosticBytes``).
    public var standardError: String
    /// The lines the guest passed to `quiver.log`, in order (bounded like ``standardError``).
    public var log: [String]
    /// How many bytes of stderr and log were dropped past the limit.
    public var droppedDiagnosticBytes: Int
    /// The guest's exit status; always 0, since other statuses are failures.
    public var exitCode: Int32
    /// The fuel the call consumed, roughly the number of WebAssembly operators executed.
    public var fuelUsed: UInt64
    /// Wall-clock time from the start of the call (its thread, instantiation) to exit.
    public var duration: Duration
    /// Requests the sandbox refused while the guest kept running (an ungranted host or secret).
    public var denials: [SandboxDenial]

    /// Creates a result.
    public init(
        output: [UInt8], standardError: String = "", log: [String] = [], droppedDiagnosticBytes: Int = 0,
        exitCode: Int32 = 0, fuelUsed: UInt64 = 0, duration: Duration = .zero, denials: [SandboxDenial] = []
    ) {
        self.output = output
        self.standardError = standardError
        self.log = log
        self.droppedDiagnosticBytes = droppedDiagnosticBytes
        self.exitCode = exitCode
        self.fuelUsed = fuelUsed
        self.duration = duration
        self.denials = denials
    }

    /// Parses ``output`` as the one JSON value the handler contract promises.
    ///
    /// Leading and trailing whitespace (such as a final newline) is accepted.
    ///
    /// - Parameter maxDepth: The deepest nesting accepted. (Default: 512)
    /// - Returns: The parsed value.
    /// - Throws: ``HandlerFailure`` with reason ``HandlerFailure/Reason/invalidOutput(_:)`` naming
    ///   the position of the problem.
    public func json(maxDepth: Int = 512) throws(HandlerFailure) -> JSONValue {
        do {
            return try JSONParser.parse(output, options: .init(maxDepth: maxDepth))
        } catch {
            throw HandlerFailure(.invalidOutput(error.description), standardError: standardError, log: log)
        }
    }

    /// Turns the first denial, if any, into a failure, for callers whose policy is to abort when a
    /// handler reaches for something it was not granted.
    ///
    /// - Throws: ``HandlerFailure`` with reason ``HandlerFailure/Reason/permissionDenied(_:)``.
    public func requireNoDenials() throws(HandlerFailure) {
        if let denial = denials.first {
            throw HandlerFailure(.permissionDenied(denial.message), standardError: standardError, log: log)
        }
    }
}

/// A request the sandbox refused: the guest got an error code and kept running.
public struct SandboxDenial: Sendable, Hashable, CustomStringConvertible {
    /// The capability the request needed.
    public enum Capability: String, Sendable, Hashable {
        /// `quiver.http` to a host no `net` grant covers.
        case net
        /// `quiver.secret` for a name no `secret` grant covers.
        case secret
    }

    /// The capability the request needed.
    public var capability: Capability
    /// What was asked for: `host:port` for `net`, the secret's name for `secret`.
    public var scope: String

    /// Creates a denial.
    public init(capability: Capability, scope: String) {
        self.capability = capability
        self.scope = scope
    }

    /// What was refused and the grant that would allow it.
    public var message: String {
        switch capability {
        case .net:
            "handler was denied network access to '\(scope)'; grant 'net: [\"\(scope)\"]' to the pack to allow it"
        case .secret:
            "handler was denied secret '\(scope)'; grant 'secret: [\(scope)]' to the pack to allow it"
        }
    }

    /// The message.
    public var description: String { message }
}
