public import PackBasics
public import PackModel

/// One thing a pack contributes, named for reports: `tool echo`, `skill python-style`, ….
public struct Contribution: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The kind: `schema`, `tool`, `skill`, `instructions`, `mcp-server`, `plugin`, `detect`,
    /// `step-template`, `gate-template`, `recipe`, `routing-rule`, `safety-policy`, `service`,
    /// `service-requirement`, `hook`, `background-task`.
    public var kind: String
    /// The ID inside the pack.
    public var id: String

    /// Creates a contribution.
    public init(_ kind: String, _ id: String) {
        self.kind = kind
        self.id = id
    }

    public var description: String { "\(kind) \(id)" }

    public static func < (lhs: Contribution, rhs: Contribution) -> Bool {
        (lhs.kind, lhs.id) < (rhs.kind, rhs.id)
    }
}

/// What happened to one pack when the catalog was built.
public struct InstallReport: Sendable, Hashable {
    /// Whether the pack is in the catalog.
    public enum Status: String, Sendable, Hashable {
        /// Installed with every contribution.
        case installed
        /// Installed, but some contributions were skipped or an optional service is missing.
        case degraded
        /// Not installed at all; ``diagnostics`` say why.
        case refused
    }

    /// The pack, as `name@version` (or its directory when the manifest could not be read).
    public var pack: String
    /// Where it came from: a directory, or `built-in`.
    public var origin: String
    /// The outcome.
    public var status: Status
    /// The tier the host gave it.
    public var tier: Tier
    /// The host's decision on each requested capability.
    public var decisions: [CapabilityDecision]
    /// Contributions installed.
    public var installed: [Contribution]
    /// Contributions skipped, each with the reason.
    public var skipped: [SkippedContribution]
    /// Every diagnostic: from loading, and from building the catalog.
    public var diagnostics: [Diagnostic]

    /// Creates a report.
    public init(pack: String, origin: String, status: Status, tier: Tier, decisions: [CapabilityDecision] = [],
                installed: [Contribution] = [], skipped: [SkippedContribution] = [], diagnostics: [Diagnostic] = []) {
        self.pack = pack
        self.origin = origin
        self.status = status
        self.tier = tier
        self.decisions = decisions
        self.installed = installed
        self.skipped = skipped
        self.diagnostics = diagnostics
    }
}

/// A contribution that was not installed, and why.
public struct SkippedContribution: Sendable, Hashable {
    /// The contribution.
    public var contribution: Contribution
    /// Why it was skipped, with the remedy.
    public var reason: String

    /// Creates a skipped contribution.
    public init(_ contribution: Contribution, reason: String) {
        self.contribution = contribution
        self.reason = reason
    }
}
