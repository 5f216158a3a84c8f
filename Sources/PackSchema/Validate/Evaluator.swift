import PackJSON

/// One step of an instance location.
enum InstancePathToken {
    case key(String)
    case index(Int)
}

/// A pointer to an instance value; the evaluator never copies instance values.
///
/// Passing a `JSONValue` as an argument copies it (a retain and a release per value) whenever
/// the compiler cannot prove its storage stays unchanged; passing a pointer into the instance's
/// own storage does not.
typealias ValueRef = UnsafePointer<JSONValue>

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
    /// Errors beyond this count are not recorded; reaching it switches to flag mode (used to
    /// score `anyOf`/`oneOf` branches cheaply).
    var errorCap = Int.max
    /// Set while `anyOf`/`oneOf` branches are scored: errors are recorded as ``ErrorScore``s in
    /// ``scores`` (what the score needs, without building locations and messages).
    var scoring = false
    var scores: [ErrorScore] = []
    /// The number of errors recorded so far in the current mode.
    var recordedCount: Int { scoring ? scores.count : errors.count }
    /// The lowest stack address evaluation may reach (see ``StackRunner``).
    let stackLimit: UInt
    /// Set when ``stackLimit`` was reached: the caller restarts on a bigger stack.
    private(set) var outOfStack = false

    init(schema: CompiledSchema, collectsErrors: Bool, stackLimit: UInt) {
        maxDepth = schema.maxDepth
        tracksDynamicScope = schema.usesDynamicScope
        hidesBaseURI = schema.hiddenBaseURI
        self.collectsErrors = collectsErrors
        self.stackLimit = stackLimit
    }

    // MARK: Nodes

    /// Evaluates `node` on `instance`; when `sink` is given and the node is valid, adds the node's
    /// evaluated-property/item annotations to it.
    mutating func evaluate(_ node: NodeRef, _ instance: ValueRef, _ sink: Annotations?) -> Bool {
        if collectsErrors || tracksDynamicScope || sink != nil || node.pointee.usesAnnotations {
            return evaluateInFull(node, instance, sink)
        }
        // Flag mode without annotations or dynamic scope: the common case, kept small.
        if node.pointee.rejectsEverything || outOfStack { return false }
        if StackRunner.stackPosition() < stackLimit {
            outOfStack = true
            return false
        }
        if depth >= maxDepth { return false }
        if !node.pointee.typeMask.admits(instance) { return false }
        let keywords = node.pointee.keywords
        depth += 1
        defer { depth -= 1 }
        for index in 0..<keywords.count where !evaluate(keywords[index], node, instance, nil) {
            return false
        }
        return true
    }

    /// ``evaluate(_:_:_:)`` with error reporting, annotations and the dynamic scope.
    private mutating func evaluateInFull(_ node: NodeRef, _ instance: ValueRef, _ sink: Annotations?) -> Bool {
        if node.pointee.rejectsEverything {
            if collectsErrors { report(node, "", Diagnostics.falseSchema()) }
            return false
        }
        if outOfStack { return false }
        if StackRunner.stackPosition() < stackLimit {
            outOfStack = true
            return false
        }
        depth += 1
        defer { depth -= 1 }
        if depth > maxDepth {
            if collectsErrors, !reportedDepth {
                reportedDepth = true
                let message = Diagnostics.depthExceeded(maxDepth)
                report(node, "", message)
            }
            return false
        }
        var pushedScope = false
        if tracksDynamicScope, dynamicScope.last != node.pointee.resourceID {
            dynamicScope.append(node.pointee.resourceID)
            pushedScope = true
        }
        defer { if pushedScope { dynamicScope.removeLast() } }

        var valid = true
        if !node.pointee.typeMask.admits(instance) {
            guard collectsErrors else { return false }
            report(node, "type", Diagnostics.type(instance.pointee, node.pointee.typeMask))
            valid = false
        }
        let keywords = node.pointee.keywords
        if keywords.isEmpty { return valid }
        let local: Annotations? = (node.pointee.usesAnnotations || sink != nil) ? Annotations() : nil
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
        inPlace child: NodeRef, _ instance: ValueRef, _ sink: Annotations?,
        path first: @autoclosure () -> String, _ second: @autoclosure () -> String? = nil
    ) -> Bool {
        if !collectsErrors { return evaluate(child, instance, sink) }
        keywordPath.append(first())
        let second = second()
        if let second { keywordPath.append(second) }
        let result = evaluate(child, instance, sink)
        keywordPath.removeLast(second == nil ? 1 : 2)
        return result
    }

    /// Flag-mode evaluation of a child at another instance location, with the shortcuts of
    /// ``SchemaNode/finalize()``: `$ref`-only schemas jump to their target, and schemas that only
    /// check `type` are checked inline.
    @inline(__always)
    mutating func evaluateQuickly(_ child: NodeRef, _ value: ValueRef) -> Bool {
        var node = child
        var hops = 0
        if !tracksDynamicScope, let target = child.pointee.flagTarget {
            // Count the skipped `$ref` hops so the depth limit matches error mode exactly.
            node = target
            hops = child.pointee.flagTargetHops
        }
        switch node.pointee.shortcut {
        case .none:
            break
        case .typeOnly:
            if depth + hops < maxDepth { return node.pointee.typeMask.admits(value) }
        case .asciiConstant:
            if depth + hops < maxDepth, case .constant(let constant) = node.pointee.keywords[0] {
                return constant.with { Self.isASCIIConstant($0, value) }
            }
        case .typedArray:
            // The items are one level further down, after their own `$ref` hops.
            if depth + hops + 1 + node.pointee.typedArray.itemHops < maxDepth {
                return Self.isTypedArray(node.pointee.typedArray, value)
            }
        }
        depth += hops
        defer { depth -= hops }
        return evaluate(node, value, nil)
    }

    /// Whether `value` is the string of an ASCII `const` (``Shortcut/asciiConstant``).
    @inline(__always)
    static func isASCIIConstant(_ constant: ConstKeyword, _ value: ValueRef) -> Bool {
        guard let expected = constant.asciiString, case .string(let actual) = value.pointee else { return false }
        return JSONEquality.same(ascii: expected, actual)
    }

    /// Whether `value` passes a ``Shortcut/typedArray`` node (whose depth allowance the caller checked).
    static func isTypedArray(_ array: TypedArray, _ value: ValueRef) -> Bool {
        guard let elements = InstanceAccess.elements(value), elements.count >= array.minimum,
            elements.count <= array.maximum
        else { return false }
        guard array.itemMask != .any, let base = elements.baseAddress else { return true }
        for index in 0..<elements.count where !array.itemMask.admits(base + index) { return false }
        return true
    }

    /// Evaluates a child schema on a member of an object.
    @inline(__always)
    mutating func evaluate(
        child: NodeRef, _ value: ValueRef, key: @autoclosure () -> String, path first: @autoclosure () -> String,
        _ second: @autoclosure () -> String? = nil
    ) -> Bool {
        if !collectsErrors { return evaluateQuickly(child, value) }
        keywordPath.append(first())
        let second = second()
        if let second { keywordPath.append(second) }
        instancePath.append(.key(key()))
        let result = evaluate(child, value, nil)
        instancePath.removeLast()
        keywordPath.removeLast(second == nil ? 1 : 2)
        return result
    }

    /// Evaluates a child schema on an element of an array.
    @inline(__always)
    mutating func evaluate(
        child: NodeRef, _ value: ValueRef, index: Int, path first: @autoclosure () -> String,
        _ second: @autoclosure () -> String? = nil
    ) -> Bool {
        if !collectsErrors { return evaluateQuickly(child, value) }
        keywordPath.append(first())
        let second = second()
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
    mutating func report(
        _ node: NodeRef, _ keyword: String, _ message: @autoclosure () -> String, at extra: InstancePathToken? = nil
    ) {
        if recordedCount >= errorCap {
            collectsErrors = false
            return
        }
        if scoring {
            scores.append(ErrorScore(keywordPath: keywordPath, keyword: keyword, depth: instancePath.count + (extra == nil ? 0 : 1)))
            return
        }
        var instanceLocation = Self.pointer(instancePath)
        if let extra { instanceLocation += Self.pointer([extra]) }
        var keywordLocation = ""
        for token in keywordPath { keywordLocation += "/" + URIFragment.escapeToken(token) }
        if !keyword.isEmpty { keywordLocation += "/" + keyword }
        var absolute = node.node.absoluteLocation
        if !keyword.isEmpty { absolute += "/" + keyword }
        if let hidesBaseURI, absolute.hasPrefix(hidesBaseURI + "#") {
            absolute.removeFirst(hidesBaseURI.utf8.count)
        }
        errors.append(
            ValidationError(
                instanceLocation: instanceLocation, keywordLocation: keywordLocation,
                absoluteKeywordLocation: absolute, message: message()))
    }

    /// What ``appendClosestBranchErrors`` reads of an error, for scoring a branch.
    struct ErrorScore {
        /// The number of tokens in the instance location (its count of `/`).
        let depth: Int
        /// Whether the keyword location ends in `/type`.
        let isType: Bool
        /// Whether the keyword location ends in `/const` or `/enum`.
        let isDiscriminator: Bool

        /// Classifies the keyword location that ``Evaluator/report(_:_:_:at:)`` would build, from
        /// its last segment alone (segments are escaped, so none contains `/`).
        init(keywordPath: [String], keyword: String, depth: Int) {
            self.depth = depth
            let tail: String
            if !keyword.isEmpty {
                tail = keyword.lastIndex(of: "/").map { String(keyword[$0...]) } ?? "/" + keyword
            } else if let last = keywordPath.last {
                tail = "/" + URIFragment.escapeToken(last)
            } else {
                tail = ""
            }
            isType = tail.hasSuffix("/type")
            isDiscriminator = tail.hasSuffix("/const") || tail.hasSuffix("/enum")
        }
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

    mutating func evaluate(_ keyword: Keyword, _ node: NodeRef, _ instance: ValueRef, _ sink: Annotations?) -> Bool {
        switch keyword {
        case .minimum, .maximum, .exclusiveMinimum, .exclusiveMaximum, .multipleOf:
            return evaluateNumeric(keyword, node, instance)
        case .minLength, .maxLength, .pattern, .format, .content:
            return evaluateString(keyword, node, instance)
        case .constant(let constant):
            let equal = constant.with { constant -> Bool in
                // Strings (discriminators such as {"const": "Point"}) compare without copies.
                if let expected = constant.asciiString {
                    if case .string(let actual) = instance.pointee { return JSONEquality.same(ascii: expected, actual) }
                    return false
                }
                return JSONEquality.equal(constant.value, instance.pointee)
            }
            if equal { return true }
            if collectsErrors { report(node, "const", Diagnostics.const(instance.pointee, constant.value.value)) }
            return false
        case .enumeration(let enumeration):
            return enumeration.with { evaluateEnum($0, node, instance) }
        case .itemCount, .uniqueItems:
            return evaluateArrayCounts(keyword, node, instance)
        case .minProperties, .maxProperties, .required, .dependentRequired:
            return evaluateObjectCounts(keyword, node, instance)
        case .properties(let properties):
            return properties.with { evaluateProperties($0, node, instance, sink) }
        case .propertyNames(let schema):
            return evaluatePropertyNames(schema, node, instance)
        case .dependentSchemas(let dependent):
            return dependent.with { evaluateDependentSchemas($0, node, instance, sink) }
        case .items(let items):
            return items.with { evaluateItems($0, node, instance, sink) }
        case .contains(let contains):
            return contains.with { evaluateContains($0, node, instance, sink) }
        case .allOf(let schemas):
            return schemas.with { evaluateAllOf($0.nodes, instance, sink) }
        case .anyOf(let schemas):
            return schemas.with { list in
                if !collectsErrors, sink == nil, let discriminator = list.discriminatorRef {
                    return discriminator.with { evaluateDiscriminated(list, $0, instance) }
                }
                return evaluateAnyOf(list.nodes, node, instance, sink)
            }
        case .oneOf(let schemas):
            return schemas.with { list in
                if !collectsErrors, sink == nil, let discriminator = list.discriminatorRef {
                    return discriminator.with { evaluateDiscriminated(list, $0, instance) }
                }
                return evaluateOneOf(list.nodes, node, instance, sink)
            }
        case .not(let schema):
            let matched = quietly { $0.evaluate(schema, instance, nil) }
            if !matched { return true }
            if collectsErrors { report(node, "not", Diagnostics.not()) }
            return false
        case .conditional(let conditional):
            return evaluateConditional(conditional.value, instance, sink)
        case .ref(let target):
            if !collectsErrors, sink == nil { return evaluateQuickly(target, instance) }
            return evaluate(inPlace: target, instance, sink, path: "$ref")
        case .dynamicRef(let dynamicRef):
            return evaluate(inPlace: resolve(dynamicRef.value), instance, sink, path: "$dynamicRef")
        case .unevaluatedProperties(let schema):
            return evaluateUnevaluatedProperties(schema, node, instance, sink)
        case .unevaluatedItems(let schema):
            return evaluateUnevaluatedItems(schema, node, instance, sink)
        }
    }

    /// The target of a `$dynamicRef`: the outermost resource in the dynamic scope that declares the
    /// anchor, or the static target when the reference is not bookended.
    private func resolve(_ dynamicRef: DynamicRefKeyword) -> NodeRef {
        guard dynamicRef.anchor != nil else { return dynamicRef.initial }
        for resource in dynamicScope {
            if let node = dynamicRef.candidates[resource] { return node }
        }
        return dynamicRef.initial
    }
}
