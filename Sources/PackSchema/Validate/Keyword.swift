import PackJSON

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
// @unchecked Sendable: `discriminator` is set once by the compiler before the validator is
// published; validation only reads it.
final class NodeList: @unchecked Sendable {
    let nodes: [NodeRef]
    /// Set when every branch requires the same property to equal a distinct string constant.
    var discriminator: Discriminator? {
        didSet { discriminatorRef = discriminator.map(Unowned.init) }
    }
    /// ``discriminator`` unretained, for the evaluator (reading it costs no reference counting).
    private(set) var discriminatorRef: Unowned<Discriminator>?
    init(_ nodes: [SchemaNode]) { self.nodes = nodes.map(\.ref) }
}

/// For `anyOf`/`oneOf` whose branches are objects told apart by a required constant property
/// (`"type": {"const": "Point"}`): only the branch named by the instance's value can match.
final class Discriminator: Sendable {
    /// The property every branch requires.
    let property: String
    /// Branch index by constant value.
    let branches: [String: Int]
    /// Each branch's constant, to confirm a dictionary hit by code points.
    let values: [String]
    /// UTF-8 length and first byte of each value (``PropertiesKeyword/signature(_:)``): a few
    /// branches are told apart by a scan, without hashing the instance's string.
    private let signatures: [UInt64]
    /// Whether every value is ASCII (compared with ``JSONEquality/same(ascii:_:)``).
    private let allASCII: Bool
    /// Up to this many branches are scanned rather than looked up in ``branches``.
    private static let scanLimit = 16

    private init(property: String, branches: [String: Int], values: [String]) {
        self.property = property
        self.branches = branches
        self.values = values
        signatures = values.map(PropertiesKeyword.signature)
        allASCII = values.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
    }

    /// Finds a discriminator for `branches`, or `nil` if they are not all of that shape.
    static func find(_ branches: [NodeRef]) -> Discriminator? {
        guard branches.count > 1 else { return nil }
        var perBranch: [[String: String]] = []
        for branch in branches {
            guard let constants = requiredConstants(branch) else { return nil }
            perBranch.append(constants)
        }
        let candidates = perBranch[0].keys.filter { key in perBranch.allSatisfy { $0[key] != nil } }.sorted()
        for property in candidates {
            let values = perBranch.compactMap { $0[property] }
            guard Set(values).count == values.count else { continue }
            var table: [String: Int] = [:]
            for (index, value) in values.enumerated() { table[value] = index }
            return Discriminator(property: property, branches: table, values: values)
        }
        return nil
    }

    /// The only branch an object instance can match, or `nil` when none can.
    func branch(for instance: ValueRef) -> Int? {
        guard let members = InstanceAccess.members(instance),
            let position = InstanceAccess.position(of: property, in: instance, members),
            let value = members.values.baseAddress.map({ $0 + position })
        else { return nil }
        return branch(forValue: value)
    }

    /// The branch whose constant is the string `value`, or `nil`.
    @inline(__always)
    private func branch(forValue value: ValueRef) -> Int? {
        guard case .string(let text) = value.pointee else { return nil }
        if values.count > Self.scanLimit {
            guard let index = branches[text], JSONEquality.sameText(values[index], text) else { return nil }
            return index
        }
        let signature = PropertiesKeyword.signature(text)
        for index in 0..<signatures.count where signatures[index] == signature {
            let same = allASCII ? JSONEquality.same(ascii: values[index], text) : JSONEquality.sameText(values[index], text)
            if same { return index }
        }
        return nil
    }

    /// The required properties of an object-only branch whose schema is a single string `const`.
    private static func requiredConstants(_ branch: NodeRef) -> [String: String]? {
        let node = branch.pointee.flagTarget ?? branch
        let data = node.pointee
        guard data.typeMask == .object, !data.usesAnnotations, !data.rejectsEverything else { return nil }
        var result: [String: String] = [:]
        for keyword in data.keywords {
            guard case .properties(let reference) = keyword else { continue }
            let properties = reference.value
            guard properties.foldsRequired else { continue }
            for (index, name) in properties.names.enumerated() where properties.requiredBits & (1 << UInt64(index)) != 0 {
                let target = properties.schemas[index].pointee.flagTarget ?? properties.schemas[index]
                guard target.pointee.typeMask == .any || target.pointee.typeMask == .string,
                    target.pointee.keywords.count == 1, case .constant(let constant) = target.pointee.keywords[0],
                    case .string(let value) = constant.value.value
                else { continue }
                result[name] = value
            }
        }
        return result.isEmpty ? nil : result
    }
}

/// A compiled keyword. Every payload is an unretained reference or a plain value, so keywords
/// are trivially copyable.
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
    /// `minItems` and `maxItems` together (`Int.max` when there is no maximum).
    case itemCount(min: Int, max: Int)
    case uniqueItems
    case minProperties(Int)
    case maxProperties(Int)
    case required(Unowned<RequiredKeyword>)
    case dependentRequired(Unowned<DependentRequiredKeyword>)
    case constant(Unowned<ConstKeyword>)
    case enumeration(Unowned<EnumKeyword>)
    case properties(Unowned<PropertiesKeyword>)
    case propertyNames(NodeRef)
    case dependentSchemas(Unowned<DependentSchemasKeyword>)
    case items(Unowned<ItemsKeyword>)
    case contains(Unowned<ContainsKeyword>)
    case allOf(Unowned<NodeList>)
    case anyOf(Unowned<NodeList>)
    case oneOf(Unowned<NodeList>)
    case not(NodeRef)
    case conditional(Unowned<ConditionalKeyword>)
    case ref(NodeRef)
    case dynamicRef(Unowned<DynamicRefKeyword>)
    case unevaluatedProperties(NodeRef)
    case unevaluatedItems(NodeRef)
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
    /// Set when the value is an ASCII string (the common discriminator case).
    let asciiString: String?
    init(_ value: JSONValue) {
        self.value = value
        if case .string(let string) = value, string.utf8.allSatisfy({ $0 < 0x80 }) {
            asciiString = string
        } else {
            asciiString = nil
        }
    }
}

/// `enum`, with a string fast path.
final class EnumKeyword: Sendable {
    let values: [JSONValue]
    /// Set when every value is a string and there are many of them.
    let stringSet: Set<String>?
    /// The values that are ASCII strings, compared with ``JSONEquality/same(ascii:_:)``.
    let asciiStrings: [String]
    /// Whether every string value is ASCII (then ``asciiStrings`` holds them all).
    let allStringsASCII: Bool
    init(_ values: [JSONValue]) {
        self.values = values
        let strings = values.compactMap(\.stringValue)
        stringSet = strings.count == values.count && values.count > 8 ? Set(strings) : nil
        asciiStrings = strings.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        allStringsASCII = asciiStrings.count == strings.count
    }
}

/// `properties`, `patternProperties` and `additionalProperties` in one pass over the members,
/// with `required` folded in when every required name is a declared property.
final class PropertiesKeyword: Sendable {
    let names: [String]
    /// UTF-8 length and first byte of each name, compared before the full string.
    let signatures: [UInt64]
    /// Whether each name is ASCII (compared with ``JSONEquality/same(ascii:_:)``).
    let asciiNames: [Bool]
    let schemas: [NodeRef]
    let patterns: [(source: String, regex: Unowned<ECMARegex>, schema: NodeRef)]
    let additional: NodeRef?
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
        self.schemas = schemas.map(\.ref)
        self.patterns = patterns.map { ($0.source, Unowned($0.regex), $0.schema.ref) }
        self.additional = additional?.ref
        self.hasProperties = hasProperties
        signatures = names.map(Self.signature)
        asciiNames = names.map { $0.utf8.allSatisfy { $0 < 0x80 } }
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
        let count = utf8.count
        return UInt64(count) << 8 | (count == 0 ? 0 : UInt64(utf8[utf8.startIndex]))
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
    let entries: [(property: String, schema: NodeRef)]
    init(keyword: String, entries: [(property: String, schema: SchemaNode)]) {
        self.keyword = keyword
        self.entries = entries.map { ($0.property, $0.schema.ref) }
    }
}

/// `prefixItems` + `items` (2020-12) or array `items` + `additionalItems` (draft-07), or a single `items`.
/// `minItems`/`maxItems` of the same schema are folded in, so the array is inspected once.
final class ItemsKeyword: Sendable {
    let prefix: [NodeRef]
    let prefixKeyword: String
    let rest: NodeRef?
    let restKeyword: String
    let minimumCount: Int
    let maximumCount: Int
    init(
        prefix: [SchemaNode], prefixKeyword: String, rest: SchemaNode?, restKeyword: String,
        counts: (min: Int, max: Int) = (0, Int.max)
    ) {
        self.prefix = prefix.map(\.ref)
        self.prefixKeyword = prefixKeyword
        self.rest = rest?.ref
        self.restKeyword = restKeyword
        minimumCount = counts.min
        maximumCount = counts.max
    }
}

/// `contains` with `minContains` / `maxContains`.
final class ContainsKeyword: Sendable {
    let schema: NodeRef
    let minimum: Int
    let maximum: Int?
    init(schema: SchemaNode, minimum: Int, maximum: Int?) {
        self.schema = schema.ref
        self.minimum = minimum
        self.maximum = maximum
    }
}

/// `if` / `then` / `else`.
final class ConditionalKeyword: Sendable {
    let condition: NodeRef
    let then: NodeRef?
    let otherwise: NodeRef?
    init(condition: SchemaNode, then: SchemaNode?, otherwise: SchemaNode?) {
        self.condition = condition.ref
        self.then = then?.ref
        self.otherwise = otherwise?.ref
    }
}

/// `$dynamicRef`: the statically resolved target, and the anchor name to look up in the dynamic scope.
// @unchecked Sendable: `candidates` is filled once by the compiler after every resource is known,
// before the validator is published; validation only reads it.
final class DynamicRefKeyword: @unchecked Sendable {
    let initial: NodeRef
    /// Set when the initial target carries a matching `$dynamicAnchor` (the "bookend").
    let anchor: String?
    /// Node of the `$dynamicAnchor` named ``anchor`` in each resource that has one, by resource ID.
    var candidates: [Int: NodeRef] = [:]
    init(initial: SchemaNode, anchor: String?) {
        self.initial = initial.ref
        self.anchor = anchor
    }
}

