/// A problem found while reading or checking something, reported with its location and a remedy.
///
/// Diagnostics are values: validators collect *all* of them and return them together, so that a
/// pack author sees every problem at once. Thrown errors are for operations that failed.
///
/// Messages follow one style: they start in lower case, have no final full stop, quote names in
/// single quotes, and give the remedy after `; `.
///
/// ```swift
/// let diagnostic = Diagnostic.error("unknown key 'nmae'; did you mean 'name'?",
///                                   at: .init(file: "PACK.yaml", line: 3, column: 1))
/// print(diagnostic)  // PACK.yaml:3:1: error: unknown key 'nmae'; did you mean 'name'?
/// ```
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a diagnostic is; errors make a pack invalid, warnings and notes do not.
    public enum Severity: String, Sendable, Hashable, Comparable, Codable, CaseIterable {
        case note
        case warning
        case error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// The severity of the problem.
    public var severity: Severity
    /// What is wrong and, after `; `, how to fix it.
    public var message: String
    /// Where the problem is, when known.
    public var location: SourceLocation?

    /// Creates a diagnostic.
    public init(severity: Severity, message: String, location: SourceLocation? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    /// Creates an error diagnostic.
    public static func error(_ message: String, at location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(severity: .error, message: message, location: location)
    }

    /// Creates a warning diagnostic.
    public static func warning(_ message: String, at location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(severity: .warning, message: message, location: location)
    }

    /// Creates a note diagnostic.
    public static func note(_ message: String, at location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(severity: .note, message: message, location: location)
    }

    /// The same diagnostic at another location.
    public func located(at location: SourceLocation?) -> Diagnostic {
        var copy = self
        copy.location = location
        return copy
    }

    /// The compiler-style text: `file:line:column: severity: message`.
    public var description: String {
        if let location {
            return "\(location): \(severity.rawValue): \(message)"
        }
        return "\(severity.rawValue): \(message)"
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }

    /// The diagnostics sorted by file, line, column, then message, for stable output.
    public func sortedByLocation() -> [Diagnostic] {
        sorted { lhs, rhs in
            let l = lhs.location, r = rhs.location
            if (l?.file ?? "") != (r?.file ?? "") { return (l?.file ?? "") < (r?.file ?? "") }
            if (l?.line ?? 0) != (r?.line ?? 0) { return (l?.line ?? 0) < (r?.line ?? 0) }
            if (l?.column ?? 0) != (r?.column ?? 0) { return (l?.column ?? 0) < (r?.column ?? 0) }
            if (l?.pointer ?? "") != (r?.pointer ?? "") { return (l?.pointer ?? "") < (r?.pointer ?? "") }
            return lhs.message < rhs.message
        }
    }
}
