import PackBasics
import PackJSON
import PackModel

/// Text and JSON summaries of a manifest, for `quiver show`.
enum ManifestSummary {
    static func text(_ manifest: Manifest, skillDescriptions: [String: String]) -> [String] {
        var lines: [String] = []
        lines.append("\(manifest.name)@\(manifest.version)" + (manifest.tier.map { " (claims tier '\($0.rawValue)')" } ?? ""))
        lines.append("  " + manifest.description)
        var facts: [String] = []
        if let kernel = manifest.kernel { facts.append("kernel \(kernel)") }
        if let license = manifest.license { facts.append("license \(license)") }
        if !manifest.authors.isEmpty { facts.append("by " + manifest.authors.map(\.name).joined(separator: ", ")) }
        if !facts.isEmpty { lines.append("  " + facts.joined(separator: " · ")) }

        section(&lines, "Capabilities requested", manifest.capabilities.map { request in
            let scopes = request.scopes.isEmpty ? "" : " " + request.scopes.joined(separator: ", ")
            return "\(request.kind.rawValue)\(scopes) — " + (request.reason ?? "(no reason given)")
        })
        section(&lines, "Tools", manifest.tools.map { tool in
            var line = "\(manifest.name)/\(tool.name) [\(handlerText(tool.handler))] — \(tool.description)"
            let limits = limitsText(tool.limits)
            if !limits.isEmpty { line += " (\(limits))" }
            if !tool.tests.isEmpty { line += " · \(tool.tests.count) test\(tool.tests.count == 1 ? "" : "s")" }
            return line
        })
        section(&lines, "Schemas", manifest.schemas.map { definition in
            switch definition.source {
            case .file(let path): "\(manifest.name).\(definition.id) — \(path)"
            case .inline: "\(manifest.name).\(definition.id) — inline"
            }
        })
        section(&lines, "Skills", manifest.skills.map { skill in
            "\(skill.name) (\(skill.activation.rawValue))" + (skillDescriptions[skill.path].map { " — \($0)" } ?? "")
        })
        if let instructions = manifest.instructions { section(&lines, "Instructions", [instructions]) }
        section(&lines, "MCP servers", manifest.mcpServers.map { server in
            switch server.transport {
            case .stdio(let command, let arguments, _): "\(server.name): " + ([command] + arguments).joined(separator: " ")
            case .http(let url, _): "\(server.name): \(url)"
            }
        })
        section(&lines, "Plugins", manifest.plugins)
        section(&lines, "Detect", manifest.detect.map { rule in
            rule.files.joined(separator: ", ") + (rule.message.map { " — \($0)" } ?? "")
        })
        section(&lines, "Step templates", manifest.templates.steps.map { "\($0.id): " + actionText($0.run) + ($0.gates.isEmpty ? "" : " → gates " + $0.gates.joined(separator: ", ")) })
        section(&lines, "Gate templates", manifest.templates.gates.map { "\($0.id): " + actionText($0.run) })
        section(&lines, "Recipes", manifest.recipes.map { recipe in
            "\(recipe.id): " + recipe.steps.map(\.id).joined(separator: " → ") + (recipe.verify.isEmpty ? "" : "; verify " + recipe.verify.joined(separator: ", "))
        })
        section(&lines, "Routing rules", manifest.routing.map(routingText))
        if let safety = manifest.safety {
            var parts: [String] = []
            if let paths = safety.writePaths { parts.append("write " + paths.joined(separator: ", ")) }
            if let tools = safety.tools { parts.append("tools " + tools.joined(separator: ", ")) }
            if let commands = safety.commands { parts.append("commands " + commands.joined(separator: ", ")) }
            switch safety.network {
            case .allow?: parts.append("network allowed")
            case .deny?: parts.append("network denied")
            case .hosts(let hosts)?: parts.append("network " + hosts.joined(separator: ", "))
            case nil: break
            }
            section(&lines, "Safety policy", parts)
        }
        section(&lines, "Services", manifest.services.provides.map { "provides \($0.id) via \($0.tool)" }
                + manifest.services.requires.map { "requires \($0.id)" + ($0.optional ? " (optional)" : "") })
        section(&lines, "Hooks", manifest.hooks.map { "\($0.point.rawValue) → \($0.tool)" + ($0.match.map { " for " + $0.joined(separator: ", ") } ?? "") })
        section(&lines, "Background tasks", manifest.background.map { "\($0.name): \($0.tool) every \($0.everySeconds)s" })
        return lines
    }

    private static func section(_ lines: inout [String], _ title: String, _ items: [String]) {
        guard !items.isEmpty else { return }
        lines.append("")
        lines.append("\(title):")
        lines.append(contentsOf: items.map { "  " + $0 })
    }

    static func handlerText(_ handler: Handler) -> String {
        switch handler {
        case .wasm(let wasm): "wasm \(wasm.module)" + (wasm.sha256 == nil ? "" : " (pinned)")
        case .process(let process): "process " + process.command.joined(separator: " ") + (process.protocol == .mcp ? " (mcp)" : "")
        case .mcp(let mcp): "mcp \(mcp.server)/\(mcp.tool ?? "")"
        case .builtin(let name): "builtin \(name)"
        }
    }

    static func limitsText(_ limits: ResourceLimits) -> String {
        var parts: [String] = []
        if let timeout = limits.timeoutMilliseconds { parts.append("timeout \(timeout) ms") }
        if let memory = limits.memoryMegabytes { parts.append("memory \(memory) MiB") }
        if let output = limits.outputKilobytes { parts.append("output \(output) KiB") }
        if let fuel = limits.fuel { parts.append("fuel \(fuel)") }
        return parts.joined(separator: ", ")
    }

    static func actionText(_ action: StepAction) -> String {
        switch action {
        case .tool(let name, _): "tool \(name)"
        case .command(let argv): argv.joined(separator: " ")
        }
    }

    static func routingText(_ rule: RoutingRule) -> String {
        let when: String = switch rule.when {
        case .gate(let gate, let result): "gate \(gate) \(result.rawValue)s"
        case .step(let step, let outcome): "step \(step) \(outcome)"
        case .violation(let kind): "\(kind.rawValue) violation"
        }
        let then: String = switch rule.then {
        case .abort: "abort"
        case .continue: "continue"
        case .skip: "skip"
        case .retry(let count): "retry up to \(count) times"
        case .goto(let step): "go to \(step)"
        case .escalate(let message): "escalate: \(message)"
        }
        return "when \(when) → \(then)"
    }

    static func json(_ manifest: Manifest, skillDescriptions: [String: String]) -> JSONObject {
        func strings(_ list: [String]) -> JSONValue { .array(list.map { .string($0) }) }
        var object: JSONObject = [
            "name": .string(manifest.name),
            "version": .string(manifest.version.description),
            "description": .string(manifest.description),
        ]
        if let kernel = manifest.kernel { object["kernel"] = .string(kernel.description) }
        if let tier = manifest.tier { object["tier"] = .string(tier.rawValue) }
        object["capabilities"] = .array(manifest.capabilities.map { request in
            var entry: JSONObject = ["kind": .string(request.kind.rawValue), "scopes": strings(request.scopes)]
            entry["reason"] = request.reason.map { .string($0) } ?? .null
            return .object(entry)
        })
        object["tools"] = .array(manifest.tools.map { tool in
            var entry: JSONObject = [
                "id": .string("\(manifest.name)/\(tool.name)"), "name": .string(tool.name),
                "description": .string(tool.description), "handler": .string(handlerText(tool.handler)),
                "handler_kind": .string(tool.handler.kind), "tests": .number(JSONNumber(tool.tests.count)),
            ]
            let limits = limitsText(tool.limits)
            if !limits.isEmpty { entry["limits"] = .string(limits) }
            return .object(entry)
        })
        object["schemas"] = strings(manifest.schemas.map { "\(manifest.name).\($0.id)" })
        object["skills"] = .array(manifest.skills.map { skill in
            var entry: JSONObject = ["name": .string(skill.name), "path": .string(skill.path), "activation": .string(skill.activation.rawValue)]
            if let description = skillDescriptions[skill.path] { entry["description"] = .string(description) }
            return .object(entry)
        })
        object["instructions"] = manifest.instructions.map { .string($0) } ?? .null
        object["mcp_servers"] = strings(manifest.mcpServers.map(\.name))
        object["plugins"] = strings(manifest.plugins)
        object["step_templates"] = strings(manifest.templates.steps.map(\.id))
        object["gate_templates"] = strings(manifest.templates.gates.map(\.id))
        object["recipes"] = strings(manifest.recipes.map(\.id))
        object["routing_rules"] = strings(manifest.routing.map(routingText))
        object["services_provided"] = strings(manifest.services.provides.map(\.id))
        object["services_required"] = strings(manifest.services.requires.map(\.id))
        object["hooks"] = strings(manifest.hooks.map { "\($0.point.rawValue):\($0.tool)" })
        object["background"] = strings(manifest.background.map(\.name))
        return object
    }
}
