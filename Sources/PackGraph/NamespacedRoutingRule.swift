public import PackModel

/// A routing rule of one pack, with its gate and step names qualified as `pack/name`.
public struct NamespacedRoutingRule: Sendable, Hashable {
    /// The pack that declares the rule.
    public var pack: String
    /// The rule's position in the pack's `routing` list.
    public var position: Int
    /// The rule, with `gate`, `step` and `goto` names written `pack/name`; violations are not namespaced.
    public var rule: RoutingRule

    /// Creates a namespaced rule.
    public init(pack: String, position: Int, rule: RoutingRule) {
        self.pack = pack
        self.position = position
        self.rule = rule
    }

    /// Qualifies the names of `rule` of `pack` (names that already hold a `/` stay as they are).
    public init(pack: String, position: Int, qualifying rule: RoutingRule) {
        func qualified(_ name: String) -> String { name.contains("/") ? name : "\(pack)/\(name)" }
        let condition: RoutingRule.Condition = switch rule.when {
        case .gate(let gate, let result): .gate(qualified(gate), result: result)
        case .step(let step, let outcome): .step(qualified(step), outcome: outcome)
        case .violation: rule.when
        }
        let action: RoutingRule.Action = if case .goto(let step) = rule.then { .goto(qualified(step)) } else { rule.then }
        self.init(pack: pack, position: position, rule: RoutingRule(when: condition, then: action))
    }
}
