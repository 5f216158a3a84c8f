import PackJSON

extension JSONSchemaValidator {
    /// Checks that `schema` compiles, without keeping the compiled form (for loaders that only
    /// validate manifests).
    ///
    /// Most tool contracts are plain property lists; those are recognised by one walk
    /// (``compilesCertainly(_:)``) and not compiled at all.
    /// - Throws: ``JSONSchemaError``, as ``init(schema:options:)`` does.
    public static func check(_ schema: JSONValue, options: JSONSchemaOptions = JSONSchemaOptions()) throws(JSONSchemaError) {
        if compilesCertainly(schema) { return }
        _ = try SchemaCompiler(options: options).compile(schema)
    }

    /// The deepest plain schema the fast check walks; deeper ones are left to the compiler.
    package static let plainDepthLimit = 32

    /// Whether `schema` certainly compiles: it is built only from a few keywords (types, bounds,
    /// lengths, counts, `enum`, `const`, `required`, `properties`, `additionalProperties`, `items`
    /// and annotations) whose values have the shapes the compiler demands, with no `$schema`,
    /// `$id` or reference. Conservative: `false` means "ask the compiler", never "invalid".
    ///
    /// Compiling a schema builds a node graph; this walk reads the value once and allocates only
    /// its small stack. It lives beside the compiler because it mirrors the compiler's rules for
    /// these keywords; `PackLoadingTests` checks the two agree.
    package static func compilesCertainly(_ schema: JSONValue) -> Bool {
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
