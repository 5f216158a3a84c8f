import PackJSON

extension Evaluator {
    mutating func evaluateAllOf(_ schemas: [NodeRef], _ instance: ValueRef, _ sink: Annotations?) -> Bool {
        var valid = true
        for (index, schema) in schemas.enumerated()
        where !evaluate(inPlace: schema, instance, sink, path: "allOf", String(index)) {
            valid = false
            if !collectsErrors { return false }
        }
        return valid
    }

    mutating func evaluateAnyOf(
        _ schemas: [NodeRef], _ node: NodeRef, _ instance: ValueRef, _ sink: Annotations?
    ) -> Bool {
        var valid = false
        for schema in schemas {
            let matched =
                sink == nil ? quietly { $0.evaluateQuickly(schema, instance) } : quietly { $0.evaluate(schema, instance, sink) }
            if matched {
                valid = true
                // With annotations wanted, every valid branch contributes, so keep going.
                if sink == nil { return true }
            }
        }
        if !valid, collectsErrors {
            report(node, "anyOf", Diagnostics.anyOf(schemas.count))
            appendClosestBranchErrors(schemas, instance, keyword: "anyOf")
        }
        return valid
    }

    /// `anyOf`/`oneOf` with a ``Discriminator`` (flag mode): every branch requires an object whose
    /// discriminating property equals its own constant, so only that branch can match, and
    /// `anyOf` and `oneOf` both reduce to evaluating it.
    mutating func evaluateDiscriminated(_ list: NodeList, _ discriminator: Discriminator, _ instance: ValueRef) -> Bool {
        guard let index = discriminator.branch(for: instance) else { return false }
        return evaluateQuickly(list.nodes[index], instance)
    }

    mutating func evaluateOneOf(
        _ schemas: [NodeRef], _ node: NodeRef, _ instance: ValueRef, _ sink: Annotations?
    ) -> Bool {
        var first: Int?
        var second: Int?
        // Annotations of the single matching branch are kept; collect into a scratch sink.
        let scratch: Annotations? = sink == nil ? nil : Annotations()
        for (index, schema) in schemas.enumerated() {
            let branch: Annotations? = scratch == nil ? nil : Annotations()
            let matched =
                branch == nil ? quietly { $0.evaluateQuickly(schema, instance) } : quietly { $0.evaluate(schema, instance, branch) }
            if matched {
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
                appendClosestBranchErrors(schemas, instance, keyword: "oneOf")
            }
        }
        return false
    }

    /// After an `anyOf`/`oneOf` failure, adds the errors of the branch that came closest, so the
    /// author sees what to fix ("coordinates has 1 item") rather than only "matches no branch".
    ///
    /// Closest: no `type` mismatch at the value itself, then the fewest `const`/`enum` failures
    /// (discriminators such as `"type": {"const": "Point"}`), then the fewest errors, then the
    /// deepest error.
    private mutating func appendClosestBranchErrors(
        _ schemas: [NodeRef], _ instance: ValueRef, keyword: String
    ) {
        // Branch errors are scored as ErrorScores; the instance path only grows below this
        // point while a branch is evaluated, so an error is "here" when its depth is this one.
        let here = instancePath.count
        let savedCap = errorCap
        let savedScoring = scoring
        scoring = true
        var best: (score: (Int, Int, Int, Int), index: Int)?
        // Score each branch on its first few errors, then collect the winner's errors in full.
        for (index, schema) in schemas.enumerated() {
            let before = scores.count
            errorCap = before + 4
            keywordPath.append(keyword)
            keywordPath.append(String(index))
            _ = evaluate(schema, instance, nil)
            keywordPath.removeLast(2)
            collectsErrors = true
            let branch = scores[before...]
            defer { scores.removeSubrange(before...) }
            guard !branch.isEmpty else { continue }
            let wrongType = branch.contains { $0.depth == here && $0.isType }
            let discriminators = branch.filter(\.isDiscriminator).count
            let depth = branch.map(\.depth).max() ?? 0
            let score = (wrongType ? 1 : 0, discriminators, branch.count, -depth)
            if best == nil || score < best!.score { best = (score, index) }
        }
        scoring = savedScoring
        errorCap = savedCap
        guard let best else { return }
        keywordPath.append(keyword)
        keywordPath.append(String(best.index))
        _ = evaluate(schemas[best.index], instance, nil)
        keywordPath.removeLast(2)
    }

    mutating func evaluateConditional(
        _ keyword: ConditionalKeyword, _ instance: ValueRef, _ sink: Annotations?
    ) -> Bool {
        let conditionHolds = quietly { $0.evaluate(keyword.condition, instance, sink) }
        if conditionHolds {
            guard let then = keyword.then else { return true }
            return evaluate(inPlace: then, instance, sink, path: "then")
        }
        guard let otherwise = keyword.otherwise else { return true }
        return evaluate(inPlace: otherwise, instance, sink, path: "else")
    }
}
