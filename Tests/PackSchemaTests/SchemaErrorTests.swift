import PackJSON
import PackSchema
import Testing

@Suite struct SchemaErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var schema: String
        var code: JSONSchemaError.Code
        var description: String
        var testDescription: String { schema }
    }

    static let cases: [Case] = [
        Case(
            schema: #"{"properties": {"age": {"minimum": "18"}}}"#, code: .invalidKeyword,
            description: "'minimum' must be a number at #/properties/age/minimum"),
        Case(
            schema: #"{"type": "text"}"#, code: .invalidKeyword,
            description:
                "'type' has unknown type 'text' at #/type; use null, boolean, integer, number, string, array or object"),
        Case(
            schema: #"{"items": {"maxItems": -1}}"#, code: .invalidKeyword,
            description: "'maxItems' must be a non-negative integer at #/items/maxItems"),
        Case(
            schema: #"{"required": ["a", 2]}"#, code: .invalidKeyword,
            description: "'required' must be an array of strings at #/required"),
        Case(
            schema: #"{"multipleOf": 0}"#, code: .invalidKeyword,
            description: "'multipleOf' must be a number greater than 0 at #/multipleOf"),
        Case(
            schema: #"{"properties": {"a": 3}}"#, code: .invalidSchema,
            description: "a schema must be an object or a boolean, not number at #/properties/a"),
        Case(
            schema: #"{"pattern": "(a"}"#, code: .invalidPattern,
            description: "'pattern' is not a valid ECMA-262 regular expression: missing ')' at #/pattern"),
        Case(
            schema: #"{"patternProperties": {"\\a": true}}"#, code: .invalidPattern,
            description:
                "'patternProperties' is not a valid ECMA-262 regular expression: '\\a' is not a valid escape in ECMA-262 Unicode mode at #/patternProperties/\\a"
        ),
        Case(
            schema: ##"{"$ref": "#/$defs/missing"}"##, code: .unresolvedReference,
            description:
                "'$ref' '#/$defs/missing' does not resolve to a known schema at #/$ref; register the schema in 'JSONSchemaOptions.registry'"
        ),
        Case(
            schema: #"{"$ref": "https://elsewhere.example/schema.json"}"#, code: .unresolvedReference,
            description:
                "'$ref' 'https://elsewhere.example/schema.json' does not resolve to a known schema at #/$ref; register the schema in 'JSONSchemaOptions.registry'"
        ),
        Case(
            schema: ##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}, "$ref": "#/$defs/a"}"##,
            code: .referenceLoop,
            description:
                "the schema refers to itself without consuming any part of the instance, so validation would never end at #/$defs/a; break the '$ref' cycle"
        ),
        Case(
            schema: #"{"$schema": "http://json-schema.org/draft-04/schema#"}"#, code: .unsupportedDialect,
            description:
                "unsupported '$schema' 'http://json-schema.org/draft-04/schema#' at #/$schema; use 'https://json-schema.org/draft/2020-12/schema' or 'http://json-schema.org/draft-07/schema#', or register the meta-schema"
        ),
        Case(
            schema: #"{"$id": "https://example.com/a#part"}"#, code: .invalidKeyword,
            description:
                "'$id' 'https://example.com/a#part' must not contain a fragment at #/$id; use '$anchor' to name a subschema"),
    ]

    @Test(arguments: cases)
    func aBadSchemaIsRejectedWithALocatedMessage(_ testCase: Case) throws {
        let schema = try JSONParser.parse(testCase.schema)
        let error = try #require(throws: JSONSchemaError.self) { try JSONSchemaValidator(schema: schema) }
        #expect(error.code == testCase.code)
        #expect(error.description == testCase.description)
    }

    @Test func aRecursiveSchemaThatDescendsIntoTheInstanceIsAccepted() throws {
        let tree: JSONValue = ["properties": ["children": ["items": ["$ref": "#"]]], "required": ["name"]]
        let validator = try JSONSchemaValidator(schema: tree)
        #expect(validator.isValid(["name": "root", "children": [["name": "leaf"]]]))
        #expect(!validator.isValid(["name": "root", "children": [["nameless": true]]]))
    }
}
