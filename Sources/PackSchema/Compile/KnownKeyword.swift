/// The keywords the compiler reads, so that a schema object is scanned once (one hash per
/// member) and absent keywords cost a bit test instead of a lookup.
enum KnownKeyword: UInt8, CaseIterable {
    case schema, id, ref, dynamicRef, recursiveRef, anchor, dynamicAnchor, recursiveAnchor, defs
    case definitions, type, const, `enum`, multipleOf, maximum, exclusiveMaximum, minimum, exclusiveMinimum
    case maxLength, minLength, pattern, maxItems, minItems, uniqueItems, maxContains, minContains
    case maxProperties, minProperties, required, dependentRequired, format, contentEncoding
    case contentMediaType, contentSchema, properties, patternProperties, additionalProperties, propertyNames
    case dependentSchemas, dependencies, prefixItems, items, additionalItems, contains, allOf, anyOf, oneOf
    case not, `if`, then, `else`, unevaluatedItems, unevaluatedProperties

    /// The keyword as it is spelled in schemas, indexed by raw value.
    private static let names: [String] = [
        "$schema", "$id", "$ref", "$dynamicRef", "$recursiveRef", "$anchor", "$dynamicAnchor",
        "$recursiveAnchor", "$defs", "definitions", "type", "const", "enum", "multipleOf", "maximum",
        "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems",
        "minItems", "uniqueItems", "maxContains", "minContains", "maxProperties", "minProperties", "required",
        "dependentRequired", "format", "contentEncoding", "contentMediaType", "contentSchema", "properties",
        "patternProperties", "additionalProperties", "propertyNames", "dependentSchemas", "dependencies",
        "prefixItems", "items", "additionalItems", "contains", "allOf", "anyOf", "oneOf", "not", "if", "then",
        "else", "unevaluatedItems", "unevaluatedProperties",
    ]

    /// The keyword as it is spelled in schemas.
    var rawName: String { Self.names[Int(rawValue)] }

    /// The keyword's bit in a presence mask.
    @inline(__always)
    var bit: UInt64 { 1 << UInt64(rawValue) }

    private static let byName: [String: KnownKeyword] = {
        var table: [String: KnownKeyword] = [:]
        for keyword in allCases { table[keyword.rawName] = keyword }
        return table
    }()

    /// The keyword named `name`, if the compiler knows it.
    static func named(_ name: String) -> KnownKeyword? { byName[name] }

    /// The presence mask of an object's members.
    static func mask(of keys: [String]) -> UInt64 {
        var mask: UInt64 = 0
        for key in keys {
            if let keyword = byName[key] { mask |= keyword.bit }
        }
        return mask
    }
}
