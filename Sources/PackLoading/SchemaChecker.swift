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
        do {
            try JSONSchemaValidator.check(schema)
        } catch {
            problems.append("not a valid JSON Schema: \(error)")
        }
        return problems
    }
}
