import PackBasics
import PackJSON
import PackLoading
import PackSchema
import PackTestSupport
import Testing

/// The editor schema (`quiver schema manifest`) must agree with the loader on real manifests.
@Suite(.tags(.medium))
struct ManifestJSONSchemaTests {
    let validator: JSONSchemaValidator

    init() throws {
        validator = try JSONSchemaValidator(schema: try JSONParser.parse(ManifestJSONSchema.text))
    }

    @Test
    func everyExampleManifestValidatesAgainstTheEditorSchema() throws {
        for pack in PackDiscovery().packs(under: TestPaths.examplePacks) {
            let result = PackLoader().load(at: pack)
            let document = try #require(result.document)
            let verdict = validator.validate(document)
            #expect(verdict.isValid, "\(pack): \(verdict.errors.map(\.description))")
        }
    }

    @Test(arguments: [
        "format: 2\nname: a-b\nversion: 1.0.0\ndescription: d\n",
        "format: 1\nname: Bad\nversion: 1.0.0\ndescription: d\n",
        "format: 1\nname: a-b\nversion: \"1.0\"\ndescription: d\n",
        "format: 1\nname: a-b\nversion: 1.0.0\n",
        "format: 1\nname: a-b\nversion: 1.0.0\ndescription: d\ntools: [{ name: t, description: d, input: {}, handler: { wasm: a, process: b } }]\n",
    ])
    func brokenManifestsAreRejectedByTheEditorSchemaToo(_ text: String) throws {
        let document = try #require(loadInline(text).document)
        #expect(!validator.isValid(document))
    }
}
