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
    /// Whether the node checks nothing but `type` (flag mode checks it inline, without a call).
    var checksTypeOnly = false
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
        data.pointee.checksTypeOnly = keywords.isEmpty && !rejectsEverything
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

    /// `resourceURI#pointer`, percent-encoded as a URI fragment.
    var absoluteLocation: String {
        resourceURI + "#" + URIFragment.encodeForFragment(URIFragment.pointer(pointer))
    }
}
