public import PackBasics
public import PackModel

extension PolicyMerge {
    /// Merges a pack's proposed safety policy with the host's: the host can narrow, the pack can
    /// never widen.
    ///
    /// With no host policy the pack's proposal stands (an absent proposal is an empty policy).
    /// Otherwise each field is merged on its own; a field that one side leaves `nil` imposes
    /// nothing, so the other side's value stands, and when both give a value the result is their
    /// intersection:
    ///
    /// - `writePaths`: a pack pattern survives when a host pattern covers it
    ///   (``ScopeCoverage/pathPattern(_:covers:)``); otherwise the host patterns it covers
    ///   replace it (a note), and if there are none it is removed (a warning).
    /// - `tools`, `commands`: the pack's entries that the host lists too; the rest are removed (a
    ///   warning each). When `packName` is given, host tool entries may be written `pack/tool`,
    ///   and entries of other packs are ignored.
    /// - `network`: `deny` on either side wins; the host's `hosts(H)` narrows the pack's `allow`
    ///   to `hosts(H)` (a note) and its `hosts(P)` to the patterns of `P` covered by `H`
    ///   (``ScopeCoverage/hostPattern(_:covers:)``, with the same replacement rule as write
    ///   paths); when no pattern is left, the result is `deny` (a warning). The host's `allow`
    ///   imposes nothing.
    ///
    /// - Parameters:
    ///   - host: The host's safety limits, if any.
    ///   - pack: The pack's proposal, if any.
    ///   - packName: The pack's name, to read host tool entries written `pack/tool`.
    /// - Returns: The effective policy and a diagnostic for everything the host removed or narrowed.
    public static func mergeSafety(host: SafetyPolicy?, pack: SafetyPolicy?, packName: String? = nil)
        -> (effective: SafetyPolicy, diagnostics: [Diagnostic]) {
        guard let host else { return (pack ?? SafetyPolicy(), []) }
        var diagnostics: [Diagnostic] = []
        var effective = SafetyPolicy()
        effective.writePaths = intersect(host: host.writePaths, pack: pack?.writePaths, noun: "write path", field: "write_paths",
                                         covers: ScopeCoverage.pathPattern(_:covers:), diagnostics: &diagnostics)
        effective.tools = intersect(host: host.tools.map { hostTools($0, packName: packName) }, pack: pack?.tools, noun: "tool",
                                    field: "tools", covers: ==, diagnostics: &diagnostics)
        effective.commands = intersect(host: host.commands, pack: pack?.commands, noun: "command", field: "commands",
                                       covers: ==, diagnostics: &diagnostics)
        effective.network = mergeNetwork(host: host.network, pack: pack?.network, diagnostics: &diagnostics)
        return (effective, diagnostics)
    }

    /// Host tool entries that concern `packName`, as bare tool names.
    private static func hostTools(_ entries: [String], packName: String?) -> [String] {
        guard let packName else { return entries }
        return entries.compactMap { entry in
            guard let slash = entry.firstIndex(of: "/") else { return entry }
            return entry[..<slash] == packName ? String(entry[entry.index(after: slash)...]) : nil
        }
    }

    /// The pack's entries the host allows, with narrower host patterns replacing pack patterns
    /// the host does not cover.
    private static func intersect(host: [String]?, pack: [String]?, noun: String, field: String,
                                  covers: (String, String) -> Bool, diagnostics: inout [Diagnostic]) -> [String]? {
        guard let host else { return pack }
        guard let pack else { return host }
        var result: [String] = []
        func add(_ item: String) { if !result.contains(item) { result.append(item) } }
        for item in pack {
            if host.contains(where: { covers($0, item) }) {
                add(item)
                continue
            }
            let narrower = host.filter { covers(item, $0) }
            if narrower.isEmpty {
                diagnostics.append(.safetyItemRemoved(noun, item, field: field))
            } else {
                narrower.forEach(add)
                diagnostics.append(.safetyItemNarrowed(noun, item, to: narrower))
            }
        }
        return result
    }

    private static func mergeNetwork(host: SafetyPolicy.Network?, pack: SafetyPolicy.Network?,
                                     diagnostics: inout [Diagnostic]) -> SafetyPolicy.Network? {
        guard let host else { return pack }
        guard let pack else { return host }
        switch (host, pack) {
        case (_, .deny), (.allow, _):
            return pack
        case (.deny, .allow):
            diagnostics.append(.networkDenied(proposal: "'allow'"))
            return .deny
        case (.deny, .hosts(let hosts)):
            diagnostics.append(.networkDenied(proposal: "to " + quotedList(hosts)))
            return .deny
        case (.hosts(let allowed), .allow):
            diagnostics.append(.networkNarrowed(to: allowed))
            return .hosts(allowed)
        case (.hosts(let allowed), .hosts(let proposed)):
            let kept = intersect(host: allowed, pack: proposed, noun: "network host", field: "network",
                                 covers: ScopeCoverage.hostPattern(_:covers:), diagnostics: &diagnostics) ?? []
            if kept.isEmpty {
                diagnostics.append(.networkNothingLeft())
                return .deny
            }
            return .hosts(kept)
        }
    }
}
