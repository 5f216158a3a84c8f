public import PackBasics
public import PackModel

/// The operator's decisions: which capabilities each pack gets, which tier it is in, how tools are
/// named for models, which provider serves an ambiguous service, and the host's safety limits.
///
/// Packs *request*; the host *grants*. Nothing is granted unless a rule says so (deny by default).
/// The policy is read from `$QUIVER_HOME/policy.yaml` (see docs/host-policy.md).
public struct HostPolicy: Sendable, Hashable {
    /// How tools are named for models.
    public enum ToolNaming: String, Sendable, Hashable, CaseIterable {
        /// Bare tool names (`echo`); names two packs share are qualified for both (`pack__tool`) and reported.
        case short
        /// Always `pack__tool`.
        case qualified
    }

    /// One grant rule: which packs it applies to, and what it allows.
    public struct GrantRule: Sendable, Hashable {
        /// Globs of pack names the rule applies to; `nil` means every pack.
        public var packs: [String]?
        /// The tier the rule applies to; `nil` means every tier.
        public var tier: Tier?
        /// Everything requested is granted.
        public var allowsAll: Bool
        /// Capabilities granted, each with the scope patterns it covers (empty for scope-less kinds).
        public var allow: [CapabilityRequest]

        /// Creates a rule.
        public init(packs: [String]? = nil, tier: Tier? = nil, allowsAll: Bool = false, allow: [CapabilityRequest] = []) {
            self.packs = packs
            self.tier = tier
            self.allowsAll = allowsAll
            self.allow = allow
        }

        /// Whether the rule applies to a pack of this name and tier.
        public func applies(to name: String, tier packTier: Tier) -> Bool {
            if let tier, tier != packTier { return false }
            guard let packs else { return true }
            return packs.contains { pattern in (try? Glob(pattern))?.matches(name) ?? (pattern == name) }
        }
    }

    /// Grant rules, all of which are consulted.
    public var grants: [GrantRule]
    /// Pack-name globs the host trusts as `verified`; everything else from disk is `community`.
    public var verifiedPacks: [String]
    /// How tools are named for models. (Default: ``ToolNaming/short``.)
    public var toolNaming: ToolNaming
    /// The host's choice of provider for services several packs provide (service ID → pack name).
    public var pinnedProviders: [String: String]
    /// The host's safety limits; packs' proposals are narrowed to fit them.
    public var safety: SafetyPolicy?

    /// Creates a policy; the defaults grant nothing.
    public init(grants: [GrantRule] = [], verifiedPacks: [String] = [], toolNaming: ToolNaming = .short,
                pinnedProviders: [String: String] = [:], safety: SafetyPolicy? = nil) {
        self.grants = grants
        self.verifiedPacks = verifiedPacks
        self.toolNaming = toolNaming
        self.pinnedProviders = pinnedProviders
        self.safety = safety
    }

    /// The policy used when there is no policy file: built-in packs get what they request, others nothing.
    public static let `default` = HostPolicy(grants: [GrantRule(tier: .builtin, allowsAll: true)])

    /// The tier the host gives a pack; a pack's own claim never raises it.
    public func tier(of name: String, builtin: Bool) -> Tier {
        if builtin { return .builtin }
        let verified = verifiedPacks.contains { pattern in (try? Glob(pattern))?.matches(name) ?? (pattern == name) }
        return verified ? .verified : .community
    }
}
