import PackJSON

extension SchemaCompiler {
    /// Where a keyword holds subschemas.
    enum SubschemaShape {
        case single
        case array
        case map
        /// A schema or an array of schemas (`items` before 2020-12).
        case singleOrArray
        /// Values are schemas or property-name arrays (`dependencies`).
        case dependencies
    }

    static func subschemaShape(_ keyword: KnownKeyword, _ base: Dialect.Base) -> SubschemaShape? {
        switch keyword {
        case .additionalProperties, .propertyNames, .contains, .not, .if, .then, .else:
            return .single
        case .allOf, .anyOf, .oneOf:
            return .array
        case .properties, .patternProperties, .definitions, .defs:
            return .map
        case .dependencies:
            return .dependencies
        case .items:
            return base == .draft2020 ? .single : .singleOrArray
        case .additionalItems:
            return base == .draft2020 ? nil : .single
        case .prefixItems:
            return base == .draft2020 ? .array : nil
        case .unevaluatedItems, .unevaluatedProperties, .contentSchema:
            return base == .draft7 ? nil : .single
        case .dependentSchemas:
            return base == .draft7 ? nil : .map
        default:
            return nil
        }
    }

    /// Walks a schema (iteratively), recording base URIs, dialects, resources and anchors.
    func index(_ value: JSONValue, at location: SchemaLocation, parent: LocationInfo) throws(JSONSchemaError) {
        var stack: [(value: JSONValue, location: SchemaLocation, parent: LocationInfo)] = [(value, location, parent)]
        while let (value, location, parent) = stack.popLast() {
            if infos[location] != nil { continue }
            if location.pointer.count > Self.maxSchemaDepth {
                throw error(.invalidSchema, Diagnostics.nestingTooDeep(Self.maxSchemaDepth), at: location)
            }
            guard case .object(let object) = value else {
                var info = parent
                info.keywords = 0
                infos[location] = info
                continue
            }
            let mask = KnownKeyword.mask(of: object.keys)
            var info = try identify(object, keywords: mask, at: location, parent: parent)
            info.keywords = mask
            infos[location] = info
            for (keyword, member) in object {
                guard let known = KnownKeyword.named(keyword), let shape = Self.subschemaShape(known, info.dialect.base)
                else { continue }
                let at = location.appending(keyword)
                switch (shape, member) {
                case (.single, _), (.singleOrArray, .object), (.singleOrArray, .bool):
                    stack.append((member, at, info))
                case (.array, .array(let elements)), (.singleOrArray, .array(let elements)):
                    for (index, element) in elements.enumerated() {
                        stack.append((element, at.appending(String(index)), info))
                    }
                case (.map, .object(let map)):
                    for (key, element) in map { stack.append((element, at.appending(key), info)) }
                case (.dependencies, .object(let map)):
                    for (key, element) in map where element.arrayValue == nil {
                        stack.append((element, at.appending(key), info))
                    }
                default:
                    continue
                }
            }
        }
    }

    /// Applies `$schema`, `$id`, `$anchor` and `$dynamicAnchor` of one schema object.
    private func identify(
        _ object: JSONObject, keywords mask: UInt64, at location: SchemaLocation, parent: LocationInfo
    ) throws(JSONSchemaError) -> LocationInfo {
        var info = parent
        let isDocumentRoot = location.pointer.isEmpty
        let identifying: UInt64 = KnownKeyword.schema.bit | KnownKeyword.id.bit | KnownKeyword.anchor.bit
            | KnownKeyword.dynamicAnchor.bit | KnownKeyword.recursiveAnchor.bit
        // Most subschemas have none of the identifying keywords: skip the lookups.
        if mask & identifying == 0, !isDocumentRoot { return info }
        var id: String?
        if case .string(let text)? = object["$id"] { id = text }
        // Draft-07: "$ref" overrides its siblings, "$id" included.
        if info.dialect.base == .draft7, object["$ref"] != nil { id = nil }
        if isDocumentRoot || id != nil, case .string(let uri)? = object["$schema"] {
            switch Dialect.resolve(uri, lookup: { self.options.registry.document(at: $0) ?? MetaSchemas.documents[$0] }) {
            case .success(let dialect):
                info.dialect = dialect
            case .failure(.unsupported(let name)):
                throw error(.unsupportedDialect, Diagnostics.unsupportedDialect(name), at: location.appending("$schema"))
            case .failure(.unknownRequiredVocabulary(let name)):
                throw error(
                    .unsupportedDialect, Diagnostics.unknownRequiredVocabulary(name), at: location.appending("$schema"))
            }
            // "$id" is read by the rules of the dialect just found.
            if info.dialect.base == .draft7, object["$ref"] != nil { id = nil }
        }
        if let id {
            let reference = URIReference(id)
            if info.dialect.base == .draft7, reference.scheme == nil, reference.authority == nil, reference.path.isEmpty,
                reference.query == nil, let fragment = reference.fragment, !fragment.isEmpty
            {
                // Draft-07 "$id": "#name" names a plain-name anchor.
                anchors[info.base.withoutFragment.text + "#" + fragment] = location
            } else {
                let resolved = reference.resolved(against: info.base)
                if info.dialect.base != .draft7, let fragment = resolved.fragment, !fragment.isEmpty {
                    throw error(.invalidKeyword, Diagnostics.idWithFragment(id), at: location.appending("$id"))
                }
                let uri = resolved.withoutFragment
                info.base = uri
                info.resource = addResource(uri.text, at: location)
                if let fragment = resolved.fragment, !fragment.isEmpty {
                    anchors[uri.text + "#" + fragment] = location
                }
            }
        }
        if info.dialect.base != .draft7 {
            let base = info.base.withoutFragment.text
            if case .string(let anchor)? = object["$anchor"] {
                anchors[base + "#" + anchor] = location
            }
            if info.dialect.base == .draft2020, case .string(let anchor)? = object["$dynamicAnchor"] {
                anchors[base + "#" + anchor] = location
                if resources[info.resource].dynamicAnchors[anchor] == nil {
                    resources[info.resource].dynamicAnchors[anchor] = location
                }
            }
            if info.dialect.base == .draft2019, object["$recursiveAnchor"] == .bool(true),
                resources[info.resource].location == location
            {
                resources[info.resource].dynamicAnchors[Self.recursiveAnchorName] = location
            }
        }
        return info
    }

    /// The internal dynamic-anchor name that models 2019-09 `$recursiveAnchor: true`.
    static let recursiveAnchorName = "#recursive"

    /// Resolves a reference against the subschema's base URI to a schema location.
    func resolveReference(
        _ reference: String, keyword: String, at location: SchemaLocation, info: LocationInfo
    ) throws(JSONSchemaError) -> SchemaLocation {
        let target = URIReference(reference).resolved(against: info.base)
        let uri = target.withoutFragment.text
        func unresolved() -> JSONSchemaError {
            error(.unresolvedReference, Diagnostics.unresolvedReference(keyword, reference), at: location.appending(keyword))
        }
        guard let resourceIndex = try loadRemote(uri, dialect: info.dialect) else { throw unresolved() }
        let resource = resources[resourceIndex]
        guard let fragment = URIFragment.percentDecoded(target.fragment ?? "") else { throw unresolved() }
        if fragment.isEmpty { return resource.location }
        if fragment.utf8.first == UInt8(ascii: "/") {
            guard let tokens = URIFragment.pointerTokens(fragment) else { throw unresolved() }
            let found = SchemaLocation(document: resource.location.document, pointer: resource.location.pointer + tokens)
            guard value(at: found) != nil else { throw unresolved() }
            return found
        }
        guard let found = anchors[uri + "#" + fragment] else { throw unresolved() }
        return found
    }
}
