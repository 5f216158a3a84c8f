import Foundation
import PackBasics
import PackJSON
import PackLoading
import PackSchema
import PackTestSupport
import Testing

@Suite(.tags(.medium))
struct CommandTests {
    @Test(arguments: ["tool", "skills", "mcp", "workflow"])
    func aCreatedPackValidatesAsCreated(_ template: String) async throws {
        let parent = try TestPaths.temporaryDirectory("create")
        let created = await quiver("create", "my-\(template)", "--template", template, "--in", parent)
        #expect(created.exitCode == 0, "\(created.standardError)")
        #expect(created.standardOutput.contains("created"))
        #expect(FileManager.default.fileExists(atPath: parent + "/my-\(template)/README.md"))
        let validated = await quiver("validate", parent + "/my-\(template)")
        #expect(validated.exitCode == 0, "\(validated.standardOutput)")
        #expect(validated.standardOutput == "my-\(template)@0.1.0: valid\n")
    }

    @Test
    func createRefusesABadNameAndAnExistingDirectory() async throws {
        let parent = try TestPaths.temporaryDirectory("create")
        let bad = await quiver("create", "Bad_Name", "--in", parent)
        #expect(bad.exitCode == 64)
        #expect(bad.standardError.contains("'Bad_Name' is not a valid pack name"))
        let unknown = await quiver("create", "good", "--template", "nope", "--in", parent)
        #expect(unknown.exitCode == 64)
        #expect(unknown.standardError.contains("unknown template 'nope'"))
        _ = await quiver("create", "twice", "--in", parent)
        let again = await quiver("create", "twice", "--in", parent)
        #expect(again.exitCode == 1)
        #expect(again.standardError.contains("already exists"))
    }

    @Test
    func validatePrintsCompilerStyleDiagnosticsAndExitsOne() async throws {
        let pack = try TestPaths.fixture(named: "broken-pack")
        let result = await quiver("validate", pack)
        #expect(result.exitCode == 1)
        let golden = try String(contentsOfFile: TestPaths.repositoryRoot + "/Tests/Fixtures/golden/validate-broken-pack.txt", encoding: .utf8)
        #expect(result.standardOutput.replacingOccurrences(of: pack, with: "broken-pack") == golden)
    }

    @Test
    func validateJSONReportsEveryDiagnosticWithItsPosition() async throws {
        let pack = try TestPaths.fixture(named: "broken-pack")
        let result = await quiver("validate", pack, "--json")
        #expect(result.exitCode == 1)
        let report = try JSONParser.parse(result.standardOutput)
        #expect(report["valid"] == false)
        let diagnostics = try #require(report["packs"]?[0]?["diagnostics"]?.arrayValue)
        #expect(diagnostics.count == 6)
        #expect(diagnostics.first?["line"] == 3)
        #expect(diagnostics.first?["file"]?.stringValue?.hasSuffix("PACK.yaml") == true)
        #expect(diagnostics.allSatisfy { $0["message"]?.stringValue?.contains("; ") == true })
    }

    @Test
    func validateSucceedsOnTheExamplePacks() async {
        let result = await quiver("validate", TestPaths.examplePacks)
        #expect(result.exitCode == 0, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("packs checked: 5 valid, 0 invalid"))
    }

    @Test
    func validateOfAPathWithoutPacksSaysSo() async throws {
        let empty = try TestPaths.temporaryDirectory("empty")
        let result = await quiver("validate", empty)
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("no packs found at"))
    }

    @Test
    func showSummarisesContributionsCapabilitiesAndHandlers() async throws {
        let text = await quiver("show", TestPaths.examplePacks + "/release-flow")
        #expect(text.exitCode == 0)
        #expect(text.standardOutput.contains("Capabilities requested:"))
        #expect(text.standardOutput.contains("exec python3, make, git — steps run the project's make targets"))
        #expect(text.standardOutput.contains("release-flow/version_bump [process python3 scripts/bump.py]"))
        #expect(text.standardOutput.contains("cut_release: bump → build → tag; verify clean_tree"))

        let json = await quiver("show", TestPaths.examplePacks + "/echo-tools", "--json")
        let summary = try JSONParser.parse(json.standardOutput)
        #expect(summary["name"] == "echo-tools")
        #expect(summary["tools"]?.arrayValue?.compactMap { $0["handler_kind"]?.stringValue } == ["wasm", "wasm"])
        #expect(summary["valid"] == true)
    }

    @Test
    func showOfABrokenPackExitsOneWithItsDiagnostics() async throws {
        let pack = try TestPaths.fixture(named: "broken-pack")
        let result = await quiver("show", pack)
        #expect(result.exitCode == 1)
        #expect(result.standardOutput.contains("Diagnostics:"))
    }

    @Test
    func listFindsTheExamplePacks() async throws {
        let result = await quiver("list", TestPaths.examplePacks, "--json")
        #expect(result.exitCode == 0)
        let packs = try #require(try JSONParser.parse(result.standardOutput).arrayValue)
        #expect(packs.compactMap { $0["name"]?.stringValue } == ["echo-tools", "python-dev", "release-flow", "text-tools", "toml-notes"])
        let table = await quiver("list", TestPaths.examplePacks)
        #expect(table.standardOutput.hasPrefix("NAME"))
    }

    @Test
    func schemaManifestPrintsAJSONSchema() async throws {
        let result = await quiver("schema", "manifest")
        #expect(result.exitCode == 0)
        let schema = try JSONParser.parse(result.standardOutput)
        #expect(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["required"] == ["format", "name", "version", "description"])
    }

    @Test
    func helpTextMatchesItsGoldenFile() async throws {
        let result = await quiver("--help")
        let golden = try String(contentsOfFile: TestPaths.repositoryRoot + "/Tests/Fixtures/golden/help.txt", encoding: .utf8)
        #expect(result.standardOutput == golden)
    }
}

@Suite(.tags(.medium))
struct ScaffoldTests {
    @Test(arguments: ["tool", "skills", "mcp", "workflow"])
    func everyTemplateManifestValidatesAgainstTheEditorSchema(_ template: String) async throws {
        let parent = try TestPaths.temporaryDirectory("schema")
        _ = await quiver("create", "t-\(template)", "--template", template, "--in", parent)
        let result = PackLoader().load(at: parent + "/t-\(template)")
        let document = try #require(result.document)
        let validator = try JSONSchemaValidator(schema: try JSONParser.parse(ManifestJSONSchema.text))
        #expect(validator.isValid(document))
    }

    static let wat2wasm = ["/usr/bin/wat2wasm", "/usr/local/bin/wat2wasm"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The scaffolded echo handler's bytes are what its source assembles to (CI installs wabt).
    @Test(.enabled(if: wat2wasm != nil, "needs wat2wasm (Debian package wabt)"))
    func theEmbeddedEchoModuleIsItsSourceAssembled() async throws {
        let parent = try TestPaths.temporaryDirectory("wat")
        _ = await quiver("create", "wat-check", "--in", parent)
        let source = parent + "/wat-check/handlers/echo.wat"
        let output = parent + "/echo.wasm"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.wat2wasm))
        process.arguments = [source, "-o", output]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let assembled = try Data(contentsOf: URL(fileURLWithPath: output))
        let embedded = try Data(contentsOf: URL(fileURLWithPath: parent + "/wat-check/handlers/echo.wasm"))
        #expect(assembled == embedded)
        let example = try Data(contentsOf: URL(fileURLWithPath: TestPaths.examplePacks + "/echo-tools/handlers/echo.wasm"))
        #expect(example == embedded)
    }
}
