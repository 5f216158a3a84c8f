import PackJSON

/// One compiled schema (object or boolean): a type mask checked first, then specialized keywords.
///
/// Nodes reference each other directly (children and `$ref` targets), so recursive schemas form
/// reference cycles; ``CompiledSchema`` breaks them when it is released.
// @unchecked Sendable: `keywords` and the flags are written only while the compiler builds the
// graph (before any validator is published) and cleared in `CompiledSchema.deinit`; validation
// only reads them.
final class SchemaNode: @unchecked Sendable {
    /// Where the schema lives: resource URI + `#` + JSON Pointer (for `absoluteKeywordLocation`).
    let absoluteLocation: String
    /// The schema resource the node belongs to (for the `$dynamicRef` dynamic scope).
    let resourceID: Int

    /// Set for the `false` schema: every instance fails.
    var rejectsEverything = false
    /// Allowed instance types, or `TypeMask.any` when there is no `type` keyword.
    var typeMask: TypeMask = .any
    var keywords: [Keyword] = []
    /// Whether the node has `unevaluatedProperties` or `unevaluatedItems`.
    var usesAnnotations = false

    init(absoluteLocation: String, resourceID: Int) {
        self.absoluteLocation = absoluteLocation
        self.resourceID = resourceID
    }
}

/// The JSON Schema types as bits; `integer` is a separate bit that `number` includes.
struct TypeMask: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    static let null = TypeMask(rawValue: 1)
    static let boolean = TypeMask(rawValue: 2)
    static let integer = TypeMask(rawValue: 4)
    static let number = TypeMask(rawValue: 8)
    static let string = TypeMask(rawValue: 16)
    static let array = TypeMask(rawValue: 32)
    static let object = TypeMask(rawValue: 64)
    static let any = TypeMask(rawValue: 127)

    /// The mask for a `type` name, or `nil` for an unknown name.
    init?(typeName: String) {
        switch typeName {
        case "null": self = .null
        case "boolean": self = .boolean
        case "integer": self = .integer
        case "number": self = [.number, .integer]
        case "string": self = .string
        case "array": self = .array
        case "object": self = .object
        default: return nil
        }
    }

    /// Whether an instance of this kind passes; numbers are checked for integrality only if needed.
    @inline(__always)
    func admits(_ instance: JSONValue) -> Bool {
        switch instance {
        case .null: return contains(.null)
        case .bool: return contains(.boolean)
        case .number(let number):
            if contains(.number) { return true }
            return contains(.integer) && number.isInteger
        case .string: return contains(.string)
        case .array: return contains(.array)
        case .object: return contains(.object)
        }
    }

    /// The type names in the mask, for messages ("string or null").
    var names: [String] {
        var result: [String] = []
        if contains(.null) { result.append("null") }
        if contains(.boolean) { result.append("boolean") }
        if contains(.number) {
            result.append("number")
        } else if contains(.integer) {
            result.append("integer")
        }
        if contains(.string) { result.append("string") }
        if contains(.array) { result.append("array") }
        if contains(.object) { result.append("object") }
        return result
    }
}

/// A numeric bound with an `Int64` copy for the common integer case.
struct NumberBound: Sendable {
    let value: JSONNumber
    let integer: Int64?

    init(_ value: JSONNumber) {
        self.value = value
        integer = value.int64Value
    }
}

/// A compiled keyword. Payloads that are large or shared are final classes to keep copies cheap.
enum Keyword: Sendable {
    case minimum(NumberBound)
    case maximum(NumberBound)
    case exclusiveMinimum(NumberBound)
    case exclusiveMaximum(NumberBound)
    case multipleOf(JSONNumber)
    case minLength(Int)
    case maxLength(Int)
    case pattern(PatternKeyword)
    case format(FormatKeyword)
    case content(ContentKeyword)
    case minItems(Int)
    case maxItems(Int)
    case uniqueItems
    case minProperties(Int)
    case maxProperties(Int)
    case required(RequiredKeyword)
    case dependentRequired(DependentRequiredKeyword)
    case constant(ConstKeyword)
    case enumeration(EnumKeyword)
    case properties(PropertiesKeyword)
    case propertyNames(SchemaNode)
    case dependentSchemas(DependentSchemasKeyword)
    case items(ItemsKeyword)
    case contains(ContainsKeyword)
    case allOf([SchemaNode])
    case anyOf([SchemaNode])
    case oneOf([SchemaNode])
    case not(SchemaNode)
    case conditional(ConditionalKeyword)
    case ref(RefKeyword)
    case dynamicRef(DynamicRefKeyword)
    case unevaluatedProperties(SchemaNode)
    case unevaluatedItems(SchemaNode)
}

/// `pattern`.
final class PatternKeyword: Sendable {
    let regex: ECMARegex
    init(_ regex: ECMARegex) { self.regex = regex }
}

/// `format` as an assertion (annotation-only formats are not compiled).
final class FormatKeyword: Sendable {
    let name: String
    let check: @Sendable (String) -> Bool
    init(name: String, check: @escaping @Sendable (String) -> Bool) {
        self.name = name
        self.check = check
    }
}

/// Draft-07 `contentEncoding` (`base64`) and `contentMediaType` (`application/json`) as assertions.
final class ContentKeyword: Sendable {
    let base64: Bool
    let json: Bool
    init(base64: Bool, json: Bool) {
        self.base64 = base64
        self.json = json
    }
}

/// `required` (when not folded into ``PropertiesKeyword``).
final class RequiredKeyword: Sendable {
    let names: [String]
    init(_ names: [String]) { self.names = names }
}

/// `dependentRequired` (and the array form of draft-07 `dependencies`).
final class DependentRequiredKeyword: Sendable {
    let keyword: String
    let entries: [(property: String, required: [String])]
    init(keyword: String, entries: [(property: String, required: [String])]) {
        self.keyword = keyword
        self.entries = entries
    }
}

/// `const`.
final class ConstKeyword: Sendable {
    let value: JSONValue
    init(_ value: JSONValue) { self.value = value }
}

/// `enum`, with a string fast path.
final class EnumKeyword: Sendable {
    let values: [JSONValue]
    /// Set when every value is a string and there are many of them.
    let stringSet: Set<String>?
    init(_ values: [JSONValue]) {
        self.values = values
        let strings = values.compactMap(\.stringValue)
        stringSet = strings.count == values.count && values.count > 8 ? Set(strings) : nil
    }
}

/// `properties`, `patternProperties` and `additionalProperties` in one pass over the members,
/// with `required` folded in when every required name is a declared property.
final class PropertiesKeyword: Sendable {
    let names: [String]
    /// UTF-8 length and first byte of each name, compared before the full string.
    let signatures: [UInt64]
    let schemas: [SchemaNode]
    let patterns: [(source: String, regex: ECMARegex, schema: SchemaNode)]
    let additional: SchemaNode?
    /// Bit i set when `names[i]` is required (only when `foldsRequired`).
    let requiredBits: UInt64
    let requiredCount: Int
    let foldsRequired: Bool
    /// Whether `properties`/`patternProperties`/`additionalProperties` appeared (for paths).
    let hasProperties: Bool

    init(
        names: [String], schemas: [SchemaNode], patterns: [(source: String, regex: ECMARegex, schema: SchemaNode)],
        additional: SchemaNode?, required: [String]?, hasProperties: Bool
    ) {
        self.names = names
        self.schemas = schemas
        self.patterns = patterns
        self.additional = additional
        self.hasProperties = hasProperties
        signatures = names.map(Self.signature)
        var bits: UInt64 = 0
        var folds = false
        if let required, names.count <= 64 {
            folds = true
            for name in required {
                guard let index = names.firstIndex(where: { JSONEquality.sameText($0, name) }) else {
                    folds = false
                    break
                }
                bits |= 1 << UInt64(index)
            }
        }
        foldsRequired = folds
        requiredBits = folds ? bits : 0
        requiredCount = bits.nonzeroBitCount
    }

    @inline(__always)
    static func signature(_ name: String) -> UInt64 {
        let utf8 = name.utf8
        return UInt64(utf8.count) << 8 | UInt64(utf8.first ?? 0)
    }

    /// The index of `key` among the declared names.
    @inline(__always)
    func index(of key: String) -> Int? {
        let signature = Self.signature(key)
        for index in 0..<signatures.count where signatures[index] == signature && JSONEquality.sameText(names[index], key) {
            return index
        }
        return nil
    }
}

/// `dependentSchemas` (and the schema form of draft-07 `dependencies`).
final class DependentSchemasKeyword: Sendable {
    let keyword: String
    let entries: [(property: String, schema: SchemaNode)]
    init(keyword: String, entries: [(property: String, schema: SchemaNode)]) {
        self.keyword = keyword
        self.entries = entries
    }
}

/// `prefixItems` + `items` (2020-12) or array `items` + `additionalItems` (draft-07), or a single `items`.
final class ItemsKeyword: Sendable {
    let prefix: [SchemaNode]
    let prefixKeyword: String
    let rest: SchemaNode?
    let restKeyword: String
    init(prefix: [SchemaNode], prefixKeyword: String, rest: SchemaNode?, restKeyword: String) {
        self.prefix = prefix
        self.prefixKeyword = prefixKeyword
        self.rest = rest
        self.restKeyword = restKeyword
    }
}

/// `contains` with `minContains` / `maxContains`.
final class ContainsKeyword: Sendable {
    let schema: SchemaNode
    let minimum: Int
    let maximum: Int?
    init(schema: SchemaNode, minimum: Int, maximum: Int?) {
        self.schema = schema
        self.minimum = minimum
        self.maximum = maximum
    }
}

/// `if` / `then` / `else`.
final class ConditionalKeyword: Sendable {
    let condition: SchemaNode
    let then: SchemaNode?
    let otherwise: SchemaNode?
    init(condition: SchemaNode, then: SchemaNode?, otherwise: SchemaNode?) {
        self.condition = condition
        self.then = then
        self.otherwise = otherwise
    }
}

/// `$ref` to a resolved node.
final class RefKeyword: Sendable {
    let target: SchemaNode
    init(_ target: SchemaNode) { self.target = target }
}

/// `$dynamicRef`: the statically resolved target, and the anchor name to look up in the dynamic scope.
// @unchecked Sendable: `candidates` is filled once by the compiler after every resource is known,
// before the validator is published; validation only reads it.
final class DynamicRefKeyword: @unchecked Sendable {
    let initial: SchemaNode
    /// Set when the initial target carries a matching `$dynamicAnchor` (the "bookend").
    let anchor: String?
    /// Node of the `$dynamicAnchor` named ``anchor`` in each resource that has one, by resource ID.
    var candidates: [Int: SchemaNode] = [:]
    init(initial: SchemaNode, anchor: String?) {
        self.initial = initial
        self.anchor = anchor
    }
}
