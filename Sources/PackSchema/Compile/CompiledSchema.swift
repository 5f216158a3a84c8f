/// The immutable result of compilation, shared by every copy of a ``JSONSchemaValidator``.
final class CompiledSchema: Sendable {
    let root: SchemaNode
    /// Every node: the only strong references to them (nodes refer to each other unretained).
    let nodes: [SchemaNode]
    /// Whether some `$dynamicRef` needs the dynamic scope tracked during evaluation.
    let usesDynamicScope: Bool
    let maxDepth: Int
    /// The internal base URI stripped from `absoluteKeywordLocation` (root schemas without a URI).
    let hiddenBaseURI: String?

    init(root: SchemaNode, nodes: [SchemaNode], usesDynamicScope: Bool, maxDepth: Int, hiddenBaseURI: String?) {
        self.root = root
        self.nodes = nodes
        self.usesDynamicScope = usesDynamicScope
        self.maxDepth = maxDepth
        self.hiddenBaseURI = hiddenBaseURI
    }
}
