import PackJSON

/// One step of an instance location.
enum InstancePathToken {
    case key(String)
    case index(Int)
}

/// The evaluated-properties / evaluated-items annotations of one instance location, collected only
/// for schemas that use `unevaluatedProperties` or `unevaluatedItems`.
final class Annotations {
    var allProperties = false
    /// Positions (in the object's member order) of evaluated properties.
    var properties: Set<Int> = []
    var allItems = false
    var itemPrefix = 0
    var items: Set<Int> = []

    func merge(_ other: Annotations) {
        if other.allProperties { allProperties = true } else if !allProperties { properties.formUnion(other.properties) }
        if other.allItems { allItems = true }
        itemPrefix = max(itemPrefix, other.itemPrefix)
        if !other.items.isEmpty { items.formUnion(other.items) }
    }

    func isEvaluated(item: Int) -> Bool { allItems || item < itemPrefix || items.contains(item) }
}

/// Walks a compiled schema over an instance.
///
/// In flag mode (`collectsErrors == false`) it stops at the first failure and allocates nothing
/// for valid instances (annotation sinks exist only under `unevaluated*` keywords, and the
/// dynamic scope only when the schema uses `$dynamicRef`). In error mode it evaluates every
/// keyword and records "basic" output units, tracking the instance and keyword paths.
struct Evaluator {
    let maxDepth: Int
    let tracksDynamicScope: Bool
    let hidesBaseURI: String?
    var collectsErrors: Bool
    var errors: [ValidationError] = []
    var instancePath: [InstancePathToken] = []
    var keywordPath: [String] = []
    var dynamicScope: [Int] = []
    var depth = 0
    private var reportedDepth = false

    init(schema: CompiledSchema, collectsErrors: Bool) {
        maxDepth = schema.maxDepth
        tracksDynamicScope = schema.usesDynamicScope
        hidesBaseURI = schema.hiddenBaseURI
        self.collectsErrors = collectsErrors
    }

    // MARK: Nodes

    /// Evaluates `node` on `instance`; when `sink` is given and the node is valid, adds the node's
    /// evaluated-property/item annotations to it.
    mutating func evaluate(_ node: SchemaNode, _ instance: borrowing JSONValue, _ sink: Annotations?) -> Bool {
        if node.rejectsEverything {
            if collectsErrors { report(node, "", Diagnostics.falseSchema()) }
            return false
        }
        depth += 1
        defer { depth -= 1 }
        if depth > maxDepth {
            if collectsErrors, !reportedDepth {
                reportedDepth = true
                report(node, "", Diagnostics.depthExceeded(maxDepth))
            }
            return false
        }
        var pushedScope = false
        if tracksDynamicScope, dynamicScope.last != node.resourceID {
            dynamicScope.append(node.resourceID)
            pushedScope = true
        }
        defer { if pushedScope { dynamicScope.removeLast() } }

        var valid = true
        if !node.typeMask.admits(instance) {
            guard collectsErrors else { return false }
            report(node, "type", Diagnostics.type(instance, node.typeMask))
            valid = false
        }
        let keywords = node.keywords
        if keywords.isEmpty { return valid }
        let local: Annotations? = (node.usesAnnotations || sink != nil) ? Annotations() : nil
        for index in 0..<keywords.count where !evaluate(keywords[index], node, instance, local) {
            valid = false
            if !collectsErrors { return false }
        }
        if valid, let sink, let local { sink.merge(local) }
        return valid
    }

    /// Evaluates a child schema applied to the same instance (in-place applicators).
    @inline(__always)
    mutating func evaluate(
        inPlace child: SchemaNode, _ instance: borrowing JSONValue, _ sink: Annotations?, path first: String,
        _ second: String? = nil
    ) -> Bool {
        if !collectsErrors { return evaluate(child, instance, sink) }
        keywordPath.append(first)
        if let second { keywordPath.append(second) }
        let result = evaluate(child, instance, sink)
        keywordPath.removeLast(second == nil ? 1 : 2)
        return result
    }

    /// Evaluates a child schema on a member of an object.
    @inline(__always)
    mutating func evaluate(
        child: SchemaNode, _ value: borrowing JSONValue, key: String, path first: String, _ second: String? = nil
    ) -> Bool {
        if !collectsErrors { return evaluate(child, value, nil) }
        keywordPath.append(first)
        if let second { keywordPath.append(second) }
        instancePath.append(.key(key))
        let result = evaluate(child, value, nil)
        instancePath.removeLast()
        keywordPath.removeLast(second == nil ? 1 : 2)
        return result
    }

    /// Evaluates a child schema on an element of an array.
    @inline(__always)
    mutating func evaluate(
        child: SchemaNode, _ value: borrowing JSONValue, index: Int, path first: String, _ second: String? = nil
    ) -> Bool {
        if !collectsErrors { return evaluate(child, value, nil) }
        keywordPath.append(first)
        if let second { keywordPath.append(second) }
        instancePath.append(.index(index))
        let result = evaluate(child, value, nil)
        instancePath.removeLast()
        keywordPath.removeLast(second == nil ? 1 : 2)
        return result
    }

    /// Runs `body` in flag mode (errors of the subtree are not wanted), restoring the mode after.
    @inline(__always)
    mutating func quietly<T>(_ body: (inout Evaluator) -> T) -> T {
        let saved = collectsErrors
        collectsErrors = false
        defer { collectsErrors = saved }
        return body(&self)
    }

    // MARK: Errors

    /// Records an error for `keyword` (a relative, already escaped pointer such as `properties/a`)
    /// of `node` at the current instance location.
    mutating func report(_ node: SchemaNode, _ keyword: String, _ message: String, at extra: InstancePathToken? = nil) {
        var instanceLocation = Self.pointer(instancePath)
        if let extra { instanceLocation += Self.pointer([extra]) }
        var keywordLocation = ""
        for token in keywordPath { keywordLocation += "/" + URIFragment.escapeToken(token) }
        if !keyword.isEmpty { keywordLocation += "/" + keyword }
        var absolute = node.absoluteLocation
        if !keyword.isEmpty { absolute += "/" + keyword }
        if let hidesBaseURI, absolute.hasPrefix(hidesBaseURI + "#") {
            absolute.removeFirst(hidesBaseURI.utf8.count)
        }
        errors.append(
            ValidationError(
                instanceLocation: instanceLocation, keywordLocation: keywordLocation,
                absoluteKeywordLocation: absolute, message: message))
    }

    static func pointer(_ tokens: [InstancePathToken]) -> String {
        var result = ""
        for token in tokens {
            switch token {
            case .key(let key): result += "/" + URIFragment.escapeToken(key)
            case .index(let index): result += "/" + String(index)
            }
        }
        return result
    }

    // MARK: Keyword dispatch

    mutating func evaluate(_ keyword: Keyword, _ node: SchemaNode, _ instance: borrowing JSONValue, _ sink: Annotations?) -> Bool {
        switch keyword {
        case .minimum, .maximum, .exclusiveMinimum, .exclusiveMaximum, .multipleOf:
            return evaluateNumeric(keyword, node, instance)
        case .minLength, .maxLength, .pattern, .format, .content:
            return evaluateString(keyword, node, instance)
        case .constant(let constant):
            if JSONEquality.equal(constant.value.value, instance) { return true }
            if collectsErrors { report(node, "const", Diagnostics.const(instance, constant.value.value)) }
            return false
        case .enumeration(let enumeration):
            return evaluateEnum(enumeration.value, node, instance)
        case .minItems, .maxItems, .uniqueItems:
            return evaluateArrayCounts(keyword, node, instance)
        case .minProperties, .maxProperties, .required, .dependentRequired:
            return evaluateObjectCounts(keyword, node, instance)
        case .properties(let properties):
            return properties.with { evaluateProperties($0, node, instance, sink) }
        case .propertyNames(let schema):
            return schema.with { evaluatePropertyNames($0, node, instance) }
        case .dependentSchemas(let dependent):
            return dependent.with { evaluateDependentSchemas($0, node, instance, sink) }
        case .items(let items):
            return items.with { evaluateItems($0, node, instance, sink) }
        case .contains(let contains):
            return contains.with { evaluateContains($0, node, instance, sink) }
        case .allOf(let schemas):
            return schemas.with { evaluateAllOf($0.nodes, instance, sink) }
        case .anyOf(let schemas):
            return schemas.with { evaluateAnyOf($0.nodes, node, instance, sink) }
        case .oneOf(let schemas):
            return schemas.with { evaluateOneOf($0.nodes, node, instance, sink) }
        case .not(let schema):
            let matched = quietly { evaluator in schema.with { evaluator.evaluate($0, instance, nil) } }
            if !matched { return true }
            if collectsErrors { report(node, "not", Diagnostics.not()) }
            return false
        case .conditional(let conditional):
            return conditional.with { evaluateConditional($0, instance, sink) }
        case .ref(let target):
            return target.with { evaluate(inPlace: $0, instance, sink, path: "$ref") }
        case .dynamicRef(let dynamicRef):
            return evaluate(inPlace: resolve(dynamicRef.value), instance, sink, path: "$dynamicRef")
        case .unevaluatedProperties(let schema):
            return evaluateUnevaluatedProperties(schema.value, node, instance, sink)
        case .unevaluatedItems(let schema):
            return evaluateUnevaluatedItems(schema.value, node, instance, sink)
        }
    }

    /// The target of a `$dynamicRef`: the outermost resource in the dynamic scope that declares the
    /// anchor, or the static target when the reference is not bookended.
    private func resolve(_ dynamicRef: DynamicRefKeyword) -> SchemaNode {
        guard dynamicRef.anchor != nil else { return dynamicRef.initial.value }
        for resource in dynamicScope {
            if let node = dynamicRef.candidates[resource] { return node.value }
        }
        return dynamicRef.initial.value
    }
}
