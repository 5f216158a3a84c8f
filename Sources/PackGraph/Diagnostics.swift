import PackBasics

/// The message catalogue of PackGraph: every diagnostic it reports is worded here.
///
/// Style: lower case, no final full stop, names in single quotes, the remedy after `; `.
extension Diagnostic {
    // MARK: Services

    static func duplicateParticipant(_ pack: String) -> Diagnostic {
        .error("pack '\(pack)' takes part in service resolution more than once; resolve one version of each pack at a time")
    }

    static func requiredServiceMissing(_ id: String) -> Diagnostic {
        .error("required service '\(id)' is not provided by any pack; install a pack that provides it, or mark the requirement 'optional: true'")
    }

    static func optionalServiceMissing(_ id: String) -> Diagnostic {
        .warning("optional service '\(id)' is not provided by any pack; the pack runs without it")
    }

    static func ambiguousService(_ id: String, providers: [String]) -> Diagnostic {
        .error("service '\(id)' is provided by \(quotedList(providers)), so no pack gets it; pin one provider under 'services.pin' in the host policy, or remove all but one of these packs")
    }

    static func pinIsNotAProvider(_ id: String, pin: String, providers: [String]) -> Diagnostic {
        .error("the host policy pins '\(pin)' for service '\(id)', but it is provided by \(quotedList(providers)), so no pack gets it; pin one of them under 'services.pin'")
    }

    static func notChosenProvider(_ id: String, chosen: String) -> Diagnostic {
        .note("service '\(id)' of this pack is not used: the host policy pins '\(chosen)' as its provider")
    }

    static func requiredServiceAmbiguous(_ id: String, providers: [String]) -> Diagnostic {
        .error("required service '\(id)' is ambiguous: \(quotedList(providers)) provide it; pin one provider under 'services.pin' in the host policy")
    }

    static func optionalServiceAmbiguous(_ id: String, providers: [String]) -> Diagnostic {
        .warning("optional service '\(id)' is ambiguous: \(quotedList(providers)) provide it; the pack runs without it until the host policy pins one under 'services.pin'")
    }

    static func requiredProviderSkipped(_ id: String, provider: String) -> Diagnostic {
        .error("required service '\(id)' comes from '\(provider)', which is skipped; fix '\(provider)' first")
    }

    static func optionalProviderSkipped(_ id: String, provider: String) -> Diagnostic {
        .warning("optional service '\(id)' comes from '\(provider)', which is skipped; the pack runs without it")
    }

    /// `cycle` starts and ends with the same pack; `links` explain its first steps (at most
    /// ``cycleSpellingLimit`` are shown).
    static func serviceCycle(_ cycle: [String], links: [(from: String, services: [String], to: String)]) -> Diagnostic {
        var explanation = links.prefix(cycleSpellingLimit)
            .map { "\($0.from) requires \(quotedList($0.services)) from \($0.to)" }.joined(separator: ", ")
        if cycle.count - 1 > cycleSpellingLimit { explanation += ", ..." }
        return .error("service cycle: \(spell(cycle)) (\(explanation)); remove one of these requirements")
    }
}

/// The most links of a cycle a message spells out. (Default: 12.)
let cycleSpellingLimit = 12

/// `a -> b -> a`; a cycle of more than ``cycleSpellingLimit`` links shows its first links, how
/// many are left out, and its last node: `a -> b -> ... (988 more) -> a`.
func spell(_ cycle: [String]) -> String {
    guard cycle.count > cycleSpellingLimit + 1, let last = cycle.last else { return cycle.joined(separator: " -> ") }
    let shown = cycle.prefix(cycleSpellingLimit)
    return shown.joined(separator: " -> ") + " -> ... (\(cycle.count - 1 - cycleSpellingLimit) more) -> " + last
}

/// `'a'`, `'a' and 'b'`, `'a', 'b' and 'c'`.
func quotedList(_ items: [String]) -> String {
    let quoted = items.map { "'\($0)'" }
    guard let last = quoted.last else { return "nothing" }
    if quoted.count == 1 { return last }
    return quoted.dropLast().joined(separator: ", ") + " and " + last
}

extension Diagnostic {
    // MARK: Template index and graphs

    static func duplicateIndexedPack(_ pack: String) -> Diagnostic {
        .error("pack '\(pack)' is in the template index twice; the first one is used, index one version of each pack")
    }

    static func recipePackNotIndexed(_ pack: String, recipe: String) -> Diagnostic {
        .error("recipe '\(recipe)' belongs to pack '\(pack)', which is not in the template index; index the pack's manifest before building its recipes")
    }

    static func duplicateStepID(_ id: String, recipe: String) -> Diagnostic {
        .error("recipe '\(recipe)' uses the step ID '\(id)' twice; give the second one an 'id:'")
    }

    static func unknownDependency(_ dependency: String, step: String, recipe: String) -> Diagnostic {
        .error("step '\(step)' of recipe '\(recipe)' runs after unknown step '\(dependency)'; use a step ID of this recipe")
    }

    static func stepCycle(_ cycle: [String], recipe: String) -> Diagnostic {
        .error("recipe '\(recipe)' has a step cycle: \(spell(cycle)); remove one 'after' link")
    }

    /// `noun` is "step template", "gate template" or "tool"; `context` says who refers to it.
    static func referenceToMissingPack(_ noun: String, _ reference: String, pack: String, in context: String) -> Diagnostic {
        .error("\(context) uses \(noun) '\(reference)' of pack '\(pack)', which is not loaded; install '\(pack)' or fix the name")
    }

    /// `section` is where the pack would declare the thing (`templates.steps`, `tools`).
    static func unknownReference(_ noun: String, _ reference: String, pack: String, section: String, in context: String,
                                 known: [String]) -> Diagnostic {
        let remedy = known.isEmpty
            ? "declare it under '\(section)' of pack '\(pack)'"
            : "use one of \(shortList(known)), or declare it under '\(section)' of pack '\(pack)'"
        return .error("\(context) uses unknown \(noun) '\(reference)'; \(remedy)")
    }

    static func argumentsMismatch(step: String, recipe: String, template: String, problem: String) -> Diagnostic {
        .error("the 'with' arguments of step '\(step)' of recipe '\(recipe)' do not match the params of step template '\(template)': \(problem); fix the arguments or the template's params")
    }

    static func toolInputMismatch(tool: String, in context: String, problem: String) -> Diagnostic {
        .error("the input of tool '\(tool)' in \(context) does not match the tool's input schema: \(problem); fix the action's 'input'")
    }

    static func argumentsTooDeep(_ what: String, limit: Int) -> Diagnostic {
        .error("\(what) nest deeper than \(limit) levels; flatten them")
    }

    static func schemaUnavailable(_ what: String, reason: String) -> Diagnostic {
        .error("\(what) is not available: \(reason); fix the schema reference, or supply the schema file when indexing the pack")
    }

    static func schemaInvalid(_ what: String, problem: String) -> Diagnostic {
        .error("\(what) is not a valid JSON Schema: \(problem)")
    }

    static func unknownRecipePlaceholder(_ name: String, in context: String, recipe: String, known: [String]) -> Diagnostic {
        let remedy = known.isEmpty ? "declare '\(name)' under the recipe's 'params' properties"
            : "use one of \(shortList(known)), or declare '\(name)' under the recipe's 'params' properties"
        return .error("placeholder '{{\(name)}}' in \(context) is not a parameter of recipe '\(recipe)'; \(remedy)")
    }

    static func placeholderWithoutArgument(_ name: String, in context: String, step: String, arguments: [String]) -> Diagnostic {
        .error("placeholder '{{\(name)}}' in \(context) has no value: step '\(step)' passes only \(shortList(arguments)) in 'with'; add '\(name)' to the step's 'with' arguments")
    }

    static func gotoUnknownStep(_ target: String, rule: Int, pack: String, recipe: String) -> Diagnostic {
        .error("routing rule \(rule) of pack '\(pack)' goes to '\(target)', which is not a step of recipe '\(recipe)'; name a step ID of the recipe")
    }

    static func gotoAmbiguousStep(_ target: String, rule: Int, pack: String, recipe: String, steps: [String]) -> Diagnostic {
        .error("routing rule \(rule) of pack '\(pack)' goes to step template '\(target)', which recipe '\(recipe)' uses in steps \(quotedList(steps)); name one step ID")
    }
}

/// `'a', 'b', 'c'`: at most 8 quoted names, then how many more.
func shortList(_ items: [String]) -> String {
    let limit = 8
    let shown = items.prefix(limit).map { "'\($0)'" }.joined(separator: ", ")
    return items.count > limit ? shown + " and \(items.count - limit) more" : shown
}

extension Diagnostic {
    // MARK: Routing and safety

    static func routingConflict(condition: String, rules: [(pack: String, position: Int, action: String)],
                                winner: (pack: String, action: String)) -> Diagnostic {
        let packs = quotedList(rules.map(\.pack).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } })
        let claims = rules.map { "'\($0.pack)' rule \($0.position) says \($0.action)" }.joined(separator: ", ")
        return .warning("routing rules of \(packs) conflict on \(condition): \(claims); \(winner.action) from '\(winner.pack)' applies, as the more conservative action wins")
    }

    /// `noun` is "write path", "tool" or "command"; `field` the key under `safety`.
    static func safetyItemRemoved(_ noun: String, _ item: String, field: String) -> Diagnostic {
        .warning("\(noun) '\(item)' proposed by the pack is not allowed by the host's safety policy and was removed; ask the operator to allow it under 'safety.\(field)' in the host policy")
    }

    static func safetyItemNarrowed(_ noun: String, _ item: String, to narrower: [String]) -> Diagnostic {
        .note("\(noun) '\(item)' proposed by the pack was narrowed to \(quotedList(narrower)) by the host's safety policy")
    }

    static func networkDenied(proposal: String) -> Diagnostic {
        .warning("network access \(proposal) proposed by the pack is denied by the host's safety policy; ask the operator to allow it under 'safety.network' in the host policy")
    }

    static func networkNarrowed(to hosts: [String]) -> Diagnostic {
        .note("network access 'allow' proposed by the pack was narrowed to \(quotedList(hosts)) by the host's safety policy")
    }

    static func networkNothingLeft() -> Diagnostic {
        .warning("no network host proposed by the pack is allowed by the host's safety policy, so network access is denied; ask the operator to allow one under 'safety.network' in the host policy")
    }
}
