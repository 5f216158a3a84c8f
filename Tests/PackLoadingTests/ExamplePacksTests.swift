import PackBasics
import PackLoading
import PackModel
import PackTestSupport
import Testing

@Suite(.tags(.medium))
struct ExamplePacksTests {
    @Test
    func everyBundledExamplePackIsValid() throws {
        let packs = PackDiscovery().packs(under: TestPaths.examplePacks)
        #expect(packs.count >= 4)
        for pack in packs {
            let result = PackLoader().load(at: pack)
            #expect(result.isValid, "\(pack): \(result.diagnostics)")
            #expect(result.diagnostics.isEmpty, "\(pack): \(result.diagnostics)")
        }
    }

    @Test
    func theExamplesCoverToolsSkillsMCPServersAndWorkflows() throws {
        let manifests = PackDiscovery().packs(under: TestPaths.examplePacks).compactMap { PackLoader().load(at: $0).manifest }
        #expect(manifests.contains { !$0.tools.isEmpty })
        #expect(manifests.contains { !$0.skills.isEmpty && !$0.mcpServers.isEmpty })
        #expect(manifests.contains { !$0.recipes.isEmpty && !$0.templates.gates.isEmpty && !$0.routing.isEmpty })
    }
}
