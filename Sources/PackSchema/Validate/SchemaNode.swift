import PackJSON

/// A reference that does not retain its target, so that keyword payloads stay trivially copyable.
///
/// Every target is owned elsewhere (keyword payloads by their node's ``SchemaNode/payloads``),
/// and validation runs only while the compiled schema is alive (``JSONSchemaValidator`` extends
/// its lifetime over each call).
// @unchecked Sendable: the targets are immutable once compilation has finished.
struct Unowned<Target: AnyObject>: @unchecked Sendable {
    private let reference: Unmanaged<Target>

    init(_ value: Target) {
        reference = .passUnretained(value)
    }

    /// The target. Reading it may retain it; hot paths use ``with(_:)``.
    var value: Target { reference.takeUnretainedValue() }

    /// Runs `body` with the target borrowed, without retaining it.
    @inline(__always)
    func with<Result>(_ body: (Target) -> Result) -> Result {
        reference._withUnsafeGuaranteedRef(body)
    }
}

/// What the evaluator reads about a node, as plain data behind a pointer.
///
/// Reading a field of a class instance costs a retain and a release (and an exclusivity check
/// for `var`s); reading through an `UnsafePointer` costs a load. Validation reads these fields
/// for every value of every instance, so they live outside ``SchemaNode``, in memory the node
/// owns.
struct NodeData {
    /// Set for the `false` schema: every instance fails.
    var rejectsEverything = false
    /// Whether the node has `unevaluatedProperties` or `unevaluatedItems`.
    var usesAnnotations = false
    /// What flag mode can check inline, without a call (see ``Shortcut``).
    var shortcut = Shortcut.none
    /// Allowed instance types, or `TypeMask.any` when there is no `type` keyword.
    var typeMask: TypeMask = .any
    /// The schema resource the node belongs to (for the `$dynamicRef` dynamic scope).
    var resourceID: Int
    /// The keywords, in evaluation order.
    var keywords = UnsafeBufferPointer<Keyword>(start: nil, count: 0)
    /// For a schema that is only a `$ref` (possibly chained), the final target: flag mode jumps
    /// straight there.
    var flagTarget: NodeRef?
    /// The number of `$ref`s between this node and ``flagTarget``.
    var flagTargetHops = 0
    /// The node itself, for error reporting.
    var owner: Unmanaged<SchemaNode>?
    /// The bounds and item types of a ``Shortcut/typedArray`` node (last: read only for those).
    var typedArray = TypedArray(minimum: 0, maximum: 0, itemMask: .any, itemHops: 0)

    /// Whether the node checks nothing but `type`.
    var checksTypeOnly: Bool { shortcut == .typeOnly }
}

/// Nodes whose whole flag-mode check is simple enough to run inline in the caller's loop.
enum Shortcut: UInt8 {
    case none
    /// Only `type`.
    case typeOnly
    /// Only an ASCII string `const`, such as the discriminator `{"const": "Point"}`.
    case asciiConstant
    /// Only arrays whose length is in bounds and whose items pass a type check
    /// (`{"type": "array", "minItems": 2, "items": {"type": "number"}}`), see ``TypedArray``.
    case typedArray
}

/// What a ``Shortcut/typedArray`` node checks: `minimum...maximum` items, each admitted by `itemMask`
/// (`.any` when there is no `items`).
struct TypedArray {
    let minimum: Int
    let maximum: Int
    let itemMask: TypeMask
    /// `$ref` hops to the item schema (the depth limit counts them).
    let itemHops: Int
}

/// A pointer to a node's evaluation data; copying or passing it costs no reference counting.
// @unchecked Sendable: the data it points to is immutable once compilation has finished, and
// lives as long as the compiled schema that every validation keeps alive.
struct NodeRef: @unchecked Sendable, Equatable {
    let pointer: UnsafePointer<NodeData>

    /// The node's data (trivially copyable; reading a field is a load).
    @inline(__always)
    var pointee: NodeData { pointer.pointee }

    /// The node that owns this data.
    var node: SchemaNode {
        // Every NodeData is created by a SchemaNode, which sets `owner` at once.
        pointee.owner!.takeUnretainedValue()
    }
}

/// One compiled schema (object or boolean): a type mask checked first, then specialized keywords.
///
/// Nodes refer to each other through ``NodeRef`` pointers, never retaining one another;
/// ``CompiledSchema/nodes`` owns them all.
// @unchecked Sendable: `data` and `payloads` are written only while the compiler builds the
// graph, before any validator is published; validation only reads them.
final class SchemaNode: @unchecked Sendable {
    /// The absolute URI of the schema's resource (for `absoluteKeywordLocation`).
    let resourceURI: String
    /// The JSON Pointer tokens from the resource root to this schema.
    let pointer: ArraySlice<String>
    /// The evaluation data, owned by this node.
    let data: UnsafeMutablePointer<NodeData>
    /// Owners of the objects that the keywords reference without retaining.
    private(set) var payloads: [AnyObject] = []

    init(resourceURI: String, pointer: ArraySlice<String>, resourceID: Int) {
        self.resourceURI = resourceURI
        self.pointer = pointer
        data = .allocate(capacity: 1)
        data.initialize(to: NodeData(resourceID: resourceID))
        data.pointee.owner = .passUnretained(self)
    }

    deinit {
        data.pointee.keywords.deallocate()
        data.deinitialize(count: 1)
        data.deallocate()
    }

    /// The pointer that keywords and the evaluator use.
    var ref: NodeRef { NodeRef(pointer: UnsafePointer(data)) }

    var rejectsEverything: Bool {
        get { data.pointee.rejectsEverything }
        set { data.pointee.rejectsEverything = newValue }
    }

    var typeMask: TypeMask {
        get { data.pointee.typeMask }
        set { data.pointee.typeMask = newValue }
    }

    var usesAnnotations: Bool {
        get { data.pointee.usesAnnotations }
        set { data.pointee.usesAnnotations = newValue }
    }

    var keywords: UnsafeBufferPointer<Keyword> { data.pointee.keywords }

    /// Installs the compiled keywords and keeps their payload objects alive.
    func install(_ list: [Keyword], payloads: [AnyObject]) {
        data.pointee.keywords.deallocate()
        let buffer = UnsafeMutableBufferPointer<Keyword>.allocate(capacity: list.count)
        _ = buffer.initialize(from: list)
        data.pointee.keywords = UnsafeBufferPointer(buffer)
        self.payloads = payloads
    }

    /// Sets the flag-mode shortcuts once the whole graph is compiled.
    func finalize() {
        data.pointee.shortcut = keywords.isEmpty && !rejectsEverything ? .typeOnly : .none
        var target = ref
        var steps = 0
        while steps < 64, target.pointee.typeMask == .any, !target.pointee.usesAnnotations,
            !target.pointee.rejectsEverything, target.pointee.keywords.count == 1,
            case .ref(let next) = target.pointee.keywords[0]
        {
            target = next
            steps += 1
        }
        data.pointee.flagTarget = steps > 0 ? target : nil
        data.pointee.flagTargetHops = steps
    }

    /// Sets the shortcuts that depend on other nodes' ``finalize()``; runs after it on every node.
    func finalizeShortcuts() {
        let node = data.pointee
        guard !node.rejectsEverything, !node.usesAnnotations, node.keywords.count == 1 else { return }
        switch node.keywords[0] {
        case .constant(let constant):
            if (node.typeMask == .any || node.typeMask == .string) && constant.value.asciiString != nil {
                data.pointee.shortcut = .asciiConstant
            }
        case .itemCount(let minimum, let maximum):
            guard node.typeMask == .array else { return }
            setTypedArray(TypedArray(minimum: minimum, maximum: maximum, itemMask: .any, itemHops: 0))
        case .items(let reference):
            let items = reference.value
            guard node.typeMask == .array, items.prefix.isEmpty else { return }
            guard let rest = items.rest else {
                setTypedArray(
                    TypedArray(minimum: items.minimumCount, maximum: items.maximumCount, itemMask: .any, itemHops: 0))
                return
            }
            let target = rest.pointee.flagTarget ?? rest
            guard target.pointee.checksTypeOnly else { return }
            setTypedArray(
                TypedArray(
                    minimum: items.minimumCount, maximum: items.maximumCount, itemMask: target.pointee.typeMask,
                    itemHops: rest.pointee.flagTargetHops))
        default:
            return
        }
    }

    private func setTypedArray(_ array: TypedArray) {
        data.pointee.typedArray = array
        data.pointee.shortcut = .typedArray
    }

    /// `resourceURI#pointer`, percent-encoded as a URI fragment.
    var absoluteLocation: String {
        resourceURI + "#" + URIFragment.encodeForFragment(URIFragment.pointer(pointer))
    }
}
