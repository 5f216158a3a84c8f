import PackBasics
import Testing

/// Checks diagnostics exhaustively: each expectation must match one diagnostic, and any
/// diagnostic left unmatched fails the test.
///
/// ```swift
/// expectDiagnostics(result.diagnostics) { d in
///     d.check(.error, contains: "unknown key 'nmae'", line: 3)
/// }
/// ```
public func expectDiagnostics(
    _ diagnostics: [Diagnostic], sourceLocation: Testing.SourceLocation = #_sourceLocation,
    _ body: (inout DiagnosticsTester) -> Void
) {
    var tester = DiagnosticsTester(remaining: diagnostics, sourceLocation: sourceLocation)
    body(&tester)
    for diagnostic in tester.remaining {
        Issue.record("unexpected diagnostic: \(diagnostic)", sourceLocation: sourceLocation)
    }
}

/// The checker handed to ``expectDiagnostics(_:sourceLocation:_:)``.
public struct DiagnosticsTester {
    var remaining: [Diagnostic]
    let sourceLocation: Testing.SourceLocation

    /// Expects one diagnostic of this severity whose message contains `text` (and, when given, at this line/column or file).
    public mutating func check(
        _ severity: Diagnostic.Severity, contains text: String, file: String? = nil, line: Int? = nil, column: Int? = nil
    ) {
        func matches(_ diagnostic: Diagnostic) -> Bool {
            if diagnostic.severity != severity || !diagnostic.message.contains(text) { return false }
            if let file, diagnostic.location?.file != file { return false }
            if let line, diagnostic.location?.line != line { return false }
            if let column, diagnostic.location?.column != column { return false }
            return true
        }
        guard let index = remaining.firstIndex(where: matches) else {
            let position = line.map { " at line \($0)" } ?? ""
            let rest = remaining.map { "  \($0)" }.joined(separator: "\n")
            Issue.record("expected a diagnostic [\(severity)] containing \"\(text)\"\(position); remaining:\n\(rest)",
                         sourceLocation: sourceLocation)
            return
        }
        remaining.remove(at: index)
    }
}
