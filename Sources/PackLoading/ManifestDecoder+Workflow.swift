import PackBasics
import PackJSON
import PackModel

extension ManifestDecoder {
    mutating func decodeTemplates(_ value: JSONValue?) -> Templates {
        guard let value, let object = object(value, at: "/templates", what: "'templates'") else { return Templates() }
        checkKeys(object, at: "/templates", known: ["steps", "gates"], what: "'templates'")
        var templates = Templates()
        if let steps = object["steps"] {
            for (id, item, pointer) in keyedEntries(steps, at: "/templates/steps", what: "'templates.steps'") {
                if !Identifiers.isIdentifier(id) { error(ManifestMessages.invalidIdentifier(id, kind: "step template ID"), at: pointer, key: true) }
                let what = "step template '\(id)'"
                guard let step = self.object(item, at: pointer, what: what) else { continue }
                checkKeys(step, at: pointer, known: ["params", "run", "gates", "retry", "timeout_ms"], what: what)
                let params = step["params"].flatMap { schemaReference($0, at: Self.child(pointer, "params"), what: "'params' of \(what)") }
                guard let runValue = step["run"] else {
                    error(ManifestMessages.missingKey("run", in: what) + " with { tool: name } or { command: [...] }", at: pointer)
                    continue
                }
                guard let run = decodeAction(runValue, at: Self.child(pointer, "run"), what: "'run' of \(what)") else { continue }
                let gates = strings(step, "gates", at: pointer, what: what) ?? []
                var retryMax = 0
                if let retry = step["retry"] {
                    let retryPointer = Self.child(pointer, "retry")
                    if let retryObject = self.object(retry, at: retryPointer, what: "'retry' of \(what)") {
                        checkKeys(retryObject, at: retryPointer, known: ["max"], what: "'retry' of \(what)")
                        retryMax = integer(retryObject, "max", at: retryPointer, what: "'retry' of \(what)", range: 0...10) ?? 0
                    }
                }
                let timeout = integer(step, "timeout_ms", at: pointer, what: what, range: 1...86_400_000)
                templates.steps.append(StepTemplate(id: id, params: params, run: run, gates: gates, retryMax: retryMax,
                                                    timeoutMilliseconds: timeout))
            }
        }
        if let gates = object["gates"] {
            for (id, item, pointer) in keyedEntries(gates, at: "/templates/gates", what: "'templates.gates'") {
                if !Identifiers.isIdentifier(id) { error(ManifestMessages.invalidIdentifier(id, kind: "gate template ID"), at: pointer, key: true) }
                let what = "gate template '\(id)'"
                guard let gate = self.object(item, at: pointer, what: what) else { continue }
                checkKeys(gate, at: pointer, known: ["command", "tool", "input", "expect"], what: what)
                guard let run = decodeAction(item, at: pointer, what: what, allowExtraKeys: true) else { continue }
                var expect: GateTemplate.Expectation?
                if let expectValue = gate["expect"] {
                    let expectPointer = Self.child(pointer, "expect")
                    if let expectObject = self.object(expectValue, at: expectPointer, what: "'expect' of \(what)") {
                        checkKeys(expectObject, at: expectPointer, known: ["exit", "output"], what: "'expect' of \(what)")
                        if expectObject["exit"] != nil && expectObject["output"] != nil {
                            error("'expect' of \(what) has both 'exit' and 'output'; a gate checks one of them", at: expectPointer)
                        }
                        if let exit = integer(expectObject, "exit", at: expectPointer, what: "'expect' of \(what)", range: 0...255) {
                            expect = .exitStatus(Int32(exit))
                        } else if let output = expectObject["output"] {
                            expect = .output(output)
                        }
                    }
                }
                templates.gates.append(GateTemplate(id: id, run: run, expect: expect))
            }
        }
        return templates
    }

    /// `{ tool: name, input: {...} }` or `{ command: [argv] }`.
    private mutating func decodeAction(_ value: JSONValue, at pointer: String, what: String, allowExtraKeys: Bool = false) -> StepAction? {
        guard let object = object(value, at: pointer, what: what) else { return nil }
        if !allowExtraKeys { checkKeys(object, at: pointer, known: ["tool", "input", "command"], what: what) }
        let hasTool = object["tool"] != nil, hasCommand = object["command"] != nil
        if hasTool == hasCommand {
            error("\(what) must have exactly one of 'tool' and 'command'", at: pointer)
            return nil
        }
        if hasTool {
            guard let tool = nonEmptyString(object, "tool", at: pointer, what: what) else { return nil }
            return .tool(name: tool, input: object["input"])
        }
        guard let command = strings(object, "command", at: pointer, what: what, allowSingle: false) else { return nil }
        if command.isEmpty {
            error("'command' of \(what) is empty; give the program and its arguments", at: Self.child(pointer, "command"))
            return nil
        }
        return .command(command)
    }

    mutating func decodeRecipes(_ value: JSONValue?) -> [Recipe] {
        guard let value else { return [] }
        var recipes: [Recipe] = []
        for (id, item, pointer) in keyedEntries(value, at: "/recipes", what: "'recipes'") {
            if !Identifiers.isIdentifier(id) { error(ManifestMessages.invalidIdentifier(id, kind: "recipe ID"), at: pointer, key: true) }
            let what = "recipe '\(id)'"
            guard let recipe = object(item, at: pointer, what: what) else { continue }
            checkKeys(recipe, at: pointer, known: ["description", "params", "preconditions", "steps", "verify"], what: what)
            let params = recipe["params"].flatMap { schemaReference($0, at: Self.child(pointer, "params"), what: "'params' of \(what)") }
            var preconditions: [Precondition] = []
            if let list = recipe["preconditions"], let items = array(list, at: Self.child(pointer, "preconditions"), what: "'preconditions' of \(what)") {
                for (index, entry) in items.enumerated() {
                    let entryPointer = Self.child(Self.child(pointer, "preconditions"), index)
                    guard let object = object(entry, at: entryPointer, what: "a precondition of \(what)") else { continue }
                    let known = ["command_exists", "file_exists", "env"]
                    checkKeys(object, at: entryPointer, known: known, what: "a precondition")
                    guard object.count == 1, let key = object.keys.first, known.contains(key),
                          case .string(let argument)? = object[key] else {
                        error("a precondition of \(what) must be one of { command_exists: name }, { file_exists: path }, { env: NAME }",
                              at: entryPointer)
                        continue
                    }
                    switch key {
                    case "command_exists": preconditions.append(.commandExists(argument))
                    case "file_exists": preconditions.append(.fileExists(argument))
                    default: preconditions.append(.environmentVariable(argument))
                    }
                }
            }
            var steps: [RecipeStep] = []
            if let list = recipe["steps"], let items = array(list, at: Self.child(pointer, "steps"), what: "'steps' of \(what)") {
                for (index, entry) in items.enumerated() {
                    let entryPointer = Self.child(Self.child(pointer, "steps"), index)
                    switch entry {
                    case .string(let template):
                        steps.append(RecipeStep(template: template))
                    case .object(let object):
                        checkKeys(object, at: entryPointer, known: ["step", "id", "with", "after"], what: "a step of \(what)")
                        guard let template = string(object, "step", at: entryPointer, what: "a step of \(what)", required: true) else { continue }
                        var with = JSONObject()
                        if let withValue = object["with"], let withObject = self.object(withValue, at: Self.child(entryPointer, "with"), what: "'with'") {
                            with = withObject
                        }
                        steps.append(RecipeStep(template: template, id: string(object, "id", at: entryPointer, what: "a step of \(what)"),
                                                with: with, after: strings(object, "after", at: entryPointer, what: "a step of \(what)")))
                    default:
                        error(ManifestMessages.wrongType("a step of \(what)", expected: "a step template ID or { step: id, with: {...} }",
                                                         found: Self.describe(entry)), at: entryPointer)
                    }
                }
            } else if recipe["steps"] == nil {
                error(ManifestMessages.missingKey("steps", in: what), at: pointer)
            }
            if steps.isEmpty, recipe["steps"] != nil {
                error("\(what) has no steps; list at least one step template", at: Self.child(pointer, "steps"))
            }
            let verify = strings(recipe, "verify", at: pointer, what: what) ?? []
            recipes.append(Recipe(id: id, description: string(recipe, "description", at: pointer, what: what), params: params,
                                  preconditions: preconditions, steps: steps, verify: verify))
        }
        return recipes
    }
}
