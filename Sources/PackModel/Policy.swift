/// A declarative routing rule: when something happens, what to do.
public struct RoutingRule: Sendable, Hashable {
    /// What the rule matches.
    public enum Condition: Sendable, Hashable {
        /// A gate ended with this result.
        case gate(String, result: GateResult)
        /// A step ended with this outcome.
        case step(String, outcome: String)
        /// A policy violation of this kind happened.
        case violation(ViolationKind)
    }

    /// A gate's result.
    public enum GateResult: String, Sendable, Hashable, CaseIterable {
        case pass
        case fail
    }

    /// Kinds of policy violation.
    public enum ViolationKind: String, Sendable, Hashable, CaseIterable {
        case capability
        case safety
        case limit
    }

    /// What the rule does.
    public enum Action: Sendable, Hashable {
        /// Stop the whole run.
        case abort
        /// Ignore the event and go on.
        case `continue`
        /// Skip the current step.
        case skip
        /// Retry the failed step up to this many times.
        case retry(Int)
        /// Go to another step of the recipe.
        case goto(String)
        /// Stop and ask a person, with a message.
        case escalate(String)
    }

    /// The condition.
    public var when: Condition
    /// The action.
    public var then: Action

    /// Creates a routing rule.
    public init(when: Condition, then: Action) {
        self.when = when
        self.then = then
    }
}

/// A safety policy a pack proposes: where handlers may write, which tools run, network use.
///
/// The host merges policies so that it can narrow what a pack proposes; a pack can never widen
/// what the host allows.
public struct SafetyPolicy: Sendable, Hashable {
    /// Network access.
    public enum Network: Sendable, Hashable {
        case allow
        case deny
        /// Only these `host:port` patterns.
        case hosts([String])
    }

    /// Globs of paths that may be written.
    public var writePaths: [String]?
    /// Tools that may run (this pack's names); `nil` means all of the pack's tools.
    public var tools: [String]?
    /// Commands that steps and gates may run; `nil` means those the templates name.
    public var commands: [String]?
    /// Network access.
    public var network: Network?

    /// Creates a safety policy.
    public init(writePaths: [String]? = nil, tools: [String]? = nil, commands: [String]? = nil, network: Network? = nil) {
        self.writePaths = writePaths
        self.tools = tools
        self.commands = commands
        self.network = network
    }
}

/// Services a pack provides to others, and those it needs.
public struct Services: Sendable, Hashable {
    /// Services provided, each backed by a tool of the pack.
    public var provides: [ProvidedService]
    /// Services required from other packs.
    public var requires: [RequiredService]

    /// Creates a services section.
    public init(provides: [ProvidedService] = [], requires: [RequiredService] = []) {
        self.provides = provides
        self.requires = requires
    }
}

/// A service a pack provides.
public struct ProvidedService: Sendable, Hashable {
    /// The service ID, such as `dbt.lineage.v1`.
    public var id: String
    /// The tool that implements it.
    public var tool: String

    /// Creates a provided service.
    public init(id: String, tool: String) {
        self.id = id
        self.tool = tool
    }
}

/// A service a pack requires.
public struct RequiredService: Sendable, Hashable {
    /// The service ID.
    public var id: String
    /// Whether the pack still works, degraded, without it.
    public var optional: Bool

    /// Creates a required service.
    public init(id: String, optional: Bool = false) {
        self.id = id
        self.optional = optional
    }
}

/// A hook into the invocation pipeline; it may only continue, deny with a message, or add a diagnostic.
public struct Hook: Sendable, Hashable {
    /// Where the hook runs.
    public enum Point: String, Sendable, Hashable, CaseIterable {
        case preToolCall = "pre_tool_call"
        case postToolCall = "post_tool_call"
        case preStep = "pre_step"
        case postStep = "post_step"
    }

    /// The point in the pipeline.
    public var point: Point
    /// The pack tool that implements the hook.
    public var tool: String
    /// Globs of tool IDs (`pack/tool`) the hook applies to; `nil` means all.
    public var match: [String]?

    /// Creates a hook.
    public init(point: Point, tool: String, match: [String]? = nil) {
        self.point = point
        self.tool = tool
        self.match = match
    }
}

/// A task the host runs on a schedule.
public struct BackgroundTask: Sendable, Hashable {
    /// The name, unique in the pack.
    public var name: String
    /// The interval in seconds (written as `30s`, `5m`, `1h`, `1d`).
    public var everySeconds: Int
    /// The pack tool to call.
    public var tool: String

    /// Creates a background task.
    public init(name: String, everySeconds: Int, tool: String) {
        self.name = name
        self.everySeconds = everySeconds
        self.tool = tool
    }
}
