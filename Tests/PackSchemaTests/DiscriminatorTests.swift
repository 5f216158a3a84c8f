import PackJSON
@testable import PackSchema
import Testing

@Suite struct DiscriminatorTests {
    static func discriminator(_ schema: JSONValue) throws -> Discriminator? {
        let compiled = try SchemaCompiler(options: JSONSchemaOptions()).compile(schema)
        for keyword in compiled.root.keywords {
            if case .oneOf(let list) = keyword { return list.value.discriminator }
        }
        return nil
    }

    @Test func branchesWithARequiredConstantGetADiscriminator() throws {
        let found = try Self.discriminator([
            "oneOf": [
                ["type": "object", "required": ["type"], "properties": ["type": ["const": "Point"]]],
                ["type": "object", "required": ["type", "x"], "properties": ["type": ["const": "Line"], "x": true]],
            ]
        ])
        #expect(found?.property == "type")
        #expect(found?.branches == ["Point": 0, "Line": 1])
    }

    @Test(arguments: [
        // Not required, so an object without "kind" could match either branch.
        #"{"oneOf": [{"type": "object", "properties": {"kind": {"const": "a"}}}, {"type": "object", "properties": {"kind": {"const": "b"}}}]}"#,
        // No "type": "object", so non-objects pass both branches.
        #"{"oneOf": [{"required": ["k"], "properties": {"k": {"const": "a"}}}, {"required": ["k"], "properties": {"k": {"const": "b"}}}]}"#,
        // Equal constants do not tell the branches apart.
        #"{"oneOf": [{"type": "object", "required": ["k"], "properties": {"k": {"const": "a"}}}, {"type": "object", "required": ["k"], "properties": {"k": {"const": "a"}}}]}"#,
    ])
    func branchesThatCannotBeToldApartGetNone(_ text: String) throws {
        #expect(try Self.discriminator(JSONParser.parse(text)) == nil)
    }
}
