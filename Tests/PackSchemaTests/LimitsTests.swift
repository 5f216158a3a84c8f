import PackJSON
import PackSchema
import Testing

@Suite struct LimitsTests {
    /// `[[[…]]]` nested `depth` deep, built without recursion.
    static func nestedArrays(_ depth: Int, innermost: JSONValue = .array([])) -> JSONValue {
        var value = innermost
        for _ in 0..<depth { value = .array([value]) }
        return value
    }

    static let recursive: JSONValue = ["type": "array", "maxItems": 1, "items": ["$ref": "#"]]

    @Test func instancesWithinTheDepthLimitValidate() throws {
        let validator = try JSONSchemaValidator(schema: Self.recursive)
        var valid = Self.nestedArrays(900)
        var invalid = Self.nestedArrays(900, innermost: [1])
        #expect(validator.isValid(valid))
        #expect(validator.validate(invalid).errors.first?.message == "1 is not of type 'array'")
        valid.dismantle()
        invalid.dismantle()
    }

    @Test func aVeryDeepInstanceFailsCleanlyInsteadOfOverflowingTheStack() throws {
        let validator = try JSONSchemaValidator(schema: Self.recursive)
        var deep = Self.nestedArrays(100_000)
        #expect(!validator.isValid(deep))
        let result = validator.validate(deep)
        #expect(!result.isValid)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.message.hasPrefix("validation exceeded the maximum evaluation depth of 4096") == true)
        deep.dismantle()
    }

    @Test func theDepthLimitIsConfigurable() throws {
        let validator = try JSONSchemaValidator(
            schema: Self.recursive, options: JSONSchemaOptions(maxEvaluationDepth: 50))
        var deep = Self.nestedArrays(30)
        #expect(!validator.isValid(deep))
        deep.dismantle()
        #expect(validator.isValid(Self.nestedArrays(10)))
    }

    @Test func aDynamicReferenceLoopIsStoppedAtValidationTime() throws {
        // The static check cannot see through $dynamicRef, so the depth guard ends the loop.
        // Statically `$dynamicRef` lands on `#/$defs/b/$defs/leaf` (no loop); dynamically it
        // resolves to the root, which refers to "b" again, for ever.
        let schema: JSONValue = [
            "$id": "https://example.com/root",
            "$dynamicAnchor": "node",
            "$ref": "b",
            "$defs": [
                "b": [
                    "$id": "b",
                    "$dynamicRef": "#node",
                    "$defs": ["leaf": ["$dynamicAnchor": "node", "type": "integer"]],
                ]
            ],
        ]
        let validator = try JSONSchemaValidator(schema: schema)
        #expect(!validator.isValid(1))
        #expect(validator.validate(1).errors.first?.message.hasPrefix("validation exceeded the maximum evaluation depth") == true)
    }

    @Test func repeatedReferencesToTheSameSchemaAreNotMistakenForLoops() throws {
        let schema: JSONValue = [
            "$defs": ["int": ["type": "integer"]],
            "allOf": [["properties": ["foo": ["$ref": "#/$defs/int"]]], ["additionalProperties": ["$ref": "#/$defs/int"]]],
        ]
        let validator = try JSONSchemaValidator(schema: schema)
        #expect(validator.isValid(["foo": 1]))
        #expect(!validator.isValid(["foo": "a"]))
    }
}
