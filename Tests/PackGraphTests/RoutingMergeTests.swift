import PackBasics
import PackGraph
import PackModel
import Testing

@Suite struct RoutingMergeTests {
    static let packs: [(pack: String, rules: [RoutingRule])] = [
        ("zeta", [RoutingRule(when: .gate("lint", result: .fail), then: .retry(1))]),
        ("alpha", [RoutingRule(when: .step("build", outcome: "failed"), then: .goto("fix")),
                   RoutingRule(when: .violation(.limit), then: .skip)]),
        ("mid", [RoutingRule(when: .gate("lint", result: .pass), then: .continue)]),
    ]

    @Test(arguments: [[0, 1, 2], [2, 1, 0], [1, 2, 0]])
    func rulesAreOrderedByPackThenDeclarationWhateverTheInputOrder(_ positions: [Int]) {
        let (rules, diagnostics) = PolicyMerge.mergeRouting(positions.map { Self.packs[$0] })
        #expect(diagnostics.isEmpty)
        #expect(rules == [
            NamespacedRoutingRule(pack: "alpha", position: 0, rule: RoutingRule(when: .step("alpha/build", outcome: "failed"),
                                                                                then: .goto("alpha/fix"))),
            NamespacedRoutingRule(pack: "alpha", position: 1, rule: RoutingRule(when: .violation(.limit), then: .skip)),
            NamespacedRoutingRule(pack: "mid", position: 0, rule: RoutingRule(when: .gate("mid/lint", result: .pass), then: .continue)),
            NamespacedRoutingRule(pack: "zeta", position: 0, rule: RoutingRule(when: .gate("zeta/lint", result: .fail), then: .retry(1))),
        ])
    }

    @Test(arguments: [
        (RoutingRule.Action.abort, RoutingRule.Action.continue, RoutingRule.Action.abort),
        (.continue, .escalate("ask"), .escalate("ask")),
        (.escalate("ask"), .abort, .abort),
        (.retry(3), .retry(1), .retry(1)),
        (.skip, .retry(2), .retry(2)),
        (.goto("fix"), .skip, .goto("alpha/fix")),
        (.retry(1), .goto("fix"), .retry(1)),
        (.continue, .skip, .skip),
    ] as [(RoutingRule.Action, RoutingRule.Action, RoutingRule.Action)])
    func conflictingRulesAreWarnedAboutAndTheMoreConservativeActionWins(_ alpha: RoutingRule.Action, _ beta: RoutingRule.Action,
                                                                       _ winner: RoutingRule.Action) throws {
        let (rules, diagnostics) = PolicyMerge.mergeRouting([
            ("beta", [RoutingRule(when: .violation(.capability), then: beta)]),
            ("alpha", [RoutingRule(when: .violation(.capability), then: alpha)]),
        ])
        #expect(rules.count == 1)
        let merged = try #require(rules.first)
        #expect(merged.rule == RoutingRule(when: .violation(.capability), then: winner))
        expectDiagnostics(diagnostics, [(.warning, "routing rules of 'alpha' and 'beta' conflict on violation 'capability': 'alpha' rule 0 says ")])
        #expect(diagnostics.first?.message.contains("as the more conservative action wins") == true)
    }

    @Test func theConflictWarningSpellsOutEveryRuleAndTheWinner() {
        let (_, diagnostics) = PolicyMerge.mergeRouting([
            ("b", [RoutingRule(when: .violation(.safety), then: .continue)]),
            ("a", [RoutingRule(when: .violation(.safety), then: .retry(2))]),
            ("c", [RoutingRule(when: .violation(.safety), then: .abort)]),
        ])
        #expect(diagnostics == [.warning(
            "routing rules of 'a', 'b' and 'c' conflict on violation 'safety': 'a' rule 0 says retry 2, 'b' rule 0 says continue, 'c' rule 0 says abort; abort from 'c' applies, as the more conservative action wins")])
    }

    @Test func identicalRulesOfSeveralPacksAreKeptOnceWithoutAWarning() {
        let rule = RoutingRule(when: .violation(.capability), then: .abort)
        let (rules, diagnostics) = PolicyMerge.mergeRouting([("b", [rule]), ("a", [rule])])
        #expect(diagnostics.isEmpty)
        #expect(rules == [NamespacedRoutingRule(pack: "a", position: 0, rule: rule)])
    }

    @Test func gateRulesOfDifferentPacksNeverConflict() {
        let (rules, diagnostics) = PolicyMerge.mergeRouting([
            ("a", [RoutingRule(when: .gate("lint", result: .fail), then: .abort)]),
            ("b", [RoutingRule(when: .gate("lint", result: .fail), then: .continue)]),
        ])
        #expect(diagnostics.isEmpty)
        #expect(rules.map(\.rule.when) == [.gate("a/lint", result: .fail), .gate("b/lint", result: .fail)])
    }

    @Test func aPackRepeatingAConditionConflictsWithItself() {
        let (rules, diagnostics) = PolicyMerge.mergeRouting([
            ("a", [RoutingRule(when: .gate("lint", result: .fail), then: .retry(5)),
                   RoutingRule(when: .violation(.limit), then: .continue),
                   RoutingRule(when: .gate("lint", result: .fail), then: .retry(2))]),
        ])
        #expect(rules == [
            NamespacedRoutingRule(pack: "a", position: 2, rule: RoutingRule(when: .gate("a/lint", result: .fail), then: .retry(2))),
            NamespacedRoutingRule(pack: "a", position: 1, rule: RoutingRule(when: .violation(.limit), then: .continue)),
        ])
        expectDiagnostics(diagnostics, [(.warning, "routing rules of 'a' conflict on gate 'a/lint' result 'fail': 'a' rule 0 says retry 5, 'a' rule 2 says retry 2; retry 2 from 'a' applies")])
    }
}
