import PackBasics
import PackJSON
import PackModel

extension ManifestValidator {
    private func requested(_ kind: CapabilityKind) -> Bool {
        manifest.capabilities.contains { $0.kind == kind }
    }

    /// Every scope of every request of `kind` (a kind may be requested more than once).
    private func scopes(of kind: CapabilityKind) -> [String] {
        manifest.capabilities.filter { $0.kind == kind }.flatMap(\.scopes)
    }

    /// Why running `command` is not covered by the pack's `exec` request, or `nil` when it is.
    private func execProblem(_ command: String, for field: String) -> String? {
        guard requested(.exec) else {
            return "\(field) runs '\(command)' but the pack does not request 'exec'; "
                + "add '- exec: [\(Path.lastComponent(command))]' with a reason to 'capabilities'"
        }
        let allowed = scopes(of: .exec)
        if allowed.contains(command) || allowed.contains(Path.lastComponent(command)) { return nil }
        return "\(field) runs '\(command)', which the 'exec' capability does not list; add it to the scopes"
    }

    private static func keyPointer(_ base: String, _ key: String) -> String {
        base + "/" + key.replacingOccurrences("~", "~0").replacingOccurrences("/", "~1")
    }

    func checkTools() {
        var seen: [String: Int] = [:]
        // Servers with errors of their own still count as declared, so their tools get no second error.
        var servers = manifest.mcpServers.map(\.name)
        if case .object(let declared)? = document["mcp"] { servers = Array(Set(servers).union(declared.keys)) }
        for (index, tool) in manifest.tools.enumerated() {
            var pointer: String { toolPointer(tool, index: index) }
            if seen[tool.name] != nil {
                error(ManifestMessages.duplicate("tool", tool.name), at: pointer + "/name")
            }
            seen[tool.name] = index
            checkSchemaReference(tool.input, field: "'input' of tool '\(tool.name)'", at: pointer + "/input", mustBeObject: true)
            if let output = tool.output {
                checkSchemaReference(output, field: "'output' of tool '\(tool.name)'", at: pointer + "/output")
            }
            switch tool.handler {
            case .wasm(let wasm):
                if let absolute = checkPath(wasm.module, field: "wasm module", owner: "of tool '\(tool.name)'", at: pointer + "/handler/wasm"),
                   !wasm.module.hasSuffix(".wasm") {
                    _ = absolute
                    warning("wasm module '\(wasm.module)' of tool '\(tool.name)' does not end in '.wasm'; check the path",
                            at: pointer + "/handler/wasm")
                }
            case .process(let process):
                if let problem = execProblem(process.command[0], for: "the process handler of tool '\(tool.name)'") {
                    error(problem, at: pointer + "/handler/process")
                }
                let command = process.command[0]
                if !command.hasPrefix("/") && command.contains("/") {
                    checkPath(command, field: "command", owner: "of tool '\(tool.name)'", at: pointer + "/handler/process/0")
                }
            case .mcp(let handler):
                if !servers.contains(handler.server) {
                    error(ManifestMessages.dangling("MCP server", handler.server, field: "the handler of tool '\(tool.name)'", known: servers),
                          at: pointer + "/handler/mcp")
                } else if let server = manifest.mcpServers.first(where: { $0.name == handler.server }),
                          case .stdio(let command, _, _) = server.transport,
                          let problem = execProblem(command, for: "the MCP server '\(handler.server)' of tool '\(tool.name)'") {
                    // Quiver starts the server itself to proxy the tool, so it runs a process.
                    error(problem, at: pointer + "/handler/mcp")
                }
            case .builtin:
                break
            }
            for (testIndex, test) in tool.tests.enumerated() {
                if case .output = test.expect, tool.output == nil {
                    warning("test \(testIndex) of tool '\(tool.name)' expects an output but the tool declares no 'output' schema; "
                            + "add one so outputs are validated", at: pointer + "/tests/\(testIndex)")
                }
            }
        }
    }

    func checkKnowledge() {
        var names = Set<String>()
        for (index, skill) in manifest.skills.enumerated() {
            var pathPointer: String {
                let pointer = pointer(inArray: "/skills", key: "path", equals: skill.path, fallback: index)
                return document[pointerTokens: pointer]?.stringValue == nil ? pointer + "/path" : pointer
            }
            let field = "skill"
            guard let directory = checkPath(skill.path, field: field, at: pathPointer, expect: .directory) else { continue }
            if !names.insert(skill.name).inserted {
                error(ManifestMessages.duplicate("skill", skill.name), at: pathPointer)
                continue
            }
            do {
                // Read straight away: a missing file is the read's error, so no `stat` comes first.
                let bytes = try fileSystem.readRegularFile(at: Path.join(directory, "SKILL.md"), limit: limits.maxBytes)
                for problem in SkillFrontMatter.problems(in: bytes, expectedName: skill.name, limits: limits) {
                    collected.diagnostics.append(problem.located(at: SourceLocation(
                        file: Path.join(skill.path, "SKILL.md"), line: problem.location?.line, column: problem.location?.column)))
                }
            } catch where [.notFound, .isADirectory, .notADirectory, .notARegularFile].contains(error.code) {
                self.error("skill '\(skill.path)' has no SKILL.md; add '\(skill.path)/SKILL.md' with 'name' and 'description' front matter",
                           at: pathPointer)
                continue
            } catch {
                collected.diagnostics.append(.error(error.message, at: SourceLocation(file: Path.join(skill.path, "SKILL.md"))))
            }
            if skill.activation == .detect && manifest.detect.isEmpty {
                warning("skill '\(skill.path)' activates on detect but the pack has no 'detect' rules; add one or use 'always'",
                        at: pathPointer)
            }
        }
        if let instructions = manifest.instructions {
            checkPath(instructions, field: "instructions file", at: "/instructions")
        }
        for (name, server) in manifest.mcpServers.map({ ($0.name, $0) }) {
            if case .stdio(let command, _, _) = server.transport, command.contains("/"), !command.hasPrefix("/"), !command.hasPrefix("$") {
                checkPath(command, field: "command", owner: "of MCP server '\(name)'", at: Self.keyPointer("/mcp", name) + "/command")
            }
        }
        var plugins = Set<String>()
        for (index, plugin) in manifest.plugins.enumerated() {
            if plugin.isEmpty || plugin.contains(" ") {
                error("plugin '\(plugin)' is not a plugin specification; write 'name@range' such as '@scope/plugin@^1.0'", at: "/plugins/\(index)")
            }
            if !plugins.insert(plugin).inserted { error(ManifestMessages.duplicate("plugin", plugin), at: "/plugins/\(index)") }
        }
    }

    func checkWorkflow() {
        let tools = manifest.tools.map(\.name)
        let steps = manifest.templates.steps.map(\.id)
        let gates = manifest.templates.gates.map(\.id)
        func checkAction(_ action: StepAction, field: String, at pointer: @autoclosure () -> String, into validator: ManifestValidator) {
            switch action {
            case .tool(let name, _):
                // `other-pack/tool` resolves when the catalog is built.
                if !name.contains("/") && !tools.contains(name) {
                    validator.error(ManifestMessages.dangling("tool", name, field: field, known: tools), at: pointer() + "/tool")
                }
            case .command(let argv):
                if let problem = validator.execProblem(argv[0], for: field) {
                    validator.error(problem, at: pointer() + "/command")
                }
            }
        }
        for step in manifest.templates.steps {
            let pointer = Self.keyPointer("/templates/steps", step.id)
            checkAction(step.run, field: "step template '\(step.id)'", at: pointer + "/run", into: self)
            if let params = step.params { checkSchemaReference(params, field: "'params' of step template '\(step.id)'", at: pointer + "/params") }
            for (index, gate) in step.gates.enumerated() where !gates.contains(gate) {
                error(ManifestMessages.dangling("gate", gate, field: "step template '\(step.id)'", known: gates), at: pointer + "/gates/\(index)")
            }
        }
        for gate in manifest.templates.gates {
            checkAction(gate.run, field: "gate template '\(gate.id)'", at: Self.keyPointer("/templates/gates", gate.id), into: self)
        }
        for recipe in manifest.recipes {
            let pointer = Self.keyPointer("/recipes", recipe.id)
            if let params = recipe.params { checkSchemaReference(params, field: "'params' of recipe '\(recipe.id)'", at: pointer + "/params") }
            var ids = Set<String>()
            for (index, step) in recipe.steps.enumerated() {
                let stepPointer = pointer + "/steps/\(index)"
                // `other-pack/step` names another pack's template; it resolves when the catalog is built.
                if !step.template.contains("/") && !steps.contains(step.template) {
                    error(ManifestMessages.dangling("step template", step.template, field: "recipe '\(recipe.id)'", known: steps),
                          at: stepPointer)
                }
                if !ids.insert(step.id).inserted {
                    error("recipe '\(recipe.id)' uses the step ID '\(step.id)' twice; give the second one an 'id:'", at: stepPointer)
                }
                for dependency in step.after ?? [] where !recipe.steps.contains(where: { $0.id == dependency }) {
                    error("step '\(step.id)' of recipe '\(recipe.id)' runs after unknown step '\(dependency)'; use a step ID of this recipe",
                          at: stepPointer + "/after")
                }
            }
            if let cycle = Self.cycle(in: recipe) {
                error("recipe '\(recipe.id)' has a dependency cycle: " + cycle.joined(separator: " -> ") + "; remove one 'after' link", at: pointer + "/steps")
            }
            for (index, gate) in recipe.verify.enumerated() where !gates.contains(gate) {
                error(ManifestMessages.dangling("gate", gate, field: "'verify' of recipe '\(recipe.id)'", known: gates), at: pointer + "/verify/\(index)")
            }
        }
        let recipeSteps = Set(manifest.recipes.flatMap { $0.steps.map(\.id) }).union(steps)
        for (index, rule) in manifest.routing.enumerated() {
            switch rule.when {
            case .gate(let gate, _) where !gates.contains(gate):
                error(ManifestMessages.dangling("gate", gate, field: "routing rule \(index)", known: gates), at: "/routing/\(index)/when/gate")
            case .step(let step, _) where !recipeSteps.contains(step):
                error(ManifestMessages.dangling("step", step, field: "routing rule \(index)", known: Array(recipeSteps)), at: "/routing/\(index)/when/step")
            default:
                break
            }
            if case .goto(let step) = rule.then, !recipeSteps.contains(step) {
                error(ManifestMessages.dangling("step", step, field: "'goto' of routing rule \(index)", known: Array(recipeSteps)),
                      at: "/routing/\(index)/then")
            }
        }
        if let safety = manifest.safety {
            for (index, tool) in (safety.tools ?? []).enumerated() where !tools.contains(tool) {
                error(ManifestMessages.dangling("tool", tool, field: "'safety.tools'", known: tools), at: "/safety/tools/\(index)")
            }
        }
    }

    /// A cycle among a recipe's steps (following `after`, or the previous step by default), if any.
    static func cycle(in recipe: Recipe) -> [String]? {
        var edges: [String: [String]] = [:]
        for (index, step) in recipe.steps.enumerated() {
            edges[step.id] = step.after ?? (index > 0 ? [recipe.steps[index - 1].id] : [])
        }
        var state: [String: Int] = [:]   // 1 = on the stack, 2 = done
        for start in recipe.steps.map(\.id) where state[start] == nil {
            var stack: [(String, Int)] = [(start, 0)]
            var path: [String] = [start]
            state[start] = 1
            while let (node, next) = stack.last {
                let targets = edges[node] ?? []
                if next < targets.count {
                    stack[stack.count - 1].1 += 1
                    let target = targets[next]
                    if state[target] == 1 {
                        let from = path.firstIndex(of: target) ?? 0
                        return Array(path[from...]) + [target]
                    }
                    if state[target] == nil, edges[target] != nil {
                        state[target] = 1
                        stack.append((target, 0))
                        path.append(target)
                    }
                } else {
                    state[node] = 2
                    stack.removeLast()
                    path.removeLast()
                }
            }
        }
        return nil
    }

    func checkServicesHooksBackground() {
        let tools = manifest.tools.map(\.name)
        var provided = Set<String>()
        for (index, service) in manifest.services.provides.enumerated() {
            let pointer = "/services/provides/\(index)"
            if !provided.insert(service.id).inserted { error(ManifestMessages.duplicate("provided service", service.id), at: pointer + "/id") }
            if !tools.contains(service.tool) {
                error(ManifestMessages.dangling("tool", service.tool, field: "service '\(service.id)'", known: tools), at: pointer + "/tool")
            }
        }
        if !manifest.services.provides.isEmpty && !requested(.serviceProvide) {
            error("the pack provides services but does not request 'service.provide'; add '- service.provide: true' to 'capabilities'",
                  at: "/services/provides")
        }
        var required = Set<String>()
        for (index, service) in manifest.services.requires.enumerated() {
            if !required.insert(service.id).inserted { error(ManifestMessages.duplicate("required service", service.id), at: "/services/requires/\(index)") }
            if provided.contains(service.id) {
                error("the pack both provides and requires service '\(service.id)'; remove the requirement", at: "/services/requires/\(index)")
            }
        }
        if !manifest.services.requires.isEmpty && !requested(.serviceRequire) {
            error("the pack requires services but does not request 'service.require'; add '- service.require: true' to 'capabilities'",
                  at: "/services/requires")
        }
        for (index, hook) in manifest.hooks.enumerated() where !tools.contains(hook.tool) {
            error(ManifestMessages.dangling("tool", hook.tool, field: "hook \(index)", known: tools), at: "/hooks/\(index)/tool")
        }
        if !manifest.hooks.isEmpty && !requested(.hook) {
            error("the pack declares hooks but does not request 'hook'; add '- hook: true' to 'capabilities'", at: "/hooks")
        }
        var names = Set<String>()
        for (index, task) in manifest.background.enumerated() {
            if !names.insert(task.name).inserted { error(ManifestMessages.duplicate("background task", task.name), at: "/background/\(index)/name") }
            if !tools.contains(task.tool) {
                error(ManifestMessages.dangling("tool", task.tool, field: "background task '\(task.name)'", known: tools), at: "/background/\(index)/tool")
            }
        }
        if !manifest.background.isEmpty && !requested(.background) {
            error("the pack declares background tasks but does not request 'background'; add '- background: true' to 'capabilities'",
                  at: "/background")
        }
    }
}

extension JSONValue {
    /// The value at a JSON pointer, or `nil`.
    /// Resolves an RFC 6901 pointer such as `/tools/0/name`.
    subscript(pointerTokens pointer: String) -> JSONValue? {
        var current = self
        guard !pointer.isEmpty else { return current }
        guard pointer.hasPrefix("/") else { return nil }
        for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = String(raw)
            if raw.utf8.contains(UInt8(ascii: "~")) { token = token.replacingOccurrences("~1", "/").replacingOccurrences("~0", "~") }
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let items):
                guard let index = Int(token), items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }
}
