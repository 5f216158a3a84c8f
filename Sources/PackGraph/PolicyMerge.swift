public import PackBasics
public import PackModel

/// Merges what several packs and the host say about routing and safety into one effective answer.
///
/// Both merges are deterministic: the result depends on the packs' names and declaration order,
/// never on the order of the input.
public enum PolicyMerge {
    /// Merges the routing rules of several packs.
    ///
    /// Rules are ordered by pack name, then by their position in the pack; gate, step and `goto`
    /// names are qualified as `pack/name` (a `goto` stays local to its pack). Rules with the same
    /// condition and the same action are kept once, the first. Rules with the same condition and
    /// different actions conflict: one warning names every rule involved, and the **more
    /// conservative action wins** — `abort` > `escalate` > `retry` (the smallest count) > `goto`
    /// > `skip` > `continue`; between equally conservative actions (two `escalate` messages, two
    /// `goto` targets) the first rule wins. The winner takes the place of the first rule with
    /// that condition.
    ///
    /// Since gate and step names are namespaced, rules of different packs can only conflict on a
    /// `violation` condition; rules of one pack conflict when it repeats a condition.
    ///
    /// Complexity: O(r log r) for r rules.
    ///
    /// - Parameter rulesByPack: Each pack's rules in declaration order. A pack listed twice has
    ///   its lists concatenated in input order.
    /// - Returns: The merged rules and a warning for each conflict.
    public static func mergeRouting(_ rulesByPack: [(pack: String, rules: [RoutingRule])])
        -> (rules: [NamespacedRoutingRule], diagnostics: [Diagnostic]) {
        let groups = rulesByPack.enumerated().sorted { lhs, rhs in
            lhs.element.pack != rhs.element.pack ? lhs.element.pack < rhs.element.pack : lhs.offset < rhs.offset
        }
        var positions: [String: Int] = [:]
        var all: [NamespacedRoutingRule] = []
        for (_, group) in groups {
            for rule in group.rules {
                let position = positions[group.pack, default: 0]
                positions[group.pack] = position + 1
                all.append(NamespacedRoutingRule(pack: group.pack, position: position, qualifying: rule))
            }
        }
        var byCondition: [RoutingRule.Condition: [NamespacedRoutingRule]] = [:]
        var conditions: [RoutingRule.Condition] = []
        for rule in all {
            if byCondition[rule.rule.when] == nil { conditions.append(rule.rule.when) }
            byCondition[rule.rule.when, default: []].append(rule)
        }
        var merged: [NamespacedRoutingRule] = []
        var diagnostics: [Diagnostic] = []
        for condition in conditions {
            guard let rules = byCondition[condition], var winner = rules.first else { continue }
            for rule in rules.dropFirst() where isMoreConservative(rule.rule.then, than: winner.rule.then) { winner = rule }
            if rules.contains(where: { $0.rule.then != winner.rule.then }) {
                diagnostics.append(.routingConflict(condition: describe(condition),
                                                    rules: rules.map { ($0.pack, $0.position, describe($0.rule.then)) },
                                                    winner: (winner.pack, describe(winner.rule.then))))
            }
            merged.append(winner)
        }
        return (merged, diagnostics)
    }

    /// Whether `action` is strictly more conservative than `other`.
    static func isMoreConservative(_ action: RoutingRule.Action, than other: RoutingRule.Action) -> Bool {
        if case .retry(let count) = action, case .retry(let otherCount) = other { return count < otherCount }
        return rank(action) > rank(other)
    }

    private static func rank(_ action: RoutingRule.Action) -> Int {
        switch action {
        case .abort: 6
        case .escalate: 5
        case .retry: 4
        case .goto: 3
        case .skip: 2
        case .continue: 1
        }
    }

    static func describe(_ condition: RoutingRule.Condition) -> String {
        switch condition {
        case .gate(let gate, let result): "gate '\(gate)' result '\(result.rawValue)'"
        case .step(let step, let outcome): "step '\(step)' outcome '\(outcome)'"
        case .violation(let kind): "violation '\(kind.rawValue)'"
        }
    }

    static func describe(_ action: RoutingRule.Action) -> String {
        switch action {
        case .abort: "abort"
        case .continue: "continue"
        case .skip: "skip"
        case .retry(let count): "retry \(count)"
        case .goto(let step): "goto '\(step)'"
        case .escalate: "escalate"
        }
    }
}
