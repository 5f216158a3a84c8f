import PackJSON

/// The keyword semantics of one schema resource: a base draft and its active vocabularies.
struct Dialect: Sendable, Hashable {
    enum Base: Sendable, Hashable {
        case draft7
        /// 2019-09, accepted for references to older documents: `items` arrays, `additionalItems`,
        /// `$recursiveRef`, no `prefixItems` or `$dynamicRef`.
        case draft2019
        case draft2020
    }

    struct Vocabularies: OptionSet, Sendable, Hashable {
        let rawValue: UInt16
        static let core = Vocabularies(rawValue: 1)
        static let applicator = Vocabularies(rawValue: 2)
        static let unevaluated = Vocabularies(rawValue: 4)
        static let validation = Vocabularies(rawValue: 8)
        static let metaData = Vocabularies(rawValue: 16)
        static let formatAnnotation = Vocabularies(rawValue: 32)
        static let formatAssertion = Vocabularies(rawValue: 64)
        static let content = Vocabularies(rawValue: 128)
        static let standard: Vocabularies = [
            .core, .applicator, .unevaluated, .validation, .metaData, .formatAnnotation, .content,
        ]
    }

    var base: Base
    var vocabularies: Vocabularies

    static let draft7 = Dialect(base: .draft7, vocabularies: .standard)
    static let draft2019 = Dialect(base: .draft2019, vocabularies: .standard)
    static let draft2020 = Dialect(base: .draft2020, vocabularies: .standard)

    init(base: Base, vocabularies: Vocabularies) {
        self.base = base
        self.vocabularies = vocabularies
    }

    init(_ draft: JSONSchemaDraft) {
        switch draft {
        case .draft7: self = .draft7
        case .draft2020_12: self = .draft2020
        }
    }

    func has(_ vocabulary: Vocabularies) -> Bool { vocabularies.contains(vocabulary) }

    /// The dialect of a well-known meta-schema URI (fragment and trailing `#` ignored).
    static func wellKnown(_ uri: String) -> Dialect? {
        if let exact = exactNames[uri] { return exact }
        var key = Substring(uri)
        if key.hasSuffix("#") { key = key.dropLast() }
        if key.hasPrefix("https://") { key = "http://" + key.dropFirst("https://".count) }
        switch key {
        case "http://json-schema.org/draft-07/schema", "http://json-schema.org/draft-06/schema":
            return .draft7
        case "http://json-schema.org/draft/2020-12/schema":
            return .draft2020
        case "http://json-schema.org/draft/2019-09/schema":
            return .draft2019
        default:
            return nil
        }
    }

    /// The spellings schemas use most, looked up before any normalization.
    private static let exactNames: [String: Dialect] = [
        "http://json-schema.org/draft-07/schema#": .draft7,
        "http://json-schema.org/draft-07/schema": .draft7,
        "https://json-schema.org/draft/2020-12/schema": .draft2020,
        "https://json-schema.org/draft/2020-12/schema#": .draft2020,
        "https://json-schema.org/draft/2019-09/schema": .draft2019,
    ]

    private static let vocabularyNames: [String: (Base, Vocabularies)] = {
        var table: [String: (Base, Vocabularies)] = [:]
        let v2020 = "https://json-schema.org/draft/2020-12/vocab/"
        table[v2020 + "core"] = (.draft2020, .core)
        table[v2020 + "applicator"] = (.draft2020, .applicator)
        table[v2020 + "unevaluated"] = (.draft2020, .unevaluated)
        table[v2020 + "validation"] = (.draft2020, .validation)
        table[v2020 + "meta-data"] = (.draft2020, .metaData)
        table[v2020 + "format-annotation"] = (.draft2020, .formatAnnotation)
        table[v2020 + "format-assertion"] = (.draft2020, .formatAssertion)
        table[v2020 + "content"] = (.draft2020, .content)
        let v2019 = "https://json-schema.org/draft/2019-09/vocab/"
        table[v2019 + "core"] = (.draft2019, .core)
        table[v2019 + "applicator"] = (.draft2019, [.applicator, .unevaluated])
        table[v2019 + "validation"] = (.draft2019, .validation)
        table[v2019 + "meta-data"] = (.draft2019, .metaData)
        table[v2019 + "format"] = (.draft2019, .formatAnnotation)
        table[v2019 + "content"] = (.draft2019, .content)
        return table
    }()

    /// The dialect named by a `$schema` value, consulting custom meta-schemas in `lookup`.
    ///
    /// A custom meta-schema with `$vocabulary` enables exactly the listed vocabularies (an unknown
    /// required vocabulary is an error); one without `$vocabulary` inherits its own `$schema`.
    static func resolve(
        _ uri: String, lookup: (String) -> JSONValue?, depth: Int = 0
    ) -> Result<Dialect, DialectError> {
        if let known = wellKnown(uri) { return .success(known) }
        let key = URIReference(uri).withoutFragment.text
        guard depth < 8, case .object(let meta)? = lookup(key) else { return .failure(.unsupported(uri)) }
        let parent: Dialect
        if case .string(let parentURI)? = meta["$schema"], URIReference(parentURI).withoutFragment.text != key {
            switch resolve(parentURI, lookup: lookup, depth: depth + 1) {
            case .success(let dialect): parent = dialect
            case .failure(let error): return .failure(error)
            }
        } else {
            parent = .draft2020
        }
        guard case .object(let declared)? = meta["$vocabulary"] else { return .success(parent) }
        var vocabularies: Vocabularies = []
        var base = parent.base
        for (vocabulary, required) in declared {
            if let (vocabularyBase, set) = vocabularyNames[vocabulary] {
                vocabularies.formUnion(set)
                base = vocabularyBase
            } else if required == .bool(true) {
                return .failure(.unknownRequiredVocabulary(vocabulary))
            }
        }
        return .success(Dialect(base: base, vocabularies: vocabularies))
    }

    enum DialectError: Error {
        case unsupported(String)
        case unknownRequiredVocabulary(String)
    }
}
