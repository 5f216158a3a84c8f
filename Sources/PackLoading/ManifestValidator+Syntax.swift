import PackBasics
import PackModel

extension ManifestValidator {
    /// The syntax checks the decoder makes on text, for manifests built in code (``PackDefinition``),
    /// so that built-in packs meet exactly the rules packs on disk meet.
    func checkModelSyntax() {
        if manifest.format != 1 { error(ManifestMessages.unsupportedFormat(manifest.format), at: "/format") }
        if !Identifiers.isPackName(manifest.name) { error(ManifestMessages.invalidPackName(manifest.name), at: "/name") }
        if manifest.description.allSatisfy(\.isWhitespace) {
            error("the manifest's 'description' is empty; say what the pack is for", at: "/description")
        }
        for (index, request) in manifest.capabilities.enumerated() {
            if request.kind.takesScopes && request.scopes.isEmpty {
                error("capability '\(request.kind.rawValue)' needs scopes; list \(request.kind.scopeDescription)", at: "/capabilities/\(index)")
            }
            for scope in request.scopes {
                if let problem = CapabilitySyntax.problem(with: scope, kind: request.kind) {
                    error("scope '\(scope)' of capability '\(request.kind.rawValue)' \(problem)", at: "/capabilities/\(index)")
                }
            }
        }
        for definition in manifest.schemas where !Identifiers.isIdentifier(definition.id) {
            error(ManifestMessages.invalidIdentifier(definition.id, kind: "schema ID"), at: "/schemas")
        }
        for (index, tool) in manifest.tools.enumerated() {
            if !Identifiers.isToolName(tool.name) { error(ManifestMessages.invalidToolName(tool.name), at: "/tools/\(index)/name") }
            if tool.description.allSatisfy(\.isWhitespace) {
                error("tool '\(tool.name)' has an empty 'description'; say what it does", at: "/tools/\(index)/description")
            }
            let limits = tool.limits
            let checks: [(String, Int?, ClosedRange<Int>)] = [
                ("timeout_ms", limits.timeoutMilliseconds, ResourceLimits.timeoutRange),
                ("memory_mb", limits.memoryMegabytes, ResourceLimits.memoryRange),
                ("output_kb", limits.outputKilobytes, ResourceLimits.outputRange),
                ("fuel", limits.fuel, ResourceLimits.fuelRange),
            ]
            for (key, value, range) in checks {
                if let value, !range.contains(value) {
                    error("'\(key)' of the limits of tool '\(tool.name)' is \(value), outside the accepted range "
                          + "\(range.lowerBound)...\(range.upperBound); use a value in that range", at: "/tools/\(index)/limits/\(key)")
                }
            }
        }
        let ids = manifest.templates.steps.map(\.id) + manifest.templates.gates.map(\.id) + manifest.recipes.map(\.id)
            + manifest.services.provides.map(\.id) + manifest.services.requires.map(\.id)
        for id in ids where !Identifiers.isIdentifier(id) {
            error(ManifestMessages.invalidIdentifier(id, kind: "ID"), at: "")
        }
    }
}
