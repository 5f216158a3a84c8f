import PackBasics
import PackKernel
import PackLoading
import PackModel
import PackTestSupport
import Testing

@Suite(.tags(.small))
struct ServicesAndPolicyTests {
    static func provider(_ name: String, provides id: String, requires: String? = nil, optional: Bool = false) -> PackInput {
        var text = manifestHeader(name) + "capabilities: [service.provide, service.require]\ntools:\n" + builtinTool("serve")
        text += "services:\n  provides: [{ id: \(id), tool: serve }]\n"
        if let requires { text += "  requires: [{ id: \(requires), optional: \(optional) }]\n" }
        return packInput(text)
    }

    static func consumer(_ name: String, requires id: String, optional: Bool = false) -> PackInput {
        packInput(manifestHeader(name) + "capabilities: [service.require]\nservices:\n  requires: [{ id: \(id), optional: \(optional) }]\n")
    }

    @Test
    func providersResolveBeforeConsumersWhateverTheOrder() {
        let inputs = [Self.consumer("a-consumer", requires: "z.data.v1"), Self.provider("z-provider", provides: "z.data.v1")]
        for order in [inputs, inputs.reversed()] {
            let catalog = buildCatalog(order, policy: grantAll, hostHandlers: ["serve"])
            #expect(catalog.report("a-consumer@1.0.0")?.status == .installed)
            #expect(catalog.services == ["z.data.v1": "z-provider"])
        }
    }

    @Test
    func aConsumerOfAMissingRequiredServiceIsRefused() throws {
        let catalog = buildCatalog([Self.consumer("lonely", requires: "nobody.v1")], policy: grantAll)
        let report = try #require(catalog.report("lonely@1.0.0"))
        #expect(report.status == .refused)
        #expect(report.diagnostics.contains { $0.message.contains("nobody.v1") })
    }

    @Test
    func aConsumerOfAMissingOptionalServiceIsDegraded() throws {
        let catalog = buildCatalog([Self.consumer("hopeful", requires: "nobody.v1", optional: true)], policy: grantAll)
        let report = try #require(catalog.report("hopeful@1.0.0"))
        #expect(report.status == .degraded)
        #expect(report.diagnostics.contains { $0.message.contains("nobody.v1") })
    }

    @Test
    func aServiceCycleIsRejectedWithTheCycleSpelledOut() throws {
        let catalog = buildCatalog([
            Self.provider("aa", provides: "a.v1", requires: "b.v1"),
            Self.provider("bb", provides: "b.v1", requires: "a.v1"),
        ], policy: grantAll, hostHandlers: ["serve"])
        for pack in ["aa@1.0.0", "bb@1.0.0"] {
            let report = try #require(catalog.report(pack))
            #expect(report.status == .refused)
            #expect(report.diagnostics.contains { $0.message.contains("aa -> bb -> aa") || $0.message.contains("bb -> aa -> bb") })
        }
    }

    @Test
    func theHostNarrowsAPackSafetyPolicyAndAPackCannotWidenIt() throws {
        let pack = packInput(manifestHeader("wide") + """
            safety:
              network: allow
              write_paths: ["${project}/**"]
            """ + "\n")
        var policy = HostPolicy()
        policy.safety = SafetyPolicy(writePaths: ["${project}/out/**"], network: .deny)
        let catalog = buildCatalog([pack], policy: policy)
        let safety = try #require(catalog.packs.first?.safety)
        #expect(safety.network == .deny)
        #expect(safety.writePaths?.contains("${project}/**") != true)
    }

    @Test
    func hooksRunInPackNameOrderThenDeclarationOrder() {
        func hooked(_ name: String) -> PackInput {
            packInput(manifestHeader(name) + "capabilities: [hook]\ntools:\n" + builtinTool("first") + builtinTool("second")
                      + "hooks:\n  - { point: pre_tool_call, tool: second }\n  - { point: pre_tool_call, tool: first }\n")
        }
        let catalog = buildCatalog([hooked("zeta"), hooked("alpha")], policy: grantAll, hostHandlers: ["first", "second"])
        #expect(catalog.hooks.map(\.toolID) == ["alpha/second", "alpha/first", "zeta/second", "zeta/first"])
    }

    @Test
    func thePolicyFileIsReadWithClearErrors() throws {
        let good = InMemoryFileSystem(files: ["/home/policy.yaml": """
            format: 1
            tools: { naming: qualified }
            tiers: { verified: ["acme-*"] }
            grants:
              - match: { packs: ["echo-*"], tier: community }
                allow:
                  - net: ["api.example.org:443"]
                  - hook
              - match: { tier: built-in }
                allow: all
            services: { pin: { data.v1: acme-data } }
            safety: { network: deny }
            """])
        let (policy, diagnostics) = HostPolicy.load(from: "/home/policy.yaml", fileSystem: good)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(policy.toolNaming == .qualified)
        #expect(policy.tier(of: "acme-tools", builtin: false) == .verified)
        #expect(policy.grants.count == 2)
        #expect(policy.pinnedProviders == ["data.v1": "acme-data"])
        #expect(policy.safety?.network == .deny)

        let bad = InMemoryFileSystem(files: ["/home/policy.yaml": "format: 1\ngrants:\n  - match: { tier: gold }\n    allow: all\nextra: 1\n"])
        let (_, problems) = HostPolicy.load(from: "/home/policy.yaml", fileSystem: bad)
        #expect(problems.contains { $0.message.contains("tier 'gold' is not known") })
        #expect(problems.contains { $0.message.contains("unknown key 'extra' in the host policy") })
    }
}

@Suite(.tags(.medium))
struct DeterminismTests {
    static func inputs() -> [PackInput] {
        (0..<12).map { index in
            packInput(manifestHeader("pack-\(index)") + "tools:\n" + builtinTool("tool\(index % 4)", handler: "h")
                      + "schemas:\n  s.v1: { type: object }\n")
        }
    }

    @Test
    func theSamePacksAndPolicyGiveAByteIdenticalDumpInAnyOrder() {
        let inputs = Self.inputs()
        let reference = buildCatalog(inputs, hostHandlers: ["h"]).dumpText()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5 {
            #expect(buildCatalog(inputs.shuffled(using: &generator), hostHandlers: ["h"]).dumpText() == reference)
        }
    }

    @Test
    func loadingWithSeveralTasksGivesTheSameDumpAsOne() async throws {
        let root = try TestPaths.makeDirectory(Dictionary(uniqueKeysWithValues: (0..<80).map { index in
            ("p\(index)/PACK.yaml", manifestHeader("p\(index)") + "tools:\n" + builtinTool("t\(index % 7)", handler: "h"))
        }))
        let parallel = await Kernel().load(directories: [root]).dumpText()
        let serialInputs = PackDiscovery().packs(under: root).map { PackInput(loaded: PackLoader().load(at: $0)) }
        let serial = buildCatalog(serialInputs).dumpText()
        #expect(parallel == serial)
    }

    @Test
    func unloadingAPackLeavesNoResidue() async {
        let inputs = Self.inputs()
        var builder = CatalogBuilder(policy: .default, hostHandlers: ["h"])
        for input in inputs where input.manifest?.name != "pack-3" { builder.add(input) }
        let without = builder.build().dumpText()
        let all = buildCatalog(inputs, policy: .default, hostHandlers: ["h"])
        #expect(all.dumpText() != without)
        let removed = await kernelWith(inputs).unload(name: "pack-3")
        #expect(removed.dumpText() == without)
    }

    func kernelWith(_ inputs: [PackInput]) async -> Kernel {
        let kernel = Kernel()
        await kernel.register(builtin: "h") { $0 }
        await kernel.add(inputs: inputs)
        return kernel
    }
}
