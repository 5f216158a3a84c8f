import PackJSON

/// A reference that does not retain its target, so that keyword payloads stay trivially copyable
/// and the validation loop does no reference counting.
///
/// Every target is owned elsewhere: nodes by ``CompiledSchema/nodes``, keyword payloads by their
/// node's ``SchemaNode/payloads``. Validation runs only while the compiled schema is alive
/// (``JSONSchemaValidator`` extends its lifetime over each call).
// @unchecked Sendable: the targets are immutable once compilation has finished.
struct Unowned<Target: AnyObject>: @unchecked Sendable {
    private let reference: Unmanaged<Target>

    init(_ value: Target) {
        reference = .passUnretained(value)
    }

    /// The target (the caller may retain it; use ``with(_:)`` on hot paths).
    var value: Target { reference.takeUnretainedValue() }

    /// Runs `body` with the target borrowed, without retaining it.
    @inline(__always)
    func with<Result>(_ body: (Target) -> Result) -> Result {
        reference._withUnsafeGuaranteedRef(body)
    }
}

/// One compiled schema (object or boolean): a type mask checked first, then specialized keywords.
// @unchecked Sendable: the mutable fields are written only while the compiler builds the graph,
// before any validator is published; validation only reads them.
final class SchemaNode: @unchecked Sendable {
    /// The absolute URI of the schema's resource (for `absoluteKeywordLocation`).
    let resourceURI: String
    /// The JSON Pointer tokens from the resource root to this schema.
    let pointer: ArraySlice<String>
    /// The schema resource the node belongs to (for the `$dynamicRef` dynamic scope).
    let resourceID: Int

    /// Set for the `false` schema: every instance fails.
    var rejectsEverything = false
    /// Allowed instance types, or `TypeMask.any` when there is no `type` keyword.
    var typeMask: TypeMask = .any
    /// The keywords, in evaluation order; trivially copyable, so iterating costs no retains.
    private(set) var keywords = UnsafeBufferPointer<Keyword>(start: nil, count: 0)
    /// Owners of the objects that ``keywords`` reference without retaining.
    private(set) var payloads: [AnyObject] = []
    /// Whether the node has `unevaluatedProperties` or `unevaluatedItems`.
    var usesAnnotations = false
    /// Whether the node checks nothing but `type` (flag mode checks it inline, without a call).
    var checksTypeOnly = false
    /// For a schema that is only a `$ref` (possibly chained), the final target: flag mode jumps
    /// straight there. `nil` otherwise.
    var flagTarget: Unowned<SchemaNode>?
    /// The number of `$ref`s between this node and ``flagTarget``.
    var flagTargetHops = 0

    /// Sets ``checksTypeOnly`` and ``flagTarget`` once the whole graph is compiled.
    func finalize() {
        checksTypeOnly = keywords.isEmpty && !rejectsEverything
        var target = self
        var steps = 0
        while steps < 64, target.typeMask == .any, !target.usesAnnotations, !target.rejectsEverything,
            target.keywords.count == 1, case .ref(let next) = target.keywords[0]
        {
            target = next.value
            steps += 1
        }
        flagTarget = steps > 0 ? Unowned(target) : nil
        flagTargetHops = steps
    }

    init(resourceURI: String, pointer: ArraySlice<String>, resourceID: Int) {
        self.resourceURI = resourceURI
        self.pointer = pointer
        self.resourceID = resourceID
    }

    deinit {
        keywords.deallocate()
    }

    /// Installs the compiled keywords and keeps their payload objects alive.
    func install(_ list: [Keyword], payloads: [AnyObject]) {
        keywords.deallocate()
        let buffer = UnsafeMutableBufferPointer<Keyword>.allocate(capacity: list.count)
        _ = buffer.initialize(from: list)
        keywords = UnsafeBufferPointer(buffer)
        self.payloads = payloads
    }

    /// `resourceURI#pointer`, percent-encoded as a URI fragment.
    var absoluteLocation: String {
        resourceURI + "#" + URIFragment.encodeForFragment(URIFragment.pointer(pointer))
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
    func admits(_ instance: borrowing JSONValue) -> Bool {
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
final class NumberBound: Sendable {
    let value: JSONNumber
    let integer: Int64?

    init(_ value: JSONNumber) {
        self.value = value
        integer = value.int64Value
    }
}

/// A list of subschemas (`allOf`, `anyOf`, `oneOf`).
final class NodeList: Sendable {
    let nodes: [Unowned<SchemaNode>]
    init(_ nodes: [SchemaNode]) { self.nodes = nodes.map(Unowned.init) }
}

/// A compiled keyword. Every payload is an unretained reference or a plain value.
enum Keyword: Sendable {
    case minimum(Unowned<NumberBound>)
    case maximum(Unowned<NumberBound>)
    case exclusiveMinimum(Unowned<NumberBound>)
    case exclusiveMaximum(Unowned<NumberBound>)
    case multipleOf(Unowned<NumberBound>)
    case minLength(Int)
    case maxLength(Int)
    case pattern(Unowned<ECMARegex>)
    case format(Unowned<FormatKeyword>)
    case content(Unowned<ContentKeyword>)
    case minItems(Int)
    case maxItems(Int)
    case uniqueItems
    case minProperties(Int)
    case maxProperties(Int)
    case required(Unowned<RequiredKeyword>)
    case dependentRequired(Unowned<DependentRequiredKeyword>)
    case constant(Unowned<ConstKeyword>)
    case enumeration(Unowned<EnumKeyword>)
    case properties(Unowned<PropertiesKeyword>)
    case propertyNames(Unowned<SchemaNode>)
    case dependentSchemas(Unowned<DependentSchemasKeyword>)
    case items(Unowned<ItemsKeyword>)
    case contains(Unowned<ContainsKeyword>)
    case allOf(Unowned<NodeList>)
    case anyOf(Unowned<NodeList>)
    case oneOf(Unowned<NodeList>)
    case not(Unowned<SchemaNode>)
    case conditional(Unowned<ConditionalKeyword>)
    case ref(Unowned<SchemaNode>)
    case dynamicRef(Unowned<DynamicRefKeyword>)
    case unevaluatedProperties(Unowned<SchemaNode>)
    case unevaluatedItems(Unowned<SchemaNode>)
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
    let schemas: [Unowned<SchemaNode>]
    let patterns: [(source: String, regex: Unowned<ECMARegex>, schema: Unowned<SchemaNode>)]
    let additional: Unowned<SchemaNode>?
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
        self.schemas = schemas.map(Unowned.init)
        self.patterns = patterns.map { ($0.source, Unowned($0.regex), Unowned($0.schema)) }
        self.additional = additional.map(Unowned.init)
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
    let entries: [(property: String, schema: Unowned<SchemaNode>)]
    init(keyword: String, entries: [(property: String, schema: SchemaNode)]) {
        self.keyword = keyword
        self.entries = entries.map { ($0.property, Unowned($0.schema)) }
    }
}

/// `prefixItems` + `items` (2020-12) or array `items` + `additionalItems` (draft-07), or a single `items`.
final class ItemsKeyword: Sendable {
    let prefix: [Unowned<SchemaNode>]
    let prefixKeyword: String
    let rest: Unowned<SchemaNode>?
    let restKeyword: String
    init(prefix: [SchemaNode], prefixKeyword: String, rest: SchemaNode?, restKeyword: String) {
        self.prefix = prefix.map(Unowned.init)
        self.prefixKeyword = prefixKeyword
        self.rest = rest.map(Unowned.init)
        self.restKeyword = restKeyword
    }
}

/// `contains` with `minContains` / `maxContains`.
final class ContainsKeyword: Sendable {
    let schema: Unowned<SchemaNode>
    let minimum: Int
    let maximum: Int?
    init(schema: SchemaNode, minimum: Int, maximum: Int?) {
        self.schema = Unowned(schema)
        self.minimum = minimum
        self.maximum = maximum
    }
}

/// `if` / `then` / `else`.
final class ConditionalKeyword: Sendable {
    let condition: Unowned<SchemaNode>
    let then: Unowned<SchemaNode>?
    let otherwise: Unowned<SchemaNode>?
    init(condition: SchemaNode, then: SchemaNode?, otherwise: SchemaNode?) {
        self.condition = Unowned(condition)
        self.then = then.map(Unowned.init)
        self.otherwise = otherwise.map(Unowned.init)
    }
}

/// `$dynamicRef`: the statically resolved target, and the anchor name to look up in the dynamic scope.
// @unchecked Sendable: `candidates` is filled once by the compiler after every resource is known,
// before the validator is published; validation only reads it.
final class DynamicRefKeyword: @unchecked Sendable {
    let initial: Unowned<SchemaNode>
    /// Set when the initial target carries a matching `$dynamicAnchor` (the "bookend").
    let anchor: String?
    /// Node of the `$dynamicAnchor` named ``anchor`` in each resource that has one, by resource ID.
    var candidates: [Int: Unowned<SchemaNode>] = [:]
    init(initial: SchemaNode, anchor: String?) {
        self.initial = Unowned(initial)
        self.anchor = anchor
    }
}

/// A node reference that costs no reference counting when copied or passed (see ``Unowned``).
typealias NodeRef = Unowned<SchemaNode>
