import PackJSON

extension Evaluator {
    mutating func evaluateArrayCounts(_ keyword: Keyword, _ node: NodeRef, _ instance: ValueRef) -> Bool {
        guard let elements = InstanceAccess.elements(instance) else { return true }
        switch keyword {
        case .itemCount(let minimum, let maximum):
            let count = elements.count
            if count >= minimum, count <= maximum { return true }
            guard collectsErrors else { return false }
            if count < minimum { report(node, "minItems", Diagnostics.minItems(count, minimum)) }
            if count > maximum { report(node, "maxItems", Diagnostics.maxItems(count, maximum)) }
            return false
        case .uniqueItems:
            guard let (first, second) = Self.firstDuplicate(elements) else { return true }
            if collectsErrors { report(node, "uniqueItems", Diagnostics.uniqueItems(first, second)) }
            return false
        default:
            return true
        }
    }

    /// The indexes of the first pair of equal elements, comparing pairwise for short arrays and
    /// hashing for long ones.
    static func firstDuplicate(_ elements: UnsafeBufferPointer<JSONValue>) -> (Int, Int)? {
        let count = elements.count
        if count < 2 { return nil }
        if count <= 16 {
            for i in 1..<count {
                for j in 0..<i where JSONEquality.equal(elements[j], elements[i]) { return (j, i) }
            }
            return nil
        }
        // Bucket by hash (equal values hash equally), then compare exactly within a bucket.
        var buckets: [Int: [Int]] = [:]
        buckets.reserveCapacity(count)
        for (index, element) in elements.enumerated() {
            let hash = element.hashValue
            if let earlier = buckets[hash] {
                for candidate in earlier where JSONEquality.equal(elements[candidate], element) {
                    return (candidate, index)
                }
            }
            buckets[hash, default: []].append(index)
        }
        return nil
    }

    mutating func evaluateItems(
        _ keyword: ItemsKeyword, _ node: NodeRef, _ instance: ValueRef, _ sink: Annotations?
    ) -> Bool {
        guard let elements = InstanceAccess.elements(instance) else { return true }
        return itemsPass(keyword, node, elements, sink)
    }

    private mutating func itemsPass(
        _ keyword: ItemsKeyword, _ node: NodeRef, _ elements: UnsafeBufferPointer<JSONValue>, _ sink: Annotations?
    ) -> Bool {
        var valid = true
        let count = elements.count
        if count < keyword.minimumCount || count > keyword.maximumCount {
            guard collectsErrors else { return false }
            if count < keyword.minimumCount { report(node, "minItems", Diagnostics.minItems(count, keyword.minimumCount)) }
            if count > keyword.maximumCount { report(node, "maxItems", Diagnostics.maxItems(count, keyword.maximumCount)) }
            valid = false
        }
        guard let base = elements.baseAddress else { return valid }
        let prefixCount = min(keyword.prefix.count, elements.count)
        for index in 0..<prefixCount {
            if !evaluate(child: keyword.prefix[index], base + index, index: index, path: keyword.prefixKeyword, String(index)) {
                valid = false
                if !collectsErrors { return false }
            }
        }
        guard let rest = keyword.rest, elements.count > prefixCount else {
            if let sink { sink.itemPrefix = max(sink.itemPrefix, prefixCount) }
            return valid
        }
        if rest.pointee.rejectsEverything {
            if collectsErrors {
                report(node, keyword.restKeyword, Diagnostics.tooManyItems(elements.count, allowed: keyword.prefix.count))
            }
            return false
        }
        if !collectsErrors, sink == nil, !tracksDynamicScope {
            // Items that only check `type` (`{"type": "number"}`) are checked in a tight loop.
            let target = rest.pointee.flagTarget ?? rest
            if target.pointee.checksTypeOnly, depth + rest.pointee.flagTargetHops < maxDepth {
                let mask = target.pointee.typeMask
                for index in prefixCount..<elements.count where !mask.admits(base + index) { return false }
                return true
            }
        }
        for index in prefixCount..<elements.count {
            if !evaluate(child: rest, base + index, index: index, path: keyword.restKeyword) {
                valid = false
                if !collectsErrors { return false }
            }
        }
        sink?.allItems = true
        return valid
    }

    mutating func evaluateContains(
        _ keyword: ContainsKeyword, _ node: NodeRef, _ instance: ValueRef, _ sink: Annotations?
    ) -> Bool {
        guard case .array(let elements) = instance.pointee else { return true }
        // Every element must be tried when annotations are collected or a maximum applies.
        let exhaustive = sink != nil || keyword.maximum != nil
        let matches = elements.withUnsafeBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            var matches = 0
            for index in 0..<buffer.count where quietly({ $0.evaluate(keyword.schema, base + index, nil) }) {
                matches += 1
                sink?.items.insert(index)
                if !exhaustive, matches >= keyword.minimum { break }
            }
            return matches
        }
        var valid = matches >= keyword.minimum
        if let maximum = keyword.maximum, matches > maximum { valid = false }
        if !valid, collectsErrors {
            if matches < keyword.minimum {
                report(node, "contains", Diagnostics.containsTooFew(matches, keyword.minimum))
            } else if let maximum = keyword.maximum {
                report(node, "maxContains", Diagnostics.containsTooMany(matches, maximum))
            }
        }
        return valid
    }

    mutating func evaluateUnevaluatedItems(
        _ schema: NodeRef, _ node: NodeRef, _ instance: ValueRef, _ sink: Annotations?
    ) -> Bool {
        guard case .array(let elements) = instance.pointee, let sink, !sink.allItems else { return true }
        var valid = true
        elements.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for index in sink.itemPrefix..<max(sink.itemPrefix, buffer.count) where !sink.items.contains(index) {
                let ok: Bool
                if schema.pointee.rejectsEverything {
                    if collectsErrors {
                        report(node, "unevaluatedItems", Diagnostics.unevaluatedItem(index), at: .index(index))
                    }
                    ok = false
                } else {
                    ok = evaluate(child: schema, base + index, index: index, path: "unevaluatedItems")
                }
                if !ok {
                    valid = false
                    if !collectsErrors { return }
                }
            }
        }
        sink.allItems = true
        return valid
    }
}
