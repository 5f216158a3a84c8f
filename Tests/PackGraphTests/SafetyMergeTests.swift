import PackBasics
import PackGraph
import PackModel
import Testing

@Suite struct SafetyMergeTests {
    static let proposal = SafetyPolicy(writePaths: ["${project}/out/**"], tools: ["build"], commands: ["make"], network: .allow)

    @Test func withoutAHostPolicyThePackProposalStands() {
        let (effective, diagnostics) = PolicyMerge.mergeSafety(host: nil, pack: Self.proposal)
        #expect(effective == Self.proposal)
        #expect(diagnostics.isEmpty)
        #expect(PolicyMerge.mergeSafety(host: nil, pack: nil).effective == SafetyPolicy())
    }

    @Test func fieldsOneSideLeavesOpenTakeTheOtherSidesValue() {
        let host = SafetyPolicy(writePaths: ["${project}/**"], network: .deny)
        let pack = SafetyPolicy(tools: ["build"], commands: ["make"])
        let (effective, diagnostics) = PolicyMerge.mergeSafety(host: host, pack: pack)
        #expect(effective == SafetyPolicy(writePaths: ["${project}/**"], tools: ["build"], commands: ["make"], network: .deny))
        #expect(diagnostics.isEmpty)
    }

    @Test(arguments: [
        (SafetyPolicy.Network.deny, SafetyPolicy.Network.allow, SafetyPolicy.Network.deny, Diagnostic.Severity.warning),
        (.deny, .hosts(["api.example.com:443"]), .deny, .warning),
        (.hosts(["*.example.com:443"]), .allow, .hosts(["*.example.com:443"]), .note),
        (.hosts(["*.example.com:443"]), .hosts(["api.example.com:443", "evil.org:443"]), .hosts(["api.example.com:443"]), .warning),
        (.hosts(["api.example.com:443"]), .hosts(["*.example.com:443"]), .hosts(["api.example.com:443"]), .note),
        (.hosts(["a.org:443"]), .hosts(["b.org:443"]), .deny, .warning),
    ] as [(SafetyPolicy.Network, SafetyPolicy.Network, SafetyPolicy.Network, Diagnostic.Severity)])
    func theHostNarrowsNetworkAccess(_ host: SafetyPolicy.Network, _ pack: SafetyPolicy.Network, _ expected: SafetyPolicy.Network,
                                     _ severity: Diagnostic.Severity) {
        let (effective, diagnostics) = PolicyMerge.mergeSafety(host: SafetyPolicy(network: host), pack: SafetyPolicy(network: pack))
        #expect(effective.network == expected)
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.contains { $0.severity == severity })
    }

    @Test(arguments: [
        (SafetyPolicy.Network.allow, SafetyPolicy.Network.deny, SafetyPolicy.Network.deny),
        (.allow, .hosts(["x.org:443"]), .hosts(["x.org:443"])),
        (.hosts(["x.org:443"]), .deny, .deny),
        (.deny, .deny, .deny),
    ] as [(SafetyPolicy.Network, SafetyPolicy.Network, SafetyPolicy.Network)])
    func aPackAskingForLessThanTheHostAllowsKeepsItsProposalSilently(_ host: SafetyPolicy.Network, _ pack: SafetyPolicy.Network,
                                                                       _ expected: SafetyPolicy.Network) {
        let (effective, diagnostics) = PolicyMerge.mergeSafety(host: SafetyPolicy(network: host), pack: SafetyPolicy(network: pack))
        #expect(effective.network == expected)
        #expect(diagnostics.isEmpty)
    }

    @Test func theHostNarrowsWritePaths() {
        let host = SafetyPolicy(writePaths: ["${project}/out/**", "${project}/dist/**"])
        let pack = SafetyPolicy(writePaths: ["${project}/out/reports/**", "${project}/src/**", "${project}/**"])
        let (effective, diagnostics) = PolicyMerge.mergeSafety(host: host, pack: pack)
        #expect(effective.writePaths == ["${project}/out/reports/**", "${project}/out/**", "${project}/dist/**"])
        expectDiagnostics(diagnostics, [
            (.warning, "write path '${project}/src/**' proposed by the pack is not allowed by the host's safety policy and was removed; ask the operator to allow it under 'safety.write_paths' in the host policy"),
            (.note, "write path '${project}/**' proposed by the pack was narrowed to '${project}/out/**' and '${project}/dist/**' by the host's safety policy"),
        ])
    }

    @Test func aPackCannotWidenWritePathsThroughWildcards() {
        let host = SafetyPolicy(writePaths: ["${project}/*"])
        let (effective, diagnostics) = PolicyMerge.mergeSafety(host: host, pack: SafetyPolicy(writePaths: ["${project}/**", "${project}/a/*"]))
        #expect(effective.writePaths == ["${project}/*"])
        expectDiagnostics(diagnostics, [(.note, "write path '${project}/**' proposed by the pack was narrowed to '${project}/*'"),
                                        (.warning, "write path '${project}/a/*' proposed by the pack is not allowed")])
    }

    @Test func theHostNarrowsToolsAndCommands() {
        let host = SafetyPolicy(tools: ["build", "test"], commands: ["make"])
        let pack = SafetyPolicy(tools: ["build", "deploy"], commands: ["make", "curl"])
        let (effective, diagnostics) = PolicyMerge.mergeSafety(host: host, pack: pack)
        #expect(effective.tools == ["build"])
        #expect(effective.commands == ["make"])
        expectDiagnostics(diagnostics, [(.warning, "tool 'deploy' proposed by the pack is not allowed by the host's safety policy"),
                                        (.warning, "command 'curl' proposed by the pack is not allowed by the host's safety policy")])
    }

    @Test func hostToolEntriesMayNameThePack() {
        let host = SafetyPolicy(tools: ["ci/build", "other/deploy", "lint"])
        let (effective, diagnostics) = PolicyMerge.mergeSafety(host: host, pack: SafetyPolicy(tools: ["build", "deploy", "lint"]),
                                                               packName: "ci")
        #expect(effective.tools == ["build", "lint"])
        expectDiagnostics(diagnostics, [(.warning, "tool 'deploy'")])
        #expect(PolicyMerge.mergeSafety(host: host, pack: nil, packName: "ci").effective.tools == ["build", "lint"])
    }

    static let widenings: [(host: SafetyPolicy, pack: SafetyPolicy)] = [
        (SafetyPolicy(writePaths: ["${project}/out/**"], tools: ["a"], commands: ["make"], network: .hosts(["*.x.org:443"])),
         SafetyPolicy(writePaths: ["${project}/**", "${home}/**", "${project}/out/*"], tools: ["a", "b"], commands: ["make", "sh"],
                      network: .allow)),
        (SafetyPolicy(writePaths: ["${project}/a/*"], tools: [], commands: [], network: .deny),
         SafetyPolicy(writePaths: ["${project}/a/**", "${project}/*/b"], tools: ["a"], commands: ["git"], network: .hosts(["x.org"]))),
        (SafetyPolicy(writePaths: [], network: .hosts(["api.x.org:443"])),
         SafetyPolicy(writePaths: ["${project}/**"], network: .hosts(["*.x.org", "api.x.org:*"]))),
    ]

    @Test(arguments: widenings)
    func thePackNeverEndsUpWithMoreThanTheHostAllows(_ host: SafetyPolicy, _ pack: SafetyPolicy) {
        let effective = PolicyMerge.mergeSafety(host: host, pack: pack).effective
        for path in effective.writePaths ?? [] {
            #expect((host.writePaths ?? []).contains { ScopeCoverage.pathPattern($0, covers: path) }, "write path \(path)")
        }
        #expect(Set(effective.tools ?? []).isSubset(of: host.tools ?? []))
        #expect(Set(effective.commands ?? []).isSubset(of: host.commands ?? []))
        switch (host.network, effective.network) {
        case (.deny?, let network):
            #expect(network == .deny)
        case (.hosts(let allowed)?, .hosts(let granted)?):
            #expect(granted.allSatisfy { pattern in allowed.contains { ScopeCoverage.hostPattern($0, covers: pattern) } })
        case (.hosts?, let network):
            #expect(network == .deny)
        default:
            break
        }
    }
}
