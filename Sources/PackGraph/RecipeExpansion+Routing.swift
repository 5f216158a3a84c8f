import PackModel

extension RecipeExpansion {
    /// The rules of the recipe's pack that concern this graph, rewritten to its names.
    ///
    /// Gate names become `pack/gate`; a `step` condition naming a step template instead of a step
    /// ID is repeated for every step using that template; `goto` targets become step IDs, and a
    /// target that is not a step of the graph is an error.
    mutating func attachRouting(_ rules: [RoutingRule], steps: [StepSpec], verify: [GateSpec]) -> [RoutingRule] {
        let known = Set(recipe.steps.map(\.id))
        let gates = Set(steps.flatMap { $0.gates.map(\.id) } + verify.map(\.id))
        var attached: [RoutingRule] = []
        for (position, rule) in rules.enumerated() {
            let conditions: [RoutingRule.Condition]
            switch rule.when {
            case .gate(let name, let result):
                let id = qualified(name)
                conditions = gates.contains(id) ? [.gate(id, result: result)] : []
            case .step(let name, let outcome):
                conditions = stepIDs(named: name, in: known).map { .step($0, outcome: outcome) }
            case .violation:
                conditions = [rule.when]
            }
            guard !conditions.isEmpty else { continue }
            var action = rule.then
            if case .goto(let target) = rule.then {
                let candidates = stepIDs(named: target, in: known)
                switch candidates.count {
                case 1:
                    action = .goto(candidates[0])
                case 0:
                    error(.gotoUnknownStep(target, rule: position, pack: pack, recipe: recipeID), at: "/routing/\(position)/then")
                    continue
                default:
                    error(.gotoAmbiguousStep(target, rule: position, pack: pack, recipe: recipeID, steps: candidates),
                          at: "/routing/\(position)/then")
                    continue
                }
            }
            attached += conditions.map { RoutingRule(when: $0, then: action) }
        }
        return attached
    }

    /// `name` itself when it is a step ID of the recipe, otherwise the IDs of the steps whose
    /// template it names (in declaration order).
    private func stepIDs(named name: String, in known: Set<String>) -> [String] {
        if known.contains(name) { return [name] }
        let template = qualified(name)
        var seen = Set<String>()
        return recipe.steps.filter { qualifiedTemplate(of: $0) == template && seen.insert($0.id).inserted }.map(\.id)
    }

    private func qualified(_ name: String) -> String {
        let (owner, local) = TemplateIndex.split(name, from: pack)
        return "\(owner)/\(local)"
    }

    private func qualifiedTemplate(of step: RecipeStep) -> String {
        qualified(step.template)
    }
}
