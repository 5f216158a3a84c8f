import PackJSON
import PackSchema

/// Checks that a tool contract or named schema is a usable JSON Schema.
struct SchemaChecker {
    /// Problems with `schema`; `requireObjectType` also demands a root `type: object`, as MCP does for tool inputs.
    func problems(in schema: JSONValue, requireObjectType: Bool = false) -> [String] {
        var problems: [String] = []
        switch schema {
        case .bool:
            if requireObjectType { problems.append("a tool input schema must be an object schema with 'type: object', not a boolean") }
            return problems
        case .object(let object):
            if requireObjectType {
                switch object["type"] {
                case .string("object")?:
                    break
                case nil:
                    if object["$ref"] == nil && object["allOf"] == nil && object["oneOf"] == nil && object["anyOf"] == nil {
                        problems.append("a tool input schema must declare 'type: object'; add it at the root")
                    }
                case let other?:
                    problems.append("a tool input schema must have 'type: object' at the root, not \(other); wrap the value in an object property")
                }
            }
        default:
            return ["a JSON Schema must be an object or a boolean"]
        }
        // Most tool contracts are plain property lists: those compile without fail, so skip the compile.
        if Self.compilesCertainly(schema) { return problems }
        do {
            _ = try JSONSchemaValidator(schema: schema)
        } catch {
            problems.append("not a valid JSON Schema: \(error)")
        }
        return problems
    }

    /// The deepest plain schema the fast check walks; deeper ones are left to the compiler.
    static let plainDepthLimit = 32

    /// Whether `schema` certainly compiles: it is built only from a few keywords (types, bounds,
    /// lengths, counts, `enum`, `const`, `required`, `properties`, `additionalProperties`, `items`
    /// and annotations) whose values have the shapes the compiler demands, with no `$schema`,
    /// `$id` or reference. Conservative: `false` means "ask the compiler", never "invalid".
    ///
    /// Compiling a schema builds a node graph only for it to be discarded here; this walk reads
    /// the value once and allocates only its small stack.
    static func compilesCertainly(_ schema: JSONValue) -> Bool {
        var pending: [(JSONValue, Int)] = [(schema, 0)]
        while let (value, depth) = pending.popLast() {
            let object: JSONObject
            switch value {
            case .bool: continue
            case .object(let contents): object = contents
            default: return false
            }
            guard depth < plainDepthLimit else { return false }
            for (key, member) in object {
                switch key {
                case "type":
                    switch member {
                    case .string(let name):
                        guard isTypeName(name) else { return false }
                    case .array(let names):
                        for name in names {
                            guard case .string(let text) = name, isTypeName(text) else { return false }
                        }
                    default:
                        return false
                    }
                case "properties":
                    guard case .object(let map) = member else { return false }
                    for subschema in map.values { pending.append((subschema, depth + 1)) }
                case "required":
                    guard case .array(let names) = member else { return false }
                    for name in names {
                        guard case .string = name else { return false }
                    }
                case "items", "additionalProperties":
                    switch member {
                    case .object, .bool: pending.append((member, depth + 1))
                    default: return false
                    }
                case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
                    guard case .number = member else { return false }
                case "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties":
                    guard case .number(let number) = member, let count = number.int64Value, count >= 0 else { return false }
                case "uniqueItems":
                    guard case .bool = member else { return false }
                case "enum":
                    guard case .array = member else { return false }
                case "format":
                    guard case .string = member else { return false }
                case "const", "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly", "$comment":
                    continue
                default:
                    return false
                }
            }
        }
        return true
    }

    private static func isTypeName(_ name: String) -> Bool {
        switch name {
        case "object", "string", "integer", "number", "boolean", "array", "null": true
        default: false
        }
    }
}
