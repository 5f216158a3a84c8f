import PackJSON

extension Evaluator {
    mutating func evaluateObjectCounts(_ keyword: Keyword, _ node: NodeRef, _ instance: borrowing JSONValue) -> Bool {
        switch instance {
        case .object(let object):
            switch keyword {
            case .minProperties(let minimum):
                if object.count >= minimum { return true }
                if collectsErrors { report(node, "minProperties", Diagnostics.minProperties(object.count, minimum)) }
                return false
            case .maxProperties(let maximum):
                if object.count <= maximum { return true }
                if collectsErrors { report(node, "maxProperties", Diagnostics.maxProperties(object.count, maximum)) }
                return false
            case .required(let reference):
                let required = reference.value
                var valid = true
                for name in required.names where !JSONEquality.contains(name, in: object) {
                    guard collectsErrors else { return false }
                    report(node, "required", Diagnostics.required(name))
                    valid = false
                }
                return valid
            case .dependentRequired(let reference):
                let dependent = reference.value
                var valid = true
                for entry in dependent.entries where JSONEquality.contains(entry.property, in: object) {
                    for name in entry.required where !JSONEquality.contains(name, in: object) {
                        guard collectsErrors else { return false }
                        report(
                            node, dependent.keyword + "/" + URIFragment.escapeToken(entry.property),
                            Diagnostics.dependentRequired(name, because: entry.property))
                        valid = false
                    }
                }
                return valid
            default:
                return true
            }
        default:
            return true
        }
    }

    /// `properties` + `patternProperties` + `additionalProperties` (+ folded `required`) in one pass.
    mutating func evaluateProperties(
        _ keyword: PropertiesKeyword, _ node: NodeRef, _ instance: borrowing JSONValue, _ sink: Annotations?
    ) -> Bool {
        switch instance {
        case .object(let object):
            return object.keys.withUnsafeBufferPointer { keys in
                object.values.withUnsafeBufferPointer { values in
                    propertiesPass(keyword, node, keys, values, sink)
                }
            }
        default:
            return true
        }
    }

    private mutating func propertiesPass(
        _ keyword: PropertiesKeyword, _ node: NodeRef, _ keys: UnsafeBufferPointer<String>,
        _ values: UnsafeBufferPointer<JSONValue>, _ sink: Annotations?
    ) -> Bool {
        guard let keyBase = keys.baseAddress, let valueBase = values.baseAddress else {
            // No members: only the folded `required` can fail.
            if keyword.foldsRequired, keyword.requiredCount > 0 {
                reportMissing(keyword, node, seen: 0)
                return false
            }
            return true
        }
        var valid = true
        var seenRequired: UInt64 = 0
        for position in 0..<keys.count {
            // Pointer subscripts borrow in place: no copies of keys or values.
            let key = keyBase[position]
            var matched = false
            if let index = keyword.index(of: key) {
                matched = true
                seenRequired |= 1 << UInt64(index & 63)
                let ok = evaluate(child: keyword.schemas[index], valueBase[position], key: key, path: "properties", key)
                if !ok {
                    valid = false
                    if !collectsErrors { return false }
                }
            }
            for pattern in keyword.patterns {
                switch pattern.regex.value.matches(key) {
                case .notMatched:
                    continue
                case .tooExpensive:
                    valid = false
                    guard collectsErrors else { return false }
                    report(
                        node, "patternProperties/" + URIFragment.escapeToken(pattern.source),
                        Diagnostics.patternTooExpensive(pattern.source, pattern.regex.value.stepBudget), at: .key(key))
                case .matched:
                    matched = true
                    let ok = evaluate(
                        child: pattern.schema, valueBase[position], key: key, path: "patternProperties", pattern.source)
                    if !ok {
                        valid = false
                        if !collectsErrors { return false }
                    }
                }
            }
            if !matched, let additional = keyword.additional {
                let ok: Bool
                if additional.value.rejectsEverything {
                    if collectsErrors {
                        report(node, "additionalProperties", Diagnostics.additionalProperty(key), at: .key(key))
                    }
                    ok = false
                } else {
                    ok = evaluate(child: additional, valueBase[position], key: key, path: "additionalProperties")
                }
                if !ok {
                    valid = false
                    if !collectsErrors { return false }
                }
                matched = true
            }
            if matched, let sink { sink.properties.insert(position) }
        }
        if keyword.foldsRequired, (seenRequired & keyword.requiredBits).nonzeroBitCount != keyword.requiredCount {
            reportMissing(keyword, node, seen: seenRequired)
            return false
        }
        return valid
    }

    private mutating func reportMissing(_ keyword: PropertiesKeyword, _ node: NodeRef, seen: UInt64) {
        guard collectsErrors else { return }
        for (index, name) in keyword.names.enumerated()
        where keyword.requiredBits & (1 << UInt64(index)) != 0 && seen & (1 << UInt64(index)) == 0 {
            report(node, "required", Diagnostics.required(name))
        }
    }

    mutating func evaluatePropertyNames(_ schema: NodeRef, _ node: NodeRef, _ instance: borrowing JSONValue) -> Bool {
        switch instance {
        case .object(let object):
            var valid = true
            for key in object.keys {
                if !collectsErrors {
                    if !evaluate(schema, .string(key), nil) { return false }
                    continue
                }
                let before = errors.count
                keywordPath.append("propertyNames")
                let ok = evaluate(schema, .string(key), nil)
                keywordPath.removeLast()
                if !ok {
                    valid = false
                    // Errors about the name point at the object; say which name they are about.
                    for index in before..<errors.count {
                        errors[index].message = Diagnostics.propertyName(key, errors[index].message)
                    }
                }
            }
            return valid
        default:
            return true
        }
    }

    mutating func evaluateDependentSchemas(
        _ keyword: DependentSchemasKeyword, _ node: NodeRef, _ instance: borrowing JSONValue, _ sink: Annotations?
    ) -> Bool {
        switch instance {
        case .object(let object):
            var valid = true
            for entry in keyword.entries where JSONEquality.contains(entry.property, in: object) {
                if !evaluate(inPlace: entry.schema, instance, sink, path: keyword.keyword, entry.property) {
                    valid = false
                    if !collectsErrors { return false }
                }
            }
            return valid
        default:
            return true
        }
    }

    mutating func evaluateUnevaluatedProperties(
        _ schema: NodeRef, _ node: NodeRef, _ instance: borrowing JSONValue, _ sink: Annotations?
    ) -> Bool {
        switch instance {
        case .object(let object):
            guard let sink else { return true }
            if sink.allProperties { return true }
            let keys = object.keys
            let values = object.values
            var valid = true
            for position in 0..<keys.count where !sink.properties.contains(position) {
                let key = keys[position]
                let ok: Bool
                if schema.value.rejectsEverything {
                    ok = false
                    if collectsErrors {
                        report(node, "unevaluatedProperties", Diagnostics.unevaluatedProperty(key), at: .key(key))
                    }
                } else {
                    ok = evaluate(child: schema, values[position], key: key, path: "unevaluatedProperties")
                }
                if !ok {
                    valid = false
                    if !collectsErrors { return false }
                }
            }
            // Every property is now evaluated (only matters when the node is valid).
            sink.allProperties = true
            return valid
        default:
            return true
        }
    }
}
