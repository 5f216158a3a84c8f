import PackJSON

extension Evaluator {
    mutating func evaluateAllOf(_ schemas: [Unowned<SchemaNode>], _ instance: borrowing JSONValue, _ sink: Annotations?) -> Bool {
        var valid = true
        for (index, schema) in schemas.enumerated()
        where !evaluate(inPlace: schema.value, instance, sink, path: "allOf", String(index)) {
            valid = false
            if !collectsErrors { return false }
        }
        return valid
    }

    mutating func evaluateAnyOf(
        _ schemas: [Unowned<SchemaNode>], _ node: SchemaNode, _ instance: borrowing JSONValue, _ sink: Annotations?
    ) -> Bool {
        var valid = false
        for schema in schemas {
            if quietly({ $0.evaluate(schema.value, instance, sink) }) {
                valid = true
                // With annotations wanted, every valid branch contributes, so keep going.
                if sink == nil { return true }
            }
        }
        if !valid, collectsErrors { report(node, "anyOf", Diagnostics.anyOf(schemas.count)) }
        return valid
    }

    mutating func evaluateOneOf(
        _ schemas: [Unowned<SchemaNode>], _ node: SchemaNode, _ instance: borrowing JSONValue, _ sink: Annotations?
    ) -> Bool {
        var first: Int?
        var second: Int?
        // Annotations of the single matching branch are kept; collect into a scratch sink.
        let scratch: Annotations? = sink == nil ? nil : Annotations()
        for (index, schema) in schemas.enumerated() {
            let branch: Annotations? = scratch == nil ? nil : Annotations()
            if quietly({ $0.evaluate(schema.value, instance, branch) }) {
                if first == nil {
                    first = index
                    if let branch { scratch?.merge(branch) }
                } else {
                    second = index
                    break
                }
            }
        }
        if first != nil, second == nil {
            if let sink, let scratch { sink.merge(scratch) }
            return true
        }
        if collectsErrors {
            if let first, let second {
                report(node, "oneOf", Diagnostics.oneOfSeveral(first, second))
            } else {
                report(node, "oneOf", Diagnostics.oneOfNone(schemas.count))
            }
        }
        return false
    }

    mutating func evaluateConditional(
        _ keyword: ConditionalKeyword, _ instance: borrowing JSONValue, _ sink: Annotations?
    ) -> Bool {
        let conditionHolds = quietly { $0.evaluate(keyword.condition.value, instance, sink) }
        if conditionHolds {
            guard let then = keyword.then?.value else { return true }
            return evaluate(inPlace: then, instance, sink, path: "then")
        }
        guard let otherwise = keyword.otherwise?.value else { return true }
        return evaluate(inPlace: otherwise, instance, sink, path: "else")
    }
}
