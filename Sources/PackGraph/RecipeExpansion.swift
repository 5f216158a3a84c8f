import PackBasics
import PackJSON
import PackModel
import PackSchema

/// The working state of one ``GraphBuilder/build(recipe:of:)`` call.
struct RecipeExpansion {
    /// Where placeholders take their values from.
    enum ParameterScope {
        /// The recipe's parameters; `nil` when their names are not known.
        case recipe(Set<String>?)
        /// A step's `with` arguments.
        case arguments(Set<String>, step: String)
    }

    private struct SchemaKey: Hashable {
        var pack: String
        var reference: SchemaReference
    }

    let index: TemplateIndex
    let pack: String
    let recipe: Recipe
    let recipeID: String
    let recipePointer: String
    private(set) var diagnostics: [Diagnostic] = []
    private var validators: [SchemaKey: JSONSchemaValidator?] = [:]

    init(index: TemplateIndex, pack: String, recipe: Recipe) {
        self.index = index
        self.pack = pack
        self.recipe = recipe
        recipeID = "\(pack)/\(recipe.id)"
        recipePointer = "/recipes/\(recipe.id)"
    }

    mutating func run() -> GraphSpec? {
        guard let manifest = index.manifest(of: pack) else {
            error(.recipePackNotIndexed(pack, recipe: recipeID), at: recipePointer)
            return nil
        }
        let (params, recipeNames) = resolveRecipeParams()
        let recipeScope = ParameterScope.recipe(recipeNames)
        var specs: [StepSpec?] = []
        var positions: [String: Int] = [:]
        for (position, step) in recipe.steps.enumerated() {
            if positions[step.id] == nil {
                positions[step.id] = position
            } else {
                error(.duplicateStepID(step.id, recipe: recipeID), at: stepPointer(position))
            }
        }
        for (position, step) in recipe.steps.enumerated() {
            specs.append(expand(step, at: position, positions: positions, recipeScope: recipeScope))
        }
        var verify: [GateSpec] = []
        for (position, reference) in recipe.verify.enumerated() {
            let pointer = "\(recipePointer)/verify/\(position)"
            if let gate = resolveGate(reference, owner: pack, context: "'verify' of recipe '\(recipeID)'", scope: recipeScope,
                                      pointer: pointer) {
                verify.append(gate)
            }
        }
        let order = stepOrder(positions: positions)
        let steps = (order ?? Array(specs.indices)).compactMap { specs[$0] }
        let routing = attachRouting(manifest.routing, steps: steps, verify: verify)
        guard !diagnostics.containsErrors, let order, steps.count == recipe.steps.count, order.count == steps.count else {
            return nil
        }
        return GraphSpec(id: recipeID, params: params, preconditions: recipe.preconditions, steps: steps, verify: verify,
                         routing: routing)
    }

    // MARK: Steps

    private mutating func expand(_ step: RecipeStep, at position: Int, positions: [String: Int],
                                 recipeScope: ParameterScope) -> StepSpec? {
        let pointer = stepPointer(position)
        let context = "step '\(step.id)' of recipe '\(recipeID)'"
        let dependsOn = step.after ?? (position > 0 ? [recipe.steps[position - 1].id] : [])
        for dependency in dependsOn where positions[dependency] == nil {
            error(.unknownDependency(dependency, step: step.id, recipe: recipeID), at: pointer + "/after")
        }
        checkPlaceholders(Placeholder.names(in: .object(step.with)), in: "the 'with' arguments of \(context)",
                          scope: recipeScope, pointer: pointer + "/with")
        guard let template = index.stepTemplate(step.template, from: pack) else {
            reportUnknown(.stepTemplate, step.template, from: pack, context: context, pointer: pointer)
            return nil
        }
        let owner = template.pack
        let templateContext = "step template '\(template.qualifiedID)' (\(context))"
        let scope: ParameterScope = step.with.isEmpty ? recipeScope : .arguments(Set(step.with.keys), step: step.id)
        let action = resolveAction(template.value.run, owner: owner, context: templateContext, scope: scope, pointer: pointer)
        var gates: [GateSpec] = []
        for reference in template.value.gates {
            if let gate = resolveGate(reference, owner: owner, context: templateContext, scope: scope, pointer: pointer) {
                gates.append(gate)
            }
        }
        if !step.with.isEmpty, let params = template.value.params,
           let validator = validator(for: params, of: owner, describedAs: "the params schema of step template '\(template.qualifiedID)'",
                                     pointer: pointer) {
            switch ArgumentChecker.check(.object(step.with), with: validator) {
            case .valid:
                break
            case .invalid(let problems):
                for problem in problems {
                    error(.argumentsMismatch(step: step.id, recipe: recipeID, template: template.qualifiedID, problem: problem),
                          at: pointer + "/with")
                }
            case .tooDeep:
                error(.argumentsTooDeep("the 'with' arguments of \(context)", limit: ArgumentChecker.maximumDepth), at: pointer + "/with")
            }
        }
        guard let action else { return nil }
        return StepSpec(id: step.id, template: template.qualifiedID, action: action, gates: gates,
                        retryMax: template.value.retryMax, timeoutMilliseconds: template.value.timeoutMilliseconds,
                        dependsOn: dependsOn, arguments: step.with, inheritsRecipeParameters: step.with.isEmpty)
    }

    /// The steps' positions in dependency order (ties by declaration), or `nil` on a cycle,
    /// which is reported.
    private mutating func stepOrder(positions: [String: Int]) -> [Int]? {
        var graph = DependencyGraph(count: recipe.steps.count)
        for (position, step) in recipe.steps.enumerated() where positions[step.id] == position {
            for dependency in step.after ?? (position > 0 ? [recipe.steps[position - 1].id] : []) {
                if let target = positions[dependency] { graph.addEdge(from: position, to: target) }
            }
        }
        graph.seal()
        let cycles = graph.cyclicComponents()
        for component in cycles {
            guard let cycle = graph.shortestCycle(through: component[0], within: Set(component)) else { continue }
            error(.stepCycle(cycle.map { recipe.steps[$0].id }, recipe: recipeID), at: recipePointer + "/steps")
        }
        return cycles.isEmpty ? graph.dependencyOrder() : nil
    }

    // MARK: Actions and gates

    private mutating func resolveAction(_ action: StepAction, owner: String, context: String, scope: ParameterScope,
                                        pointer: String) -> ResolvedAction? {
        switch action {
        case .command(let arguments):
            checkPlaceholders(arguments.flatMap(Placeholder.names(in:)), in: context, scope: scope, pointer: pointer)
            return .command(arguments)
        case .tool(let name, let input):
            if let input { checkPlaceholders(Placeholder.names(in: input), in: context, scope: scope, pointer: pointer) }
            guard let tool = index.tool(name, from: owner) else {
                reportUnknown(.tool, name, from: owner, context: context, pointer: pointer)
                return nil
            }
            if let input,
               let validator = validator(for: tool.value.input, of: tool.pack,
                                         describedAs: "the input schema of tool '\(tool.qualifiedID)'", pointer: pointer) {
                switch ArgumentChecker.check(input, with: validator) {
                case .valid:
                    break
                case .invalid(let problems):
                    for problem in problems { error(.toolInputMismatch(tool: tool.qualifiedID, in: context, problem: problem), at: pointer) }
                case .tooDeep:
                    error(.argumentsTooDeep("the input of tool '\(tool.qualifiedID)' in \(context)", limit: ArgumentChecker.maximumDepth),
                          at: pointer)
                }
            }
            return .tool(id: tool.qualifiedID, input: input)
        }
    }

    private mutating func resolveGate(_ reference: String, owner: String, context: String, scope: ParameterScope,
                                      pointer: String) -> GateSpec? {
        guard let gate = index.gateTemplate(reference, from: owner) else {
            reportUnknown(.gateTemplate, reference, from: owner, context: context, pointer: pointer)
            return nil
        }
        let gateContext = "gate template '\(gate.qualifiedID)' of \(context)"
        guard let action = resolveAction(gate.value.run, owner: gate.pack, context: gateContext, scope: scope, pointer: pointer)
        else { return nil }
        return GateSpec(id: gate.qualifiedID, action: action, expect: gate.value.expect)
    }

    // MARK: Parameters and placeholders

    /// The recipe's resolved params schema, and its root property names when it declares them.
    private mutating func resolveRecipeParams() -> (JSONValue?, Set<String>?) {
        guard let reference = recipe.params else { return (nil, nil) }
        let pointer = recipePointer + "/params"
        guard validator(for: reference, of: pack, describedAs: "the params schema of recipe '\(recipeID)'", pointer: pointer) != nil,
              case .found(let schema) = index.schema(reference, from: pack) else {
            return (nil, nil)
        }
        guard case .object(let properties)? = schema["properties"] else { return (schema, nil) }
        return (schema, Set(properties.keys))
    }

    private mutating func checkPlaceholders(_ names: [String], in context: String, scope: ParameterScope, pointer: String) {
        switch scope {
        case .recipe(nil):
            return
        case .recipe(let known?):
            for name in names where !known.contains(name) {
                error(.unknownRecipePlaceholder(name, in: context, recipe: recipeID, known: known.sorted()), at: pointer)
            }
        case .arguments(let keys, let step):
            for name in names where !keys.contains(name) {
                error(.placeholderWithoutArgument(name, in: context, step: step, arguments: keys.sorted()), at: pointer)
            }
        }
    }

    /// A compiled validator for `reference` seen from `owner`; problems are reported once per build.
    private mutating func validator(for reference: SchemaReference, of owner: String, describedAs what: String,
                                    pointer: String) -> JSONSchemaValidator? {
        let key = SchemaKey(pack: owner, reference: reference)
        if let cached = validators[key] { return cached }
        var compiled: JSONSchemaValidator?
        switch index.schema(reference, from: owner) {
        case .notFound(let reason):
            error(.schemaUnavailable(what, reason: reason), at: pointer)
        case .found(let schema):
            do {
                compiled = try JSONSchemaValidator(schema: schema)
            } catch {
                self.error(.schemaInvalid(what, problem: error.description), at: pointer)
            }
        }
        validators[key] = .some(compiled)
        return compiled
    }

    // MARK: Reporting

    enum ReferenceKind {
        case stepTemplate, gateTemplate, tool
    }

    private mutating func reportUnknown(_ kind: ReferenceKind, _ reference: String, from owner: String, context: String,
                                        pointer: String) {
        let (target, _) = TemplateIndex.split(reference, from: owner)
        guard let manifest = index.manifest(of: target) else {
            error(.referenceToMissingPack(kind.noun, reference, pack: target, in: context), at: pointer)
            return
        }
        let known: [String] = switch kind {
        case .stepTemplate: manifest.templates.steps.map(\.id)
        case .gateTemplate: manifest.templates.gates.map(\.id)
        case .tool: manifest.tools.map(\.name)
        }
        error(.unknownReference(kind.noun, reference, pack: target, section: kind.section, in: context, known: known.sorted()),
              at: pointer)
    }

    mutating func error(_ diagnostic: Diagnostic, at pointer: String) {
        diagnostics.append(diagnostic.located(at: SourceLocation(pointer: pointer)))
    }

    func stepPointer(_ position: Int) -> String { "\(recipePointer)/steps/\(position)" }
}

extension RecipeExpansion.ReferenceKind {
    var noun: String {
        switch self {
        case .stepTemplate: "step template"
        case .gateTemplate: "gate template"
        case .tool: "tool"
        }
    }

    var section: String {
        switch self {
        case .stepTemplate: "templates.steps"
        case .gateTemplate: "templates.gates"
        case .tool: "tools"
        }
    }
}
