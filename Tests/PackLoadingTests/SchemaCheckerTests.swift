import PackJSON
@testable import PackLoading
import PackSchema
import PackTestSupport
import Testing

/// The schema checker skips the compile for plain schemas; these tests hold that shortcut to
/// the compiler's verdict, so the diagnostics stay those of the compiler.
@Suite(.tags(.small))
struct SchemaCheckerTests {
    static let plain: [JSONValue] = [
        true,
        ["type": "object"],
        ["type": "object", "properties": ["q": ["type": "string", "minLength": 1], "n": ["type": "integer", "minimum": 0, "maximum": 10]],
         "required": ["q"], "additionalProperties": false],
        ["type": ["string", "null"], "enum": ["a", nil], "description": 5, "title": "t", "default": ["x": 1]],
        ["type": "array", "items": ["type": "object", "properties": [:]], "maxItems": 3, "minItems": 0, "uniqueItems": true],
        ["type": "object", "properties": ["": true, "a/b": false, "~": ["const": ["k": [1, 2]]]], "required": []],
        ["format": "no-such-format", "$comment": 1, "examples": 3, "deprecated": "yes", "readOnly": 1, "writeOnly": nil],
        ["exclusiveMinimum": 1.5, "exclusiveMaximum": -2, "minProperties": 0, "maxProperties": 9, "maxLength": 0],
    ]

    static let notPlain: [JSONValue] = [
        ["type": "float"],
        ["type": 3],
        ["type": ["string", 1]],
        ["minLength": -1],
        ["minLength": 1.5],
        ["maxItems": "3"],
        ["required": [1]],
        ["required": "a"],
        ["properties": ["a": 3]],
        ["properties": []],
        ["items": 3],
        ["items": [true]],
        ["additionalProperties": "no"],
        ["enum": "a"],
        ["uniqueItems": 1],
        ["minimum": "0"],
        ["format": 1],
        ["$ref": "#/nope"],
        ["$schema": "https://example.org/unknown"],
        ["pattern": "("],
        ["multipleOf": 0],
        ["anyOf": []],
        "text",
        3,
    ]

    @Test("a plain schema is recognised and the compiler accepts it too", arguments: plain)
    func plainSchemasCompile(_ schema: JSONValue) throws {
        #expect(JSONSchemaValidator.compilesCertainly(schema))
        _ = try JSONSchemaValidator(schema: schema)
        #expect(SchemaChecker().problems(in: schema).isEmpty)
    }

    @Test("a schema outside the plain subset goes to the compiler, whose message is reported", arguments: notPlain)
    func otherSchemasAreCompiled(_ schema: JSONValue) {
        #expect(!JSONSchemaValidator.compilesCertainly(schema))
        let problems = SchemaChecker().problems(in: schema)
        switch schema {
        case .object:
            do {
                _ = try JSONSchemaValidator(schema: schema)
                #expect(problems.isEmpty)
            } catch {
                #expect(problems == ["not a valid JSON Schema: \(error)"])
            }
        default:
            #expect(problems == ["a JSON Schema must be an object or a boolean"])
        }
    }

    @Test("a schema nested past the walk's depth limit is left to the compiler")
    func deepSchemasAreCompiled() throws {
        var schema: JSONValue = ["type": "string"]
        for _ in 0..<JSONSchemaValidator.plainDepthLimit { schema = ["type": "object", "properties": ["a": schema]] }
        #expect(!JSONSchemaValidator.compilesCertainly(schema))
        _ = try JSONSchemaValidator(schema: schema)
        #expect(SchemaChecker().problems(in: schema).isEmpty)
    }

    /// Every keyword of the subset with every kind of value, at the root and one level down:
    /// whenever the shortcut says "compiles", the compiler must agree.
    @Test("the shortcut never accepts a schema the compiler rejects")
    func shortcutAgreesWithTheCompiler() {
        let keywords = ["type", "properties", "required", "items", "additionalProperties", "minimum", "maximum",
                        "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems",
                        "minProperties", "maxProperties", "uniqueItems", "enum", "format", "const", "title",
                        "description", "default", "examples", "deprecated", "readOnly", "writeOnly", "$comment"]
        let values: [JSONValue] = [nil, true, false, 0, -1, 2, 1.5, -0.5, 1e30, "", "string", "object", "float",
                                   [], ["string"], ["integer", "null"], [1], ["a": 1], ["a": ["type": "string"]],
                                   [:], ["type": "nope"]]
        var accepted = 0
        for keyword in keywords {
            for value in values {
                for schema: JSONValue in [[keyword: value], ["type": "object", "properties": ["p": [keyword: value]]],
                                          ["items": [keyword: value]]] {
                    guard JSONSchemaValidator.compilesCertainly(schema) else { continue }
                    accepted += 1
                    #expect(throws: Never.self, "\(schema)") { _ = try JSONSchemaValidator(schema: schema) }
                }
            }
        }
        #expect(accepted > 100)
    }
}
