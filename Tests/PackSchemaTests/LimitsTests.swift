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

    /// Definitions whose nodes flag mode checks inline (type-only, `const`-only, bounded arrays of
    /// typed items, `$ref` chains), so the shortcuts must count depth exactly as the full
    /// evaluation does.
    static let shortcutDefinitions: JSONValue = [
        "Position": ["$ref": "#/$defs/Pair"],
        "Pair": ["type": "array", "minItems": 2, "maxItems": 3, "items": ["$ref": "#/$defs/Number"]],
        "Number": ["type": "number"],
        "Point": [
            "type": "object", "required": ["type", "at"], "additionalProperties": false,
            "properties": ["type": ["const": "Point"], "at": ["$ref": "#/$defs/Position"]],
        ],
        "Line": [
            "type": "object", "required": ["type", "path"], "additionalProperties": false,
            "properties": ["type": ["const": "Line"], "path": ["type": "array", "items": ["$ref": "#/$defs/Position"]]],
        ],
    ]

    /// Error mode evaluates every keyword in full, except `anyOf`/`oneOf` branches, which it
    /// scores in flag mode: the plain schema compares the shortcuts with the full evaluation,
    /// the discriminated `oneOf` with the discriminator.
    static let shortcutSchemas: [JSONValue] = [
        ["type": "array", "items": ["anyOf": [["$ref": "#/$defs/Point"], ["$ref": "#/$defs/Line"]]], "$defs": shortcutDefinitions],
        ["type": "array", "items": ["oneOf": [["$ref": "#/$defs/Point"], ["$ref": "#/$defs/Line"]]], "$defs": shortcutDefinitions],
        [
            "type": "array",
            "items": ["properties": ["type": ["const": "Point"], "at": ["$ref": "#/$defs/Position"], "path": ["$ref": "#/$defs/Line/properties/path"]]],
            "$defs": shortcutDefinitions,
        ],
    ]

    @Test("flag mode and error mode agree at every depth limit on inline-checked schemas", arguments: 0..<3)
    func shortcutsCountDepthLikeTheFullEvaluation(schema: Int) throws {
        let instances: [JSONValue] = [
            [], [["type": "Point", "at": [1, 2]]], [["type": "Point", "at": [1]]], [["type": "Point", "at": [1, "2"]]],
            [["type": "Line", "path": [[1, 2], [3, 4, 5]]]], [["type": "Line", "path": [[1, 2, 3, 4]]]],
            [["type": "Line", "path": []]], [["type": "Circle", "at": [1, 2]]], [["type": "Point", "at": []]],
        ]
        var validCounts: [Int] = []
        for limit in 1...12 {
            let validator = try JSONSchemaValidator(
                schema: Self.shortcutSchemas[schema], options: JSONSchemaOptions(maxEvaluationDepth: limit))
            var valid = 0
            for instance in instances {
                let flag = validator.isValid(instance)
                #expect(flag == validator.validate(instance).isValid, "limit \(limit), instance \(instance)")
                if flag { valid += 1 }
            }
            validCounts.append(valid)
        }
        // Shallow limits refuse all but the empty array; deep enough ones accept every valid instance.
        #expect(validCounts.first == 1)
        #expect(validCounts.last == [4, 4, 2][schema], "\(validCounts)")
        #expect(Set(validCounts).count >= 2, "\(validCounts)")
    }
}
