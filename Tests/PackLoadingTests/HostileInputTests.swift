import Foundation
import PackBasics
import PackJSON
import PackLoading
import PackModel
import PackTestSupport
import Testing

/// Hostile manifests, kept forever: each gives exactly one clear error, without crashing, hanging
/// or allocating without bound.
@Suite(.tags(.medium))
struct HostileInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var fixture: String
        var message: String
        var line: Int?
        var testDescription: String { fixture }
    }

    static let cases: [Case] = [
        Case(fixture: "alias-bomb.yaml", message: "expands to more than 100000 values", line: 10),
        Case(fixture: "deep-nesting.yaml", message: "nesting is deeper than 64 levels", line: 5),
        Case(fixture: "deep-block-nesting.yaml", message: "nesting is deeper than 64 levels", line: 69),
        Case(fixture: "duplicate-keys.yaml", message: "duplicate key 'description'", line: 5),
        Case(fixture: "invalid-utf8.yaml", message: "invalid UTF-8 at byte 56", line: 4),
        Case(fixture: "binary.yaml", message: "file is binary", line: 3),
        Case(fixture: "two-documents.yaml", message: "found a second YAML document", line: 5),
        Case(fixture: "tab-indentation.yaml", message: "a tab character cannot indent YAML", line: 6),
        Case(fixture: "undefined-alias.yaml", message: "alias '*nothing' refers to no anchor", line: 4),
        Case(fixture: "not-a-number.yaml", message: "'.nan' is not representable in JSON", line: 5),
    ]

    @Test(arguments: cases)
    func hostileManifestGivesOneClearDiagnostic(_ testCase: Case) throws {
        let path = Path.join(TestPaths.repositoryRoot, "Tests/Fixtures/hostile", testCase.fixture)
        let bytes = try LocalFileSystem().readFile(at: path)
        let result = PackLoader(fileSystem: InMemoryFileSystem()).load(bytes: bytes, format: .yaml, file: "PACK.yaml", root: "/pack")
        #expect(result.manifest == nil)
        expectDiagnostics(result.diagnostics) { diagnostics in
            diagnostics.check(.error, contains: testCase.message, file: "PACK.yaml", line: testCase.line)
        }
    }

    @Test
    func aManifestOverTheSizeLimitIsRefusedWithoutBeingRead() throws {
        let text = "format: 1\nname: big\nversion: 1.0.0\ndescription: big\nkeywords:\n"
            + String(repeating: "  - word\n", count: 130_000)
        let fileSystem = InMemoryFileSystem(files: ["/big/PACK.yaml": text])
        let result = PackLoader(fileSystem: fileSystem).load(at: "/big")
        expectDiagnostics(result.diagnostics) { diagnostics in
            diagnostics.check(.error, contains: "over the limit of 1048576 bytes", file: "PACK.yaml")
        }
    }

    @Test(arguments: [3, 16, 17, 40])
    func aDuplicateKeyIsFoundInMappingsSmallAndLarge(keyCount: Int) throws {
        // Mappings above JSONObject.indexThreshold (16) find duplicates through a hash index.
        let members = (0..<keyCount).map { "  key\($0): \($0)" }
        let text = header + "x-extra:\n" + members.joined(separator: "\n") + "\n  key\(keyCount - 1): again\n"
        let result = PackLoader(fileSystem: InMemoryFileSystem()).load(bytes: Array(text.utf8), format: .yaml, file: "PACK.yaml", root: "/pack")
        expectDiagnostics(result.diagnostics) { diagnostics in
            diagnostics.check(.error, contains: "duplicate key 'key\(keyCount - 1)'", file: "PACK.yaml", line: 6 + keyCount)
        }
        let unique = header + "x-extra:\n" + members.joined(separator: "\n") + "\n"
        let document = try #require(PackLoader(fileSystem: InMemoryFileSystem())
            .load(bytes: Array(unique.utf8), format: .yaml, file: "PACK.yaml", root: "/pack").document)
        let extra = try #require(document.objectValue?["x-extra"]?.objectValue)
        #expect(extra.keys == (0..<keyCount).map { "key\($0)" })
        #expect(extra["key\(keyCount - 1)"] == JSONValue(integerLiteral: keyCount - 1))
    }

    @Test
    func limitsAreConfigurable() throws {
        let text = "format: 1\nname: small\nversion: 1.0.0\ndescription: x\nkeywords: [a, b, c, d, e, f]\n"
        let loader = PackLoader(fileSystem: InMemoryFileSystem(), limits: DocumentLimits(maxBytes: 1 << 20, maxDepth: 64, maxNodes: 8))
        let result = loader.load(bytes: Array(text.utf8), format: .yaml, file: "PACK.yaml", root: "/pack")
        expectDiagnostics(result.diagnostics) { diagnostics in
            diagnostics.check(.error, contains: "more than 8 values", line: 5)
        }
    }

    @Test
    func deepJSONAndTOMLManifestsAreRefusedCleanly() throws {
        let json = "{\"format\":1,\"x\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        let jsonResult = PackLoader(fileSystem: InMemoryFileSystem()).load(bytes: Array(json.utf8), format: .json, file: "PACK.json", root: "/p")
        #expect(jsonResult.manifest == nil)
        #expect(jsonResult.diagnostics.count == 1)
        #expect(jsonResult.diagnostics.first?.severity == .error)

        let toml = "format = 1\nx = " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000) + "\n"
        let tomlResult = PackLoader(fileSystem: InMemoryFileSystem()).load(bytes: Array(toml.utf8), format: .toml, file: "PACK.toml", root: "/p")
        #expect(tomlResult.manifest == nil)
        #expect(tomlResult.diagnostics.count == 1)
        #expect(tomlResult.diagnostics.first?.severity == .error)
    }
}
