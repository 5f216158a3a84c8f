import PackBasics
import PackModel
import PackTestSupport
import Testing

@Suite(.tags(.small))
struct ManifestModelTests {
    @Test(arguments: [
        ("Ada <ada@example.org>", Author(name: "Ada", email: "ada@example.org")),
        ("Ada Lovelace  <ada@example.org>", Author(name: "Ada Lovelace", email: "ada@example.org")),
        ("Ada", Author(name: "Ada")),
        ("  Ada  ", Author(name: "Ada")),
    ])
    func authorsAreParsedFromNameAndEmail(_ text: String, _ expected: Author) {
        #expect(Author(parsing: text) == expected)
    }

    @Test
    func packIdentitiesOrderByNameThenVersion() throws {
        let identities = [
            PackIdentity(name: "b", version: Version(1, 0, 0)),
            PackIdentity(name: "a", version: Version(2, 0, 0)),
            PackIdentity(name: "a", version: try Version("2.0.0-beta.1")),
        ]
        #expect(identities.sorted().map(\.description) == ["a@2.0.0-beta.1", "a@2.0.0", "b@1.0.0"])
    }

    @Test
    func onlyPathHostNameAndCommandCapabilitiesTakeScopes() {
        let scoped = CapabilityKind.allCases.filter(\.takesScopes).map(\.rawValue)
        #expect(scoped == ["fs.read", "fs.write", "net", "env", "secret", "exec"])
    }

    @Test
    func aSkillIsNamedAfterItsFolder() {
        #expect(SkillReference(path: "skills/dbt-conventions").name == "dbt-conventions")
        #expect(SkillReference(path: "skills/dbt-conventions/").name == "dbt-conventions")
    }

    @Test
    func handlerKindsAreTheNamesWrittenInManifests() {
        let handlers: [Handler] = [
            .wasm(WasmHandler(module: "h.wasm")), .process(ProcessHandler(command: ["cat"])),
            .mcp(MCPToolHandler(server: "s")), .builtin("b"),
        ]
        #expect(handlers.map(\.kind) == ["wasm", "process", "mcp", "builtin"])
    }
}
