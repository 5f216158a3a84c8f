import PackJSON

/// A position in a loaded schema document.
struct SchemaLocation: Hashable {
    var document: Int
    var pointer: [String]

    func appending(_ tokens: String...) -> SchemaLocation {
        SchemaLocation(document: document, pointer: pointer + tokens)
    }

    /// Hashes the depth and the last three tokens only: enough to tell sibling subschemas apart
    /// (`…/Point/properties/type` vs `…/Line/properties/type`), and much cheaper than hashing every
    /// token of deep pointers. Equality still compares the whole pointer.
    func hash(into hasher: inout Hasher) {
        hasher.combine(document)
        hasher.combine(pointer.count)
        for token in pointer.suffix(3) { hasher.combine(token) }
    }
}

/// What the indexer learned about one subschema position.
struct LocationInfo {
    /// The base URI for resolving references in this subschema (after its own `$id`).
    var base: URIReference
    var dialect: Dialect
    var resource: Int
    /// The ``KnownKeyword`` presence mask of the schema object at this location (0 otherwise).
    var keywords: UInt64 = 0
}

/// A schema resource: a document root or a subschema with `$id`.
struct SchemaResource {
    var uri: String
    var location: SchemaLocation
    var dynamicAnchors: [String: SchemaLocation] = [:]
}

/// Builds a ``CompiledSchema``: loads documents (root, registry, meta-schemas), indexes their
/// identifiers and anchors, and turns subschemas into ``SchemaNode``s.
///
/// Work is iterative: subschemas are compiled from a worklist, so neither deep nesting nor long
/// `$ref` chains grow the call stack.
final class SchemaCompiler {
    /// The retrieval URI given to a root schema without ``JSONSchemaOptions/baseURI``.
    static let defaultBaseURI = "json-schema:///root.json"
    private static let defaultBase = URIReference(defaultBaseURI)
    /// The deepest schema nesting accepted.
    static let maxSchemaDepth = 10_000

    let options: JSONSchemaOptions
    private(set) var documents: [(value: JSONValue, uri: String)] = []
    var resources: [SchemaResource] = []
    var resourceByURI: [String: Int] = [:]
    var anchors: [String: SchemaLocation] = [:]
    var infos: [SchemaLocation: LocationInfo] = [:]
    var nodes: [SchemaLocation: SchemaNode] = [:]
    var allNodes: [SchemaNode] = []
    var pending: [(node: SchemaNode, value: JSONValue, location: SchemaLocation, info: LocationInfo)] = []
    var dynamicRefs: [DynamicRefKeyword] = []
    var usesDynamicScope = false

    init(options: JSONSchemaOptions) {
        self.options = options
    }

    /// Compiles `root` and everything it references.
    func compile(_ root: JSONValue) throws(JSONSchemaError) -> CompiledSchema {
        let baseURI = options.baseURI.map { URIReference($0).withoutFragment } ?? Self.defaultBase
        let rootLocation = try addDocument(root, uri: baseURI, dialect: Dialect(options.defaultDraft))
        let rootNode = try placeholder(at: rootLocation)
        try drain()
        try attachDynamicCandidates()
        try LoopDetector.check(allNodes, compiler: self)
        for node in allNodes { node.finalize() }
        for node in allNodes { node.finalizeShortcuts() }
        for node in allNodes {
            for keyword in node.keywords {
                switch keyword {
                case .anyOf(let list), .oneOf(let list): list.value.discriminator = Discriminator.find(list.value.nodes)
                default: break
                }
            }
        }
        return CompiledSchema(
            root: rootNode, nodes: allNodes, usesDynamicScope: usesDynamicScope,
            maxDepth: options.maxEvaluationDepth,
            hiddenBaseURI: options.baseURI == nil ? Self.defaultBaseURI : nil)
    }

    private func drain() throws(JSONSchemaError) {
        while let next = pending.popLast() {
            try fill(next.node, next.value, at: next.location, info: next.info)
        }
    }

    /// Finds, for every bookended `$dynamicRef`, the matching `$dynamicAnchor` of each resource.
    private func attachDynamicCandidates() throws(JSONSchemaError) {
        // Compiling candidates may load documents or reach new dynamic references: repeat until stable.
        var seen = (references: -1, resources: -1)
        while seen != (dynamicRefs.count, resources.count) {
            seen = (dynamicRefs.count, resources.count)
            for reference in dynamicRefs {
                guard let anchor = reference.anchor else { continue }
                for index in resources.indices where reference.candidates[index] == nil {
                    if let location = resources[index].dynamicAnchors[anchor] {
                        reference.candidates[index] = try placeholder(at: location).ref
                    }
                }
            }
            try drain()
        }
    }

    // MARK: Documents

    /// Loads a document, registers its retrieval URI and indexes it; returns its root location.
    @discardableResult
    func addDocument(_ value: JSONValue, uri: URIReference, dialect: Dialect) throws(JSONSchemaError) -> SchemaLocation {
        let location = SchemaLocation(document: documents.count, pointer: [])
        documents.append((value, uri.text))
        let resource = addResource(uri.text, at: location)
        try index(value, at: location, parent: LocationInfo(base: uri, dialect: dialect, resource: resource))
        return location
    }

    func addResource(_ uri: String, at location: SchemaLocation) -> Int {
        if let existing = resourceByURI[uri] { return existing }
        resources.append(SchemaResource(uri: uri, location: location))
        resourceByURI[uri] = resources.count - 1
        return resources.count - 1
    }

    /// Loads the registry or meta-schema document for `uri` (no fragment), if there is one.
    func loadRemote(_ uri: String, dialect: Dialect) throws(JSONSchemaError) -> Int? {
        if let existing = resourceByURI[uri] { return existing }
        guard let document = options.registry.document(at: uri) ?? MetaSchemas.documents[uri] else { return nil }
        try addDocument(document, uri: URIReference(uri), dialect: dialect)
        return resourceByURI[uri]
    }

    /// The value at a location, or `nil` if the pointer leads nowhere.
    func value(at location: SchemaLocation) -> JSONValue? {
        var current = documents[location.document].value
        for token in location.pointer {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Int(token), elements.indices.contains(index), String(index) == token else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Human-readable location of a schema position: document URI + `#` + JSON Pointer.
    func describe(_ location: SchemaLocation) -> String {
        var uri = documents[location.document].uri
        if options.baseURI == nil, uri == Self.defaultBaseURI { uri = "" }
        return uri + "#" + URIFragment.pointer(location.pointer)
    }

    /// The canonical absolute position of a subschema: its resource URI and the pointer from the
    /// resource root (turned into text only when an error is reported).
    func absolutePosition(_ location: SchemaLocation, info: LocationInfo) -> (uri: String, pointer: ArraySlice<String>) {
        let resource = resources[info.resource]
        if resource.location.document == location.document,
            location.pointer.starts(with: resource.location.pointer)
        {
            return (resource.uri, location.pointer.dropFirst(resource.location.pointer.count))
        }
        return (documents[location.document].uri, location.pointer[...])
    }

    func error(_ code: JSONSchemaError.Code, _ message: String, at location: SchemaLocation) -> JSONSchemaError {
        JSONSchemaError(code: code, message: message, location: describe(location))
    }

    // MARK: Nodes

    /// The node for a location, created (and queued for compilation) on first use.
    func placeholder(at location: SchemaLocation) throws(JSONSchemaError) -> SchemaNode {
        if let node = nodes[location] { return node }
        guard let value = value(at: location) else {
            throw error(.unresolvedReference, "no schema exists at this location", at: location)
        }
        let info = try info(at: location, value: value)
        let position = absolutePosition(location, info: info)
        let node = SchemaNode(resourceURI: position.uri, pointer: position.pointer, resourceID: info.resource)
        nodes[location] = node
        allNodes.append(node)
        pending.append((node, value, location, info))
        return node
    }

    /// Indexing info for a location; locations that indexing did not visit (reached by a JSON
    /// Pointer into an unknown keyword) are indexed now, inheriting from their nearest known ancestor.
    private func info(at location: SchemaLocation, value: JSONValue) throws(JSONSchemaError) -> LocationInfo {
        if let known = infos[location] { return known }
        var prefix = location.pointer
        var parent: LocationInfo?
        while parent == nil, !prefix.isEmpty {
            prefix.removeLast()
            parent = infos[SchemaLocation(document: location.document, pointer: prefix)]
        }
        guard let parent else {
            throw error(.unresolvedReference, "no schema exists at this location", at: location)
        }
        try index(value, at: location, parent: parent)
        return infos[location] ?? parent
    }
}
