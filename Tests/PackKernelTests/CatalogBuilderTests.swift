import PackBasics
import PackJSON
import PackKernel
import PackModel
import PackSchema
import PackTestSupport
import Testing

@Suite(.tags(.small))
struct CatalogBuilderTests {
    @Test
    func aPackWithAnErrorContributesNothingWhileOthersLoad() throws {
        let broken = packInput(manifestHeader("broken") + "tools:\n" + builtinTool("a") + "  - { name: b }\n")
        let good = packInput(manifestHeader("good") + "tools:\n" + builtinTool("c"))
        let catalog = buildCatalog([broken, good], hostHandlers: ["a", "c"])
        #expect(catalog.report("broken@1.0.0")?.status == .refused)
        #expect(catalog.report("broken@1.0.0")?.installed.isEmpty == true)
        #expect(catalog.tools["broken/a"] == nil)
        #expect(catalog.report("good@1.0.0")?.status == .installed)
        #expect(catalog.tool(named: "c")?.id == "good/c")
    }

    @Test
    func anIncompatiblePackIsRefusedWithTheRangeAndTheVersion() throws {
        let catalog = buildCatalog([packInput(manifestHeader("future", kernel: ">=0.3.0 <1.0.0"))])
        let report = try #require(catalog.report("future@1.0.0"))
        #expect(report.status == .refused)
        #expect(report.diagnostics.contains { $0.message.contains("requires Quiver '>=0.3.0 <1.0.0' but this is Quiver 0.1.0") })
    }

    @Test
    func collidingToolNamesAreQualifiedForBothOwnersAndReported() throws {
        let a = packInput(manifestHeader("alpha") + "tools:\n" + builtinTool("search"))
        let b = packInput(manifestHeader("beta") + "tools:\n" + builtinTool("search") + builtinTool("fetch"))
        for order in [[a, b], [b, a]] {
            let catalog = buildCatalog(order, hostHandlers: ["search", "fetch"])
            #expect(catalog.exposedTools == ["alpha__search": "alpha/search", "beta__search": "beta/search", "fetch": "beta/fetch"])
            for pack in ["alpha@1.0.0", "beta@1.0.0"] {
                #expect(catalog.report(pack)?.diagnostics.contains {
                    $0.message.contains("tool name 'search' is provided by packs 'alpha' and 'beta'")
                } == true)
            }
        }
        var qualified = HostPolicy()
        qualified.toolNaming = .qualified
        let catalog = buildCatalog([a, b], policy: qualified, hostHandlers: ["search", "fetch"])
        #expect(catalog.exposedTools.keys.sorted() == ["alpha__search", "beta__fetch", "beta__search"])
    }

    @Test
    func contributionsThatNeedAnUngrantedCapabilityAreSkippedWithTheReason() throws {
        let text = manifestHeader("runner") + """
            capabilities:
              - exec: [python3]
                reason: run the script
              - hook
              - background
            tools:
              - { name: run, description: d, input: { type: object }, handler: { process: [python3, run.py] } }
            """ + "\n" + builtinTool("audit") + """
            hooks:
              - { point: pre_tool_call, tool: audit }
            background:
              - { name: tick, every: 1h, tool: audit }
            """
        let input = packInput(text)
        let denied = buildCatalog([input], hostHandlers: ["audit"])
        let report = try #require(denied.report("runner@1.0.0"))
        #expect(report.status == .degraded)
        #expect(report.skipped.map(\.contribution.description) == ["background-task tick", "hook pre_tool_call:audit#0", "tool run"])
        #expect(report.skipped.first { $0.contribution.id == "run" }?.reason.contains("does not grant 'exec' for it") == true)
        #expect(report.decisions.allSatisfy { !$0.isGranted })
        #expect(denied.tools["runner/run"] == nil)
        #expect(denied.hooks.isEmpty)

        let policy = HostPolicy(grants: [HostPolicy.GrantRule(packs: ["run*"], allow: [
            CapabilityRequest(kind: .exec, scopes: ["python3"]), CapabilityRequest(kind: .hook), CapabilityRequest(kind: .background),
        ])])
        let granted = buildCatalog([input], policy: policy, hostHandlers: ["audit"])
        #expect(granted.report("runner@1.0.0")?.status == .installed)
        #expect(granted.tools["runner/run"] != nil)
        #expect(granted.hooks.map(\.toolID) == ["runner/audit"])
        #expect(granted.backgroundTasks["runner/tick"]?.everySeconds == 3600)
    }

    @Test
    func scopesAreGrantedOnlyWhereAPatternCoversThem() {
        let requests = [CapabilityRequest(kind: .net, scopes: ["api.example.org:443", "evil.example.net:443"])]
        let policy = HostPolicy(grants: [HostPolicy.GrantRule(allow: [CapabilityRequest(kind: .net, scopes: ["*.example.org:443"])])])
        let grants = Grants(requests: requests, pack: "p", tier: .community, policy: policy)
        #expect(grants.decisions[0].grantedScopes == ["api.example.org:443"])
        #expect(grants.decisions[0].deniedScopes == ["evil.example.net:443"])
        #expect(grants.decisions[0].denialReason?.contains("'evil.example.net:443'") == true)
    }

    @Test
    func aPackNeverRaisesItsOwnTier() {
        let input = packInput(manifestHeader("claims") + "tier: built-in\ncapabilities:\n  - hook\n")
        let catalog = buildCatalog([input], policy: .default)
        #expect(catalog.report("claims@1.0.0")?.tier == .community)
        #expect(catalog.report("claims@1.0.0")?.decisions.first?.isGranted == false)
    }

    @Test
    func builtInPacksGoThroughTheSameChecksAsPacksOnDisk() async throws {
        let kernel = Kernel()
        let good = PackDefinition(
            manifest: Manifest(name: "clock", version: Version(1, 0, 0), description: "the time", tools: [
                Tool(name: "now", description: "the time", input: .inline(["type": "object"]), handler: .builtin("now")),
            ]),
            handlers: ["now": { _ in ["iso8601": "2026-01-01T00:00:00Z"] }])
        let bad = PackDefinition(manifest: Manifest(name: "broken-clock", version: Version(1, 0, 0), description: "d", tools: [
            Tool(name: "now", description: "d", input: .named("missing.v1"), handler: .builtin("now")),
        ]))
        await kernel.add(good)
        let catalog = await kernel.add(bad)
        #expect(catalog.report("clock@1.0.0")?.status == .installed)
        #expect(catalog.report("clock@1.0.0")?.tier == .builtin)
        #expect(catalog.tool(named: "now")?.id == "clock/now")
        #expect(catalog.report("broken-clock@1.0.0")?.status == .refused)
        #expect(catalog.report("broken-clock@1.0.0")?.diagnostics.contains { $0.message.contains("unknown schema 'missing.v1'") } == true)
        let handler = try #require(await kernel.builtinHandler(named: "now", pack: "clock"))
        #expect(try await handler([:]) == ["iso8601": "2026-01-01T00:00:00Z"])
    }

    @Test
    func theNewestStableVersionIsTheDefaultAndOlderOnesStayAddressable() throws {
        let v1 = packInput(manifestHeader("multi", version: "1.2.0") + "tools:\n" + builtinTool("t"), directory: "multi-1")
        let v2 = packInput(manifestHeader("multi", version: "2.0.0") + "tools:\n" + builtinTool("t"), directory: "multi-2")
        let beta = packInput(manifestHeader("multi", version: "3.0.0-beta.1") + "tools:\n" + builtinTool("t"), directory: "multi-3")
        let catalog = buildCatalog([beta, v1, v2], hostHandlers: ["t"])
        #expect(catalog.tool(named: "t")?.pack.description == "multi@2.0.0")
        #expect(catalog.tools["multi@1.2.0/t"] != nil)
        #expect(catalog.tools["multi@3.0.0-beta.1/t"] != nil)
        #expect(catalog.packs.filter(\.isDefaultVersion).map(\.manifest.version.description) == ["2.0.0"])
    }

    @Test
    func theSameIdentityOfferedTwiceIsRefusedTheSecondTime() {
        let one = packInput(manifestHeader("twin"), directory: "a")
        let two = packInput(manifestHeader("twin"), directory: "b")
        let catalog = buildCatalog([two, one])
        #expect(catalog.reports.map(\.status) == [.installed, .refused])
        #expect(catalog.reports[1].diagnostics.contains { $0.message.contains("is offered twice (again from '/packs/b')") })
    }

    @Test
    func toolSchemasAreCompiledAndCrossPackSchemasResolve() throws {
        let shared = packInput(manifestHeader("shared") + "schemas:\n  point.v1: { type: object, required: [x] }\n")
        let user = packInput(manifestHeader("a-user") + "tools:\n  - { name: plot, description: d, input: { $ref: shared/point.v1 }, handler: { builtin: plot } }\n")
        let catalog = buildCatalog([user, shared], hostHandlers: ["plot"])
        let tool = try #require(catalog.tool(named: "plot"))
        #expect(tool.inputValidator.isValid(["x": 1]))
        #expect(!tool.inputValidator.isValid(["y": 1]))
        #expect(catalog.schemas["shared.point.v1"] != nil)
    }
}

@Suite(.tags(.small))
struct PackDefinitionTests {
    @Test
    func aBuiltInPackMeetsTheSameNameAndLimitRulesAsAPackOnDisk() {
        let definition = PackDefinition(manifest: Manifest(name: "Bad_Name", version: Version(1, 0, 0), description: "d", tools: [
            Tool(name: "Now", description: "d", input: .inline(["type": "object"]), handler: .builtin("now"),
                 limits: ResourceLimits(timeoutMilliseconds: 0)),
        ]))
        let input = definition.input()
        let messages = input.diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("pack name 'Bad_Name' is not a valid slug") })
        #expect(messages.contains { $0.contains("tool name 'Now' is not valid") })
        #expect(messages.contains { $0.contains("'timeout_ms' of the limits of tool 'Now' is 0") })
        #expect(buildCatalog([input]).reports.first?.status == .refused)
    }
}

@Suite(.tags(.small))
struct GrantCoverageTests {
    @Test(arguments: [
        ("${project}/**", "${project}/models/**", true),
        ("${project}/**", "${project}/models/a.sql", true),
        ("${project}/*", "${project}/**", false),
        ("${project}/models/**", "${project}/**", false),
        ("${home}/**", "${project}/x", false),
    ])
    func pathPatternsCoverOnlyNarrowerScopes(_ pattern: String, _ scope: String, _ covered: Bool) {
        let policy = HostPolicy(grants: [HostPolicy.GrantRule(allow: [CapabilityRequest(kind: .fsRead, scopes: [pattern])])])
        let grants = Grants(requests: [CapabilityRequest(kind: .fsRead, scopes: [scope])], pack: "p", tier: .community, policy: policy)
        #expect(grants.decisions[0].isGranted == covered)
    }
}
