import PackJSON
import PackSchema
import Testing

@Suite struct JSONSchemaValidatorTests {
    static let person: JSONValue = [
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": [
            "user": [
                "type": "object",
                "properties": ["age": ["type": "integer", "minimum": 18], "name": ["type": "string", "minLength": 1]],
                "required": ["name"],
            ]
        ],
    ]

    @Test func aValidInstanceHasNoErrors() throws {
        let validator = try JSONSchemaValidator(schema: Self.person)
        let instance: JSONValue = ["user": ["age": 30, "name": "Ada"]]
        #expect(validator.isValid(instance))
        #expect(validator.validate(instance) == ValidationResult(isValid: true, errors: []))
    }

    @Test func anErrorNamesTheInstanceLocationAndTheBrokenRule() throws {
        let validator = try JSONSchemaValidator(schema: Self.person)
        let result = validator.validate(["user": ["age": 17, "name": "Ada"]])
        #expect(!result.isValid)
        #expect(result.errors.count == 1)
        let error = try #require(result.errors.first)
        #expect(error.description == "at /user/age: 17 is less than the minimum of 18")
        #expect(error.instanceLocation == "/user/age")
        #expect(error.keywordLocation == "/properties/user/properties/age/minimum")
        #expect(error.absoluteKeywordLocation == "#/properties/user/properties/age/minimum")
    }

    @Test func everyErrorIsReportedNotOnlyTheFirst() throws {
        let validator = try JSONSchemaValidator(schema: Self.person)
        let result = validator.validate(["user": ["age": 1.5]])
        #expect(result.errors.map(\.description) == [
            "at /user/age: 1.5 is not of type 'integer'",
            "at /user/age: 1.5 is less than the minimum of 18",
            "at /user: required property 'name' is missing",
        ])
        #expect(!validator.isValid(["user": ["age": 1.5]]))
    }

    @Test func theBasicOutputFormatHasTheSpecifiedMembers() throws {
        let validator = try JSONSchemaValidator(schema: ["type": "string"])
        let output = validator.validate(3).basicOutput
        #expect(output["valid"] == false)
        let unit = try #require(output["errors"]?[0])
        #expect(unit["instanceLocation"] == "")
        #expect(unit["keywordLocation"] == "/type")
        #expect(unit["absoluteKeywordLocation"] == "#/type")
        #expect(unit["error"] == "3 is not of type 'string'")
        #expect(validator.validate("ok").basicOutput == ["valid": true])
    }

    @Test func keywordLocationFollowsReferencesAndAbsoluteLocationUsesTheResourceURI() throws {
        let schema: JSONValue = [
            "$id": "https://example.com/order",
            "properties": ["quantity": ["$ref": "#/$defs/positive"]],
            "$defs": ["positive": ["type": "integer", "exclusiveMinimum": 0]],
        ]
        let error = try #require(try JSONSchemaValidator(schema: schema).validate(["quantity": 0]).errors.first)
        #expect(error.keywordLocation == "/properties/quantity/$ref/exclusiveMinimum")
        #expect(error.absoluteKeywordLocation == "https://example.com/order#/$defs/positive/exclusiveMinimum")
        #expect(error.message == "0 is not greater than the exclusive minimum of 0")
    }

    @Test func additionalPropertiesErrorsPointAtTheUnexpectedProperty() throws {
        let schema: JSONValue = ["properties": ["a": true], "additionalProperties": false]
        let errors = try JSONSchemaValidator(schema: schema).validate(["a": 1, "b": 2]).errors
        #expect(errors.map(\.description) == ["at /b: property 'b' is not allowed"])
    }

    @Test func aFailedOneOfExplainsTheClosestBranch() throws {
        let schema: JSONValue = [
            "oneOf": [
                ["properties": ["kind": ["const": "circle"], "radius": ["type": "number"]], "required": ["kind", "radius"]],
                ["properties": ["kind": ["const": "square"], "side": ["type": "number"]], "required": ["kind", "side"]],
            ]
        ]
        let errors = try JSONSchemaValidator(schema: schema).validate(["kind": "square", "side": "wide"]).errors
        #expect(errors.map(\.description) == [
            "at (root): the value does not match any of the 2 schemas in 'oneOf'",
            "at /side: \"wide\" is not of type 'number'",
        ])
    }

    @Test(arguments: ["oneOf", "anyOf"])
    func branchesToldApartByAConstantPropertyValidateLikeTheFullCombinator(_ combinator: String) throws {
        var schema: JSONObject = [
            "$defs": [
                "circle": ["type": "object", "required": ["kind", "r"], "properties": ["kind": ["const": "circle"], "r": ["minimum": 0]]]
            ]
        ]
        schema[combinator] = [
            ["$ref": "#/$defs/circle"],
            ["type": "object", "required": ["kind", "side"], "properties": ["kind": ["const": "square"], "side": ["type": "number"]]],
        ]
        let validator = try JSONSchemaValidator(schema: .object(schema))
        let cases: [(JSONValue, Bool)] = [
            (["kind": "circle", "r": 1], true), (["kind": "circle", "r": -1], false), (["kind": "square", "side": 2], true),
            (["kind": "square", "side": "2"], false), (["kind": "triangle"], false), (["r": 1], false), ("circle", false),
            (["kind": 1, "r": 1], false),
        ]
        for (instance, expected) in cases {
            #expect(validator.isValid(instance) == expected, "\(instance)")
            #expect(validator.validate(instance).isValid == expected, "\(instance)")
        }
    }

    @Test func draftSevenIsChosenBySchemaKeywordOrByDefault() throws {
        // In draft-07 "$ref" overrides its siblings; in 2020-12 both apply.
        let body: JSONObject = ["$defs": ["s": ["type": "string"]], "$ref": "#/$defs/s", "maxLength": 2]
        var draft7 = body
        draft7["$schema"] = "http://json-schema.org/draft-07/schema#"
        #expect(try JSONSchemaValidator(schema: .object(draft7)).isValid("long"))
        #expect(try !JSONSchemaValidator(schema: .object(body)).isValid("long"))
        let byDefault = try JSONSchemaValidator(schema: .object(body), options: JSONSchemaOptions(defaultDraft: .draft7))
        #expect(byDefault.isValid("long"))
    }

    @Test func formatIsAnAnnotationUnlessAssertionIsRequested() throws {
        let schema: JSONValue = ["format": "date"]
        #expect(try JSONSchemaValidator(schema: schema).isValid("2024-02-30"))
        let asserting = try JSONSchemaValidator(schema: schema, options: JSONSchemaOptions(assertsFormat: true))
        #expect(!asserting.isValid("2024-02-30"))
        #expect(asserting.isValid("2024-02-29"))
        #expect(asserting.validate("nope").errors.first?.message == "\"nope\" is not a valid 'date'")
    }

    @Test func bigNumbersAndDecimalsCompareExactly() throws {
        let huge = try JSONParser.parse("12345678901234567890123456789")
        #expect(try JSONSchemaValidator(schema: ["type": "integer", "minimum": 1e28]).isValid(huge))
        #expect(try JSONSchemaValidator(schema: ["multipleOf": 0.1]).isValid(try JSONParser.parse("0.3")))
        #expect(try !JSONSchemaValidator(schema: ["multipleOf": 0.1]).isValid(try JSONParser.parse("0.35")))
        #expect(try JSONSchemaValidator(schema: ["const": 1]).isValid(try JSONParser.parse("1.0")))
    }

    @Test func stringsCompareByCodePointsNotByCanonicalEquivalence() throws {
        let validator = try JSONSchemaValidator(schema: ["enum": ["\u{E9}"]])
        #expect(validator.isValid("\u{E9}"))
        #expect(!validator.isValid("e\u{301}"))
        #expect(try !JSONSchemaValidator(schema: ["uniqueItems": true]).isValid(["\u{E9}", "\u{E9}"]))
        #expect(try JSONSchemaValidator(schema: ["uniqueItems": true]).isValid(["\u{E9}", "e\u{301}"]))
    }

    @Test func remoteReferencesResolveOnlyFromTheRegistry() throws {
        let registry = JSONSchemaRegistry(["https://schemas.example/name.json": ["type": "string", "minLength": 2]])
        let schema: JSONValue = ["properties": ["name": ["$ref": "https://schemas.example/name.json"]]]
        let validator = try JSONSchemaValidator(schema: schema, options: JSONSchemaOptions(registry: registry))
        #expect(validator.isValid(["name": "Ada"]))
        #expect(!validator.isValid(["name": "A"]))
        #expect(throws: JSONSchemaError.self) { try JSONSchemaValidator(schema: schema) }
    }

    @Test func theMetaSchemasAreBuiltIn() throws {
        let meta = try JSONSchemaValidator(schema: ["$ref": "https://json-schema.org/draft/2020-12/schema"])
        #expect(meta.isValid(["type": "string", "minLength": 1]))
        #expect(!meta.isValid(["minLength": -1]))
        let meta7 = try JSONSchemaValidator(schema: ["$ref": "http://json-schema.org/draft-07/schema#"])
        #expect(!meta7.isValid(["type": "strin"]))
    }

    @Test func oneValidatorServesManyTasksAtOnce() async throws {
        let validator = try JSONSchemaValidator(schema: Self.person)
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask {
                    let age = index % 2 == 0 ? 30 : 10
                    return validator.isValid(["user": ["age": .number(JSONNumber(age)), "name": "x"]]) == (age == 30)
                        && validator.validate(["user": ["age": .number(JSONNumber(age)), "name": "x"]]).isValid == (age == 30)
                }
            }
            var all: [Bool] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0 })
    }

    @Test func unevaluatedPropertiesSeesThroughReferencesAndCombinators() throws {
        let schema: JSONValue = [
            "allOf": [["$ref": "#/$defs/base"]],
            "properties": ["extra": ["type": "boolean"]],
            "unevaluatedProperties": false,
            "$defs": ["base": ["properties": ["id": ["type": "integer"]]]],
        ]
        let validator = try JSONSchemaValidator(schema: schema)
        #expect(validator.isValid(["id": 1, "extra": true]))
        #expect(validator.validate(["id": 1, "other": 2]).errors.map(\.description) == [
            "at /other: property 'other' is not allowed (no schema evaluates it and 'unevaluatedProperties' is false)"
        ])
    }
}
