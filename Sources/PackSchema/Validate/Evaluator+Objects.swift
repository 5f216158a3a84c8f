import PackJSON

extension Evaluator {
    mutating func evaluateObjectCounts(_ keyword: Keyword, _ node: NodeRef, _ instance: ValueRef) -> Bool {
        guard let object = InstanceAccess.members(instance) else { return true }
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
            return reference.with { required in
                var valid = true
                for name in required.names where InstanceAccess.position(of: name, in: instance, object) == nil {
                    guard collectsErrors else { return false }
                    report(node, "required", Diagnostics.required(name))
                    valid = false
                }
                return valid
            }
        case .dependentRequired(let reference):
            let dependent = reference.value
            var valid = true
            for entry in dependent.entries where InstanceAccess.position(of: entry.property, in: instance, object) != nil {
                for name in entry.required where InstanceAccess.position(of: name, in: instance, object) == nil {
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
    }

    /// `properties` + `patternProperties` + `additionalProperties` (+ folded `required`) in one pass.
    mutating func evaluateProperties(
        _ keyword: PropertiesKeyword, _ node: NodeRef, _ instance: ValueRef, _ sink: Annotations?
    ) -> Bool {
        guard let members = InstanceAccess.members(instance) else { return true }
        return propertiesPass(keyword, node, members.keys, members.values, sink)
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
            // `keyBase[position]` is read in place each time: binding it would copy (retain) the key.
            let value = valueBase + position
            var matched = false
            // Look the key up among the declared names: length and first byte first, then the bytes.
            let signature = PropertiesKeyword.signature(keyBase[position])
            var found: Int?
            for index in 0..<keyword.signatures.count where keyword.signatures[index] == signature {
                let same =
                    keyword.asciiNames[index]
                    ? JSONEquality.same(ascii: keyword.names[index], keyBase[position])
                    : JSONEquality.sameText(keyword.names[index], keyBase[position])
                if same {
                    found = index
                    break
                }
            }
            let key = keyBase + position
            if let index = found {
                matched = true
                seenRequired |= 1 << UInt64(index & 63)
                if !evaluate(child: keyword.schemas[index], value, key: key.pointee, path: "properties", key.pointee) {
                    valid = false
                    if !collectsErrors { return false }
                }
            }
            for pattern in keyword.patterns {
                switch pattern.regex.value.matches(key.pointee) {
                case .notMatched:
                    continue
                case .tooExpensive:
                    valid = false
                    guard collectsErrors else { return false }
                    report(
                        node, "patternProperties/" + URIFragment.escapeToken(pattern.source),
                        Diagnostics.patternTooExpensive(pattern.source, pattern.regex.value.stepBudget), at: .key(key.pointee))
                case .matched:
                    matched = true
                    if !evaluate(child: pattern.schema, value, key: key.pointee, path: "patternProperties", pattern.source) {
                        valid = false
                        if !collectsErrors { return false }
                    }
                }
            }
            if !matched, let additional = keyword.additional {
                let ok: Bool
                if additional.pointee.rejectsEverything {
                    if collectsErrors {
                        report(node, "additionalProperties", Diagnostics.additionalProperty(key.pointee), at: .key(key.pointee))
                    }
                    ok = false
                } else {
                    ok = evaluate(child: additional, value, key: key.pointee, path: "additionalProperties")
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

    mutating func evaluatePropertyNames(_ schema: NodeRef, _ node: NodeRef, _ instance: ValueRef) -> Bool {
        guard case .object(let object) = instance.pointee else { return true }
        var valid = true
        for key in object.keys {
            var name = JSONValue.string(key)
            let before = errors.count
            if collectsErrors { keywordPath.append("propertyNames") }
            let ok = evaluate(schema, &name, nil)
            if collectsErrors { keywordPath.removeLast() }
            guard !ok else { continue }
            valid = false
            guard collectsErrors else { return false }
            // Errors about the name point at the object; say which name they are about.
            for index in before..<errors.count {
                errors[index].message = Diagnostics.propertyName(key, errors[index].message)
            }
        }
        return valid
    }

    mutating func evaluateDependentSchemas(
        _ keyword: DependentSchemasKeyword, _ node: NodeRef, _ instance: ValueRef, _ sink: Annotations?
    ) -> Bool {
        guard case .object(let object) = instance.pointee else { return true }
        var valid = true
        for entry in keyword.entries where JSONEquality.contains(entry.property, in: object) {
            if !evaluate(inPlace: entry.schema, instance, sink, path: keyword.keyword, entry.property) {
                valid = false
                if !collectsErrors { return false }
            }
        }
        return valid
    }

    mutating func evaluateUnevaluatedProperties(
        _ schema: NodeRef, _ node: NodeRef, _ instance: ValueRef, _ sink: Annotations?
    ) -> Bool {
        guard case .object(let object) = instance.pointee, let sink, !sink.allProperties else { return true }
        var valid = true
        object.values.withUnsafeBufferPointer { values in
            guard let base = values.baseAddress else { return }
            for position in 0..<values.count where !sink.properties.contains(position) {
                let key = object.keys[position]
                let ok: Bool
                if schema.pointee.rejectsEverything {
                    if collectsErrors {
                        report(node, "unevaluatedProperties", Diagnostics.unevaluatedProperty(key), at: .key(key))
                    }
                    ok = false
                } else {
                    ok = evaluate(child: schema, base + position, key: key, path: "unevaluatedProperties")
                }
                if !ok {
                    valid = false
                    if !collectsErrors { return }
                }
            }
        }
        // Every property is now evaluated (only matters when the node is valid).
        sink.allProperties = true
        return valid
    }
}
