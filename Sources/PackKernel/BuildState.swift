import PackBasics
import PackGraph
import PackJSON
import PackModel
import PackSchema

/// The mutable state of one ``CatalogBuilder/build()`` run.
struct BuildState {
    let policy: HostPolicy
    let schemaCache: SchemaCache
    var packs: [CatalogPack] = []
    var tools: [String: CatalogTool] = [:]
    var schemas: [String: JSONValue] = [:]
    var hooks: [CatalogHook] = []
    var background: [String: BackgroundTask] = [:]
    var reports: [InstallReport] = []
    var diagnostics: [Diagnostic] = []
    var services: [String: String] = [:]
    var exposed: [String: String] = [:]
    var extensions: JSONObject = [:]
    /// Manifests as installed (skipped templates removed), for recipe expansion and routing.
    var installedManifests: [(input: PackInput, manifest: Manifest, isDefault: Bool)] = []
    /// Index of each pack's report in `reports`.
    var reportIndex: [PackIdentity: Int] = [:]

    init(policy: HostPolicy, schemaCache: SchemaCache) {
        self.policy = policy
        self.schemaCache = schemaCache
    }

    /// Registers a default version's named schemas as `pack.id`.
    mutating func registerSchemas(of manifest: Manifest, files: [String: JSONValue]) {
        for definition in manifest.schemas {
            switch definition.source {
            case .inline(let schema): schemas["\(manifest.name).\(definition.id)"] = schema
            case .file(let path): if let value = files[path] { schemas["\(manifest.name).\(definition.id)"] = value }
            }
        }
    }

    mutating func refuse(_ input: PackInput, tier: Tier, extra: [Diagnostic], decisions: [CapabilityDecision] = []) {
        reports.append(InstallReport(pack: input.label, origin: input.origin.description, status: .refused, tier: tier,
                                     decisions: decisions, diagnostics: input.diagnostics + extra))
    }

    mutating func install(_ input: PackInput, manifest original: Manifest, grants: Grants, isDefault: Bool, degraded: Bool,
                          extraDiagnostics: [Diagnostic], hostHandlers: Set<String>) {
        var manifest = original
        let name = manifest.name
        let identity = manifest.identity
        let tier = policy.tier(of: name, builtin: input.origin == .builtin)
        var installed: [Contribution] = []
        var skipped: [SkippedContribution] = []
        var notes = extraDiagnostics
        let root: String? = if case .directory(let path) = input.origin { path } else { nil }

        // Schemas, namespaced `pack.id` (default version) and resolvable inside the pack by bare ID.
        var localSchemas: [String: JSONValue] = [:]
        for definition in manifest.schemas {
            let value: JSONValue? = switch definition.source {
            case .inline(let schema): schema
            case .file(let path): input.schemaFiles[path]
            }
            guard let value else {
                skipped.append(SkippedContribution(Contribution("schema", definition.id), reason: "its file could not be read"))
                continue
            }
            localSchemas[definition.id] = value
            if isDefault { schemas["\(name).\(definition.id)"] = value }
            installed.append(Contribution("schema", definition.id))
        }

        func resolve(_ reference: SchemaReference) -> JSONValue? {
            switch reference {
            case .inline(let schema): return schema
            case .file(let path): return input.schemaFiles[path]
            case .named(let id):
                if let local = localSchemas[id] { return local }
                if let slash = id.firstIndex(of: "/") {
                    return schemas["\(id[..<slash]).\(id[id.index(after: slash)...])"]
                }
                return nil
            }
        }

        // Tools.
        var toolNames = Set<String>()
        for tool in manifest.tools {
            let contribution = Contribution("tool", tool.name)
            if let reason = handlerProblem(tool, input: input, grants: grants, hostHandlers: hostHandlers) {
                skipped.append(SkippedContribution(contribution, reason: reason))
                continue
            }
            guard let inputSchema = resolve(tool.input) else {
                skipped.append(SkippedContribution(contribution, reason: "its input schema cannot be resolved; declare it or install the pack that provides it"))
                continue
            }
            let outputSchema = tool.output.flatMap(resolve)
            if tool.output != nil && outputSchema == nil {
                skipped.append(SkippedContribution(contribution, reason: "its output schema cannot be resolved; declare it or install the pack that provides it"))
                continue
            }
            let inputValidator: JSONSchemaValidator
            var outputValidator: JSONSchemaValidator?
            do {
                inputValidator = try schemaCache.validator(for: inputSchema)
                outputValidator = try outputSchema.map { schema throws(JSONSchemaError) in try schemaCache.validator(for: schema) }
            } catch {
                skipped.append(SkippedContribution(contribution, reason: "its schema does not compile: \(error)"))
                continue
            }
            let catalogTool = CatalogTool(id: "\(name)/\(tool.name)", pack: identity, tool: tool, exposedName: nil,
                                          inputSchema: inputSchema, outputSchema: outputSchema, inputValidator: inputValidator,
                                          outputValidator: outputValidator, packRoot: root, grants: grants)
            tools["\(name)@\(manifest.version)/\(tool.name)"] = catalogTool
            if isDefault { tools["\(name)/\(tool.name)"] = catalogTool }
            toolNames.insert(tool.name)
            installed.append(contribution)
        }

        // Knowledge needs no capability: activation writes it into agent configurations.
        installed += manifest.skills.map { Contribution("skill", $0.name) }
        if let instructions = manifest.instructions { installed.append(Contribution("instructions", instructions)) }
        installed += manifest.mcpServers.map { Contribution("mcp-server", $0.name) }
        installed += manifest.plugins.map { Contribution("plugin", $0) }
        installed += manifest.detect.indices.map { Contribution("detect", String($0)) }

        // Templates that run commands need the command in the `exec` grant.
        func commandProblem(_ action: StepAction) -> String? {
            guard case .command(let argv) = action, let command = argv.first else { return nil }
            return grants.isGranted(.exec, scope: command) ? nil
                : "it runs '\(command)', and the host does not grant 'exec' for it; grant it in the host policy"
        }
        manifest.templates.steps = manifest.templates.steps.filter { step in
            if let reason = commandProblem(step.run) {
                skipped.append(SkippedContribution(Contribution("step-template", step.id), reason: reason))
                return false
            }
            installed.append(Contribution("step-template", step.id))
            return true
        }
        manifest.templates.gates = manifest.templates.gates.filter { gate in
            if let reason = commandProblem(gate.run) {
                skipped.append(SkippedContribution(Contribution("gate-template", gate.id), reason: reason))
                return false
            }
            installed.append(Contribution("gate-template", gate.id))
            return true
        }

        // Services, hooks and background tasks need their grant and an installed tool.
        func toolProblem(_ tool: String, needs kind: CapabilityKind) -> String? {
            if !grants.isGranted(kind) { return "the host does not grant '\(kind.rawValue)'; grant it in the host policy" }
            if !toolNames.contains(tool) { return "its tool '\(tool)' is not installed" }
            return nil
        }
        manifest.services.provides = manifest.services.provides.filter { service in
            if let reason = toolProblem(service.tool, needs: .serviceProvide) {
                skipped.append(SkippedContribution(Contribution("service", service.id), reason: reason))
                return false
            }
            installed.append(Contribution("service", service.id))
            return true
        }
        for requirement in manifest.services.requires {
            let contribution = Contribution("service-requirement", requirement.id)
            if grants.isGranted(.serviceRequire) { installed.append(contribution) } else {
                skipped.append(SkippedContribution(contribution, reason: "the host does not grant 'service.require'; grant it in the host policy"))
            }
        }
        for (index, hook) in manifest.hooks.enumerated() {
            let contribution = Contribution("hook", "\(hook.point.rawValue):\(hook.tool)#\(index)")
            if let reason = toolProblem(hook.tool, needs: .hook) {
                skipped.append(SkippedContribution(contribution, reason: reason))
                continue
            }
            if isDefault { hooks.append(CatalogHook(pack: name, hook: hook, toolID: "\(name)/\(hook.tool)")) }
            installed.append(contribution)
        }
        for task in manifest.background {
            let contribution = Contribution("background-task", task.name)
            if let reason = toolProblem(task.tool, needs: .background) {
                skipped.append(SkippedContribution(contribution, reason: reason))
                continue
            }
            if isDefault { background["\(name)/\(task.name)"] = task }
            installed.append(contribution)
        }

        // The safety policy the pack proposes, narrowed by the host's.
        var effectiveSafety: SafetyPolicy?
        if manifest.safety != nil || policy.safety != nil {
            let merged = PolicyMerge.mergeSafety(host: policy.safety, pack: manifest.safety, packName: name)
            effectiveSafety = merged.effective
            notes += merged.diagnostics
            if manifest.safety != nil { installed.append(Contribution("safety-policy", name)) }
        }
        installed += manifest.routing.indices.map { Contribution("routing-rule", String($0)) }

        packs.append(CatalogPack(manifest: manifest, tier: tier, root: root, grants: grants, safety: effectiveSafety,
                                 isDefaultVersion: isDefault))
        installedManifests.append((input, manifest, isDefault))
        let status: InstallReport.Status = degraded || !skipped.isEmpty ? .degraded : .installed
        reportIndex[identity] = reports.count
        reports.append(InstallReport(pack: input.label, origin: input.origin.description, status: status, tier: tier,
                                     decisions: grants.decisions, installed: installed, skipped: skipped,
                                     diagnostics: input.diagnostics + notes + denialNotes(grants)))
    }

    /// Why a tool's handler cannot be installed, or `nil`.
    private func handlerProblem(_ tool: Tool, input: PackInput, grants: Grants, hostHandlers: Set<String>) -> String? {
        switch tool.handler {
        case .process(let process):
            return grants.isGranted(.exec, scope: process.command[0]) ? nil
                : "its process handler runs '\(process.command[0])', and the host does not grant 'exec' for it; grant it in the host policy"
        case .builtin(let handler):
            return input.builtinHandlers[handler] != nil || hostHandlers.contains(handler) ? nil
                : "no builtin handler '\(handler)' is registered by the host; builtin handlers come from the embedding application"
        case .mcp(let handler):
            guard let server = input.manifest?.mcpServers.first(where: { $0.name == handler.server }) else {
                return "its MCP server '\(handler.server)' is not declared"
            }
            if case .stdio(let command, _, _) = server.transport, !grants.isGranted(.exec, scope: command) {
                return "its MCP server runs '\(command)', and the host does not grant 'exec' for it; grant it in the host policy"
            }
            return nil
        case .wasm:
            return nil
        }
    }

    private func denialNotes(_ grants: Grants) -> [Diagnostic] {
        grants.decisions.compactMap { decision in
            decision.denialReason.map { Diagnostic.note($0 + "; add a grant rule to the host policy to allow it") }
        }
    }
}
