import PackJSON

/// The keywords of one node being compiled, with the objects they reference unretained.
struct KeywordList {
    var entries: [(order: Int, keyword: Keyword)] = []
    var payloads: [AnyObject] = []

    mutating func add(_ order: Int, _ keyword: Keyword) {
        entries.append((order, keyword))
    }

    /// Keeps `object` alive for the node's lifetime and returns an unretained reference to it.
    mutating func keep<Target: AnyObject>(_ object: Target) -> Unowned<Target> {
        payloads.append(object)
        return Unowned(object)
    }
}

extension SchemaCompiler {
    /// Reads keyword values of one schema object, throwing a located error for malformed ones.
    struct KeywordReader {
        let object: JSONObject
        let location: SchemaLocation
        let compiler: SchemaCompiler
        /// Which known keywords the object has (see ``KnownKeyword``).
        let present: UInt64

        init(object: JSONObject, location: SchemaLocation, compiler: SchemaCompiler, present: UInt64) {
            self.object = object
            self.location = location
            self.compiler = compiler
            self.present = present
        }

        /// The keyword's value; absent keywords cost a bit test.
        func value(_ keyword: KnownKeyword) -> JSONValue? {
            present & keyword.bit == 0 ? nil : object[keyword.rawName]
        }

        func fail(_ keyword: String, _ expectation: String) -> JSONSchemaError {
            compiler.error(.invalidKeyword, Diagnostics.keywordType(keyword, expectation), at: location.appending(keyword))
        }

        func number(_ known: KnownKeyword) throws(JSONSchemaError) -> JSONNumber? {
            let keyword = known.rawName
            guard let value = value(known) else { return nil }
            guard case .number(let number) = value else { throw fail(keyword, "a number") }
            return number
        }

        func count(_ known: KnownKeyword) throws(JSONSchemaError) -> Int? {
            let keyword = known.rawName
            guard let value = value(known) else { return nil }
            guard case .number(let number) = value, number.isInteger, !number.isNegative else {
                throw fail(keyword, "a non-negative integer")
            }
            // Counts beyond Int are unreachable limits: clamp.
            return number.intValue ?? Int.max
        }

        func string(_ known: KnownKeyword) throws(JSONSchemaError) -> String? {
            let keyword = known.rawName
            guard let value = value(known) else { return nil }
            guard case .string(let string) = value else { throw fail(keyword, "a string") }
            return string
        }

        func bool(_ known: KnownKeyword) throws(JSONSchemaError) -> Bool? {
            let keyword = known.rawName
            guard let value = value(known) else { return nil }
            guard case .bool(let flag) = value else { throw fail(keyword, "a boolean") }
            return flag
        }

        func strings(_ known: KnownKeyword, _ value: JSONValue? = nil, at path: String? = nil) throws(JSONSchemaError) -> [String]? {
            guard let value = value ?? self.value(known) else { return nil }
            let name = path ?? known.rawName
            guard case .array(let elements) = value else { throw fail(name, "an array of strings") }
            var result: [String] = []
            result.reserveCapacity(elements.count)
            for element in elements {
                guard case .string(let string) = element else { throw fail(name, "an array of strings") }
                result.append(string)
            }
            return result
        }

        func schemaArray(_ known: KnownKeyword) throws(JSONSchemaError) -> [SchemaNode]? {
            let keyword = known.rawName
            guard let value = value(known) else { return nil }
            guard case .array(let elements) = value, !elements.isEmpty else {
                throw fail(keyword, "a non-empty array of schemas")
            }
            var nodes: [SchemaNode] = []
            for index in elements.indices {
                nodes.append(try compiler.placeholder(at: location.appending(keyword, String(index))))
            }
            return nodes
        }

        func schema(_ known: KnownKeyword) throws(JSONSchemaError) -> SchemaNode? {
            let keyword = known.rawName
            guard present & known.bit != 0, object[keyword] != nil else { return nil }
            return try compiler.placeholder(at: location.appending(keyword))
        }

        func schemaMap(_ known: KnownKeyword) throws(JSONSchemaError) -> [(String, SchemaNode)]? {
            let keyword = known.rawName
            guard let value = value(known) else { return nil }
            guard case .object(let map) = value else { throw fail(keyword, "an object of schemas") }
            var result: [(String, SchemaNode)] = []
            for key in map.keys {
                result.append((key, try compiler.placeholder(at: location.appending(keyword, key))))
            }
            return result
        }

        func regex(_ pattern: String, keyword: String, path: [String]) throws(JSONSchemaError) -> ECMARegex {
            do {
                return try ECMARegex(pattern, stepBudget: compiler.options.regexStepBudget)
            } catch {
                throw compiler.error(
                    .invalidPattern, Diagnostics.invalidPattern(keyword, error),
                    at: SchemaLocation(document: location.document, pointer: location.pointer + path))
            }
        }
    }

    /// Compiles one subschema into `node`.
    func fill(_ node: SchemaNode, _ value: JSONValue, at location: SchemaLocation, info: LocationInfo) throws(JSONSchemaError) {
        let object: JSONObject
        switch value {
        case .bool(let flag):
            node.rejectsEverything = !flag
            return
        case .object(let contents):
            object = contents
        default:
            throw error(.invalidSchema, Diagnostics.notASchema(value), at: location)
        }
        let reader = KeywordReader(object: object, location: location, compiler: self, present: info.keywords)
        let dialect = info.dialect
        var keywords = KeywordList()

        if let reference = try reader.string(.ref) {
            let target = try resolveReference(reference, keyword: "$ref", at: location, info: info)
            keywords.add(11, .ref(try placeholder(at: target).ref))
            if dialect.base == .draft7 {
                node.install(keywords.entries.map(\.keyword), payloads: keywords.payloads)
                return
            }
        }
        if dialect.base == .draft2020, let reference = try reader.string(.dynamicRef) {
            keywords.add(11, .dynamicRef(keywords.keep(try compileDynamicRef(reference, keyword: "$dynamicRef", at: location, info: info))))
        }
        if dialect.base == .draft2019, let reference = try reader.string(.recursiveRef) {
            keywords.add(11, .dynamicRef(keywords.keep(try compileDynamicRef(reference, keyword: "$recursiveRef", at: location, info: info))))
        }
        if dialect.has(.validation) {
            try compileValidation(node, reader, dialect: dialect, into: &keywords)
        }
        if let format = try reader.string(.format) {
            let asserts =
                dialect.has(.formatAssertion) || (options.assertsFormat && dialect.has(.formatAnnotation))
                || (options.assertsFormat && dialect.base == .draft7)
            if asserts, let check = JSONSchemaFormat.checkers[format] {
                keywords.add(4, .format(keywords.keep(FormatKeyword(name: format, check: check))))
            }
        }
        if dialect.base == .draft7 {
            // Draft-07 lets validators assert content; only base64 and JSON are understood.
            let base64 = try reader.string(.contentEncoding) == "base64"
            let json = try reader.string(.contentMediaType) == "application/json"
            if base64 || json { keywords.add(4, .content(keywords.keep(ContentKeyword(base64: base64, json: json)))) }
        }
        if dialect.has(.applicator) {
            try compileApplicators(reader, dialect: dialect, info: info, into: &keywords)
        }
        if dialect.has(.unevaluated), dialect.base != .draft7 {
            if let schema = try reader.schema(.unevaluatedProperties) {
                keywords.add(20, .unevaluatedProperties(schema.ref))
                node.usesAnnotations = true
            }
            if let schema = try reader.schema(.unevaluatedItems) {
                keywords.add(21, .unevaluatedItems(schema.ref))
                node.usesAnnotations = true
            }
        }
        keywords.entries.sort { $0.order < $1.order }
        node.install(keywords.entries.map(\.keyword), payloads: keywords.payloads)
    }

    private func compileDynamicRef(
        _ reference: String, keyword: String, at location: SchemaLocation, info: LocationInfo
    ) throws(JSONSchemaError) -> DynamicRefKeyword {
        let target = try resolveReference(reference, keyword: keyword, at: location, info: info)
        let initial = try placeholder(at: target)
        var anchor: String?
        if keyword == "$recursiveRef" {
            let targetInfo = infos[target]
            if value(at: target)?["$recursiveAnchor"] == .bool(true), let targetInfo,
                resources[targetInfo.resource].location == target
            {
                anchor = Self.recursiveAnchorName
            }
        } else if let fragment = URIReference(reference).fragment, !fragment.isEmpty, !fragment.hasPrefix("/"),
            case .string(let declared)? = value(at: target)?["$dynamicAnchor"], declared == fragment
        {
            // Bookended: the static target declares the same dynamic anchor.
            anchor = fragment
        }
        let compiled = DynamicRefKeyword(initial: initial, anchor: anchor)
        if anchor != nil {
            usesDynamicScope = true
            dynamicRefs.append(compiled)
        }
        return compiled
    }

    private func compileValidation(
        _ node: SchemaNode, _ reader: KeywordReader, dialect: Dialect, into keywords: inout KeywordList
    ) throws(JSONSchemaError) {
        if let type = reader.value(.type) {
            var mask: TypeMask = []
            let names: [JSONValue]
            switch type {
            case .string: names = [type]
            case .array(let elements): names = elements
            default: throw reader.fail("type", "a type name or an array of type names")
            }
            for name in names {
                guard case .string(let text) = name else { throw reader.fail("type", "a type name or an array of type names") }
                guard let bits = TypeMask(typeName: text) else {
                    throw error(.invalidKeyword, Diagnostics.unknownType(text), at: reader.location.appending("type"))
                }
                mask.formUnion(bits)
            }
            node.typeMask = mask
        }
        if let constant = reader.value(.const) { keywords.add(0, .constant(keywords.keep(ConstKeyword(constant)))) }
        if let values = reader.value(.`enum`) {
            guard case .array(let elements) = values else { throw reader.fail("enum", "an array") }
            keywords.add(0, .enumeration(keywords.keep(EnumKeyword(elements))))
        }
        if let bound = try reader.number(.minimum) { keywords.add(1, .minimum(keywords.keep(NumberBound(bound)))) }
        if let bound = try reader.number(.maximum) { keywords.add(1, .maximum(keywords.keep(NumberBound(bound)))) }
        if let bound = try reader.number(.exclusiveMinimum) { keywords.add(1, .exclusiveMinimum(keywords.keep(NumberBound(bound)))) }
        if let bound = try reader.number(.exclusiveMaximum) { keywords.add(1, .exclusiveMaximum(keywords.keep(NumberBound(bound)))) }
        if let divisor = try reader.number(.multipleOf) {
            guard divisor > JSONNumber(0) else { throw reader.fail("multipleOf", "a number greater than 0") }
            keywords.add(1, .multipleOf(keywords.keep(NumberBound(divisor))))
        }
        if let length = try reader.count(.minLength), length > 0 { keywords.add(2, .minLength(length)) }
        if let length = try reader.count(.maxLength) { keywords.add(2, .maxLength(length)) }
        if let pattern = try reader.string(.pattern) {
            keywords.add(3, .pattern(keywords.keep(try reader.regex(pattern, keyword: "pattern", path: ["pattern"]))))
        }
        let minItems = try reader.count(.minItems) ?? 0
        let maxItems = try reader.count(.maxItems) ?? Int.max
        if minItems > 0 || maxItems < Int.max { keywords.add(5, .itemCount(min: minItems, max: maxItems)) }
        if try reader.bool(.uniqueItems) == true { keywords.add(6, .uniqueItems) }
        if let count = try reader.count(.minProperties), count > 0 { keywords.add(5, .minProperties(count)) }
        if let count = try reader.count(.maxProperties) { keywords.add(5, .maxProperties(count)) }
        if let required = try reader.strings(.required), !required.isEmpty {
            // Folded into the properties pass when possible (see compileApplicators).
            keywords.add(5, .required(keywords.keep(RequiredKeyword(required))))
        }
        if dialect.base != .draft7, let value = reader.value(.dependentRequired) {
            guard case .object(let map) = value else { throw reader.fail("dependentRequired", "an object of string arrays") }
            var entries: [(property: String, required: [String])] = []
            for (key, names) in map {
                let list = try reader.strings(.dependentRequired, names, at: "dependentRequired/" + URIFragment.escapeToken(key)) ?? []
                if !list.isEmpty { entries.append((key, list)) }
            }
            if !entries.isEmpty {
                keywords.add(10, .dependentRequired(keywords.keep(DependentRequiredKeyword(keyword: "dependentRequired", entries: entries))))
            }
        }
    }

    private func compileApplicators(
        _ reader: KeywordReader, dialect: Dialect, info: LocationInfo, into keywords: inout KeywordList
    ) throws(JSONSchemaError) {
        // Objects: properties, patternProperties, additionalProperties (+ required) in one pass.
        let properties = try reader.schemaMap(.properties)
        var patterns: [(source: String, regex: ECMARegex, schema: SchemaNode)] = []
        if let map = try reader.schemaMap(.patternProperties) {
            for (source, schema) in map {
                let regex = try reader.regex(source, keyword: "patternProperties", path: ["patternProperties", source])
                _ = keywords.keep(regex)
                patterns.append((source, regex, schema))
            }
        }
        let additional = try reader.schema(.additionalProperties)
        if properties != nil || !patterns.isEmpty || additional != nil {
            var required: [String]?
            if let index = keywords.entries.firstIndex(where: { if case .required = $0.keyword { true } else { false } }),
                case .required(let reference) = keywords.entries[index].keyword
            {
                let names = reference.value
                let declared = (properties ?? []).map(\.0)
                let allDeclared = names.names.allSatisfy { name in
                    declared.contains { JSONEquality.sameText($0, name) }
                }
                if allDeclared, declared.count <= 64 {
                    required = names.names
                    keywords.entries.remove(at: index)
                }
            }
            let keyword = PropertiesKeyword(
                names: (properties ?? []).map(\.0), schemas: (properties ?? []).map(\.1), patterns: patterns,
                additional: additional, required: required, hasProperties: properties != nil)
            keywords.add(7, .properties(keywords.keep(keyword)))
        }
        if let schema = try reader.schema(.propertyNames) { keywords.add(10, .propertyNames(schema.ref)) }
        if dialect.base != .draft7, let map = try reader.schemaMap(.dependentSchemas), !map.isEmpty {
            let entries = map.map { (property: $0.0, schema: $0.1) }
            keywords.add(10, .dependentSchemas(keywords.keep(DependentSchemasKeyword(keyword: "dependentSchemas", entries: entries))))
        }
        if let value = reader.value(.dependencies) {
            try compileDependencies(value, reader, into: &keywords)
        }
        // Arrays.
        try compileItems(reader, dialect: dialect, into: &keywords)
        if let schema = try reader.schema(.contains) {
            var minimum = 1
            var maximum: Int?
            if dialect.base != .draft7 {
                minimum = try reader.count(.minContains) ?? 1
                maximum = try reader.count(.maxContains)
            }
            keywords.add(9, .contains(keywords.keep(ContainsKeyword(schema: schema, minimum: minimum, maximum: maximum))))
        }
        // Combinators.
        if let schemas = try reader.schemaArray(.allOf) { keywords.add(12, .allOf(keywords.keep(NodeList(schemas)))) }
        if let schemas = try reader.schemaArray(.anyOf) { keywords.add(12, .anyOf(keywords.keep(NodeList(schemas)))) }
        if let schemas = try reader.schemaArray(.oneOf) { keywords.add(12, .oneOf(keywords.keep(NodeList(schemas)))) }
        if let schema = try reader.schema(.not) { keywords.add(12, .not(schema.ref)) }
        if let condition = try reader.schema(.`if`) {
            let then = try reader.schema(.then)
            let otherwise = try reader.schema(.`else`)
            if then != nil || otherwise != nil {
                keywords.add(13, .conditional(keywords.keep(ConditionalKeyword(condition: condition, then: then, otherwise: otherwise))))
            } else if dialect.has(.unevaluated), dialect.base != .draft7 {
                // A lone "if" still contributes annotations when it holds.
                keywords.add(13, .conditional(keywords.keep(ConditionalKeyword(condition: condition, then: nil, otherwise: nil))))
            }
        }
    }

    private func compileDependencies(
        _ value: JSONValue, _ reader: KeywordReader, into keywords: inout KeywordList
    ) throws(JSONSchemaError) {
        guard case .object(let map) = value else { throw reader.fail("dependencies", "an object") }
        var required: [(property: String, required: [String])] = []
        var schemas: [(property: String, schema: SchemaNode)] = []
        for (key, member) in map {
            if case .array = member {
                let list = try reader.strings(.dependencies, member, at: "dependencies/" + URIFragment.escapeToken(key)) ?? []
                if !list.isEmpty { required.append((key, list)) }
            } else {
                schemas.append((key, try placeholder(at: reader.location.appending("dependencies", key))))
            }
        }
        if !required.isEmpty {
            keywords.add(10, .dependentRequired(keywords.keep(DependentRequiredKeyword(keyword: "dependencies", entries: required))))
        }
        if !schemas.isEmpty {
            keywords.add(10, .dependentSchemas(keywords.keep(DependentSchemasKeyword(keyword: "dependencies", entries: schemas))))
        }
    }

    private func compileItems(
        _ reader: KeywordReader, dialect: Dialect, into keywords: inout KeywordList
    ) throws(JSONSchemaError) {
        var prefix: [SchemaNode] = []
        var rest: SchemaNode?
        let names: (prefix: String, rest: String)
        if dialect.base == .draft2020 {
            prefix = try reader.schemaArray(.prefixItems) ?? []
            if let items = reader.value(.items) {
                guard items.objectValue != nil || items.boolValue != nil else { throw reader.fail("items", "a schema") }
            }
            rest = try reader.schema(.items)
            names = ("prefixItems", "items")
        } else {
            guard let items = reader.value(.items) else { return }
            if case .array(let elements) = items {
                for index in elements.indices {
                    prefix.append(try placeholder(at: reader.location.appending("items", String(index))))
                }
                rest = try reader.schema(.additionalItems)
                names = ("items", "additionalItems")
            } else {
                guard items.objectValue != nil || items.boolValue != nil else {
                    throw reader.fail("items", "a schema or an array of schemas")
                }
                rest = try placeholder(at: reader.location.appending("items"))
                names = ("items", "items")
            }
        }
        guard !prefix.isEmpty || rest != nil else { return }
        // Fold minItems/maxItems in, so the array is inspected once.
        var counts = (min: 0, max: Int.max)
        if let index = keywords.entries.firstIndex(where: { if case .itemCount = $0.keyword { true } else { false } }),
            case .itemCount(let minimum, let maximum) = keywords.entries[index].keyword
        {
            counts = (minimum, maximum)
            keywords.entries.remove(at: index)
        }
        let compiled = ItemsKeyword(
            prefix: prefix, prefixKeyword: names.prefix, rest: rest, restKeyword: names.rest, counts: counts)
        keywords.add(8, .items(keywords.keep(compiled)))
    }
}
