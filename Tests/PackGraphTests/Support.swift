import PackBasics
import PackJSON
import PackGraph
import PackModel
import Testing

/// Expects exactly the listed diagnostics, in any order: each expectation (severity and a piece of
/// the message) must match one diagnostic, and any diagnostic left unmatched fails the test.
func expectDiagnostics(_ diagnostics: [Diagnostic], _ expected: [(Diagnostic.Severity, String)],
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    var remaining = diagnostics
    for (severity, text) in expected {
        guard let index = remaining.firstIndex(where: { $0.severity == severity && $0.message.contains(text) }) else {
            let rest = remaining.map { "  \($0)" }.joined(separator: "\n")
            Issue.record("expected a diagnostic [\(severity)] containing \"\(text)\"; remaining:\n\(rest)", sourceLocation: sourceLocation)
            continue
        }
        remaining.remove(at: index)
    }
    for diagnostic in remaining {
        Issue.record("unexpected diagnostic: \(diagnostic)", sourceLocation: sourceLocation)
    }
}

/// A tool with an object input schema and a builtin handler.
func makeTool(_ name: String, input: SchemaReference = .inline(["type": "object"])) -> Tool {
    Tool(name: name, description: "does \(name)", input: input, handler: .builtin(name))
}

/// A manifest with only the workflow-related sections filled in.
func makeManifest(
    _ name: String, tools: [Tool] = [], schemas: [SchemaDefinition] = [], steps: [StepTemplate] = [],
    gates: [GateTemplate] = [], recipes: [Recipe] = [], routing: [RoutingRule] = []
) -> Manifest {
    Manifest(name: name, version: Version(1, 0, 0), schemas: schemas, tools: tools, templates: Templates(steps: steps, gates: gates),
             recipes: recipes, routing: routing)
}

/// A service participant written compactly: provided IDs, required IDs and optional IDs.
func participant(_ pack: String, provides: [String] = [], requires: [String] = [], optional: [String] = []) -> ServiceParticipant {
    ServiceParticipant(pack: pack, provides: provides.map { ProvidedService(id: $0, tool: "serve") },
                       requires: requires.map { RequiredService(id: $0) } + optional.map { RequiredService(id: $0, optional: true) })
}
