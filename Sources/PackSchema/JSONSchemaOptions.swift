public import PackJSON

/// A JSON Schema specification version (dialect) that the validator implements.
public enum JSONSchemaDraft: String, Sendable, Hashable, CaseIterable {
    /// Draft-07 (`http://json-schema.org/draft-07/schema#`).
    case draft7 = "http://json-schema.org/draft-07/schema#"
    /// Draft 2020-12 (`https://json-schema.org/draft/2020-12/schema`).
    case draft2020_12 = "https://json-schema.org/draft/2020-12/schema"

    /// The meta-schema URI that names the draft in `$schema`.
    public var metaSchemaURI: String { rawValue }
}

/// How a ``JSONSchemaValidator`` compiles and runs a schema.
public struct JSONSchemaOptions: Sendable {
    /// The draft used when a schema resource has no `$schema`. (Default: ``JSONSchemaDraft/draft2020_12``.)
    public var defaultDraft: JSONSchemaDraft
    /// Whether `format` is an assertion rather than an annotation. (Default: `false`.)
    ///
    /// When `true`, the formats listed in ``JSONSchemaFormat`` are checked; unknown formats are
    /// always ignored.
    public var assertsFormat: Bool
    /// Schemas that `$ref` may name by absolute URI; nothing is ever fetched from the network.
    public var registry: JSONSchemaRegistry
    /// The retrieval URI of the root schema, used to resolve its relative references. (Default: `nil`.)
    public var baseURI: String?
    /// The deepest chain of nested schema applications during one validation. (Default: 4096.)
    ///
    /// Every subschema applied to a nested instance value, and every `$ref` or in-place applicator
    /// followed, adds one level (`{"items": {"$ref": "#"}}` spends two per array level). Deeper
    /// validation fails with a clean error ("validation exceeded the maximum evaluation depth")
    /// instead of exhausting a stack. Validation uses at most 256 KiB of the caller's stack;
    /// deeper instances continue on a dedicated thread with 16 KiB of stack per level of this
    /// limit (64 MiB of address space by default, touched only as deep as the instance goes).
    public var maxEvaluationDepth: Int
    /// The most steps one `pattern` match may take before it fails as too expensive. (Default: 1,000,000.)
    public var regexStepBudget: Int

    /// Creates options; every parameter has the documented default.
    public init(
        defaultDraft: JSONSchemaDraft = .draft2020_12,
        assertsFormat: Bool = false,
        registry: JSONSchemaRegistry = JSONSchemaRegistry(),
        baseURI: String? = nil,
        maxEvaluationDepth: Int = 4096,
        regexStepBudget: Int = 1_000_000
    ) {
        self.defaultDraft = defaultDraft
        self.assertsFormat = assertsFormat
        self.registry = registry
        self.baseURI = baseURI
        self.maxEvaluationDepth = maxEvaluationDepth
        self.regexStepBudget = regexStepBudget
    }
}

/// Schemas known by URI, which `$ref` and `$schema` may name.
///
/// The registry is the only source of remote schemas: references to anything else fail at
/// compile time with ``JSONSchemaError/Code/unresolvedReference``. The draft-07 and 2020-12
/// meta-schemas are always available.
public struct JSONSchemaRegistry: Sendable {
    /// Schema documents by absolute URI without fragment.
    public private(set) var documents: [String: JSONValue]

    /// Creates a registry holding `documents`, keyed by absolute URI.
    public init(_ documents: [String: JSONValue] = [:]) {
        self.documents = [:]
        for (uri, document) in documents {
            register(document, at: uri)
        }
    }

    /// Registers `document` under `uri` (its fragment, if any, is ignored).
    public mutating func register(_ document: JSONValue, at uri: String) {
        documents[URIReference(uri).withoutFragment.text] = document
    }

    /// The document registered under `uri`, if any.
    public func document(at uri: String) -> JSONValue? {
        documents[URIReference(uri).withoutFragment.text]
    }
}
