public import PackBasics
public import PackJSON

/// A pack manifest (`PACK.yaml`, format 1): everything a pack declares, as pure values.
///
/// The model holds no file locations, load times or caches; a loader pairs it with where it
/// came from. Every section of the format has a field here; execution lives in other modules.
public struct Manifest: Sendable, Hashable {
    /// The manifest format version; only `1` exists.
    public var format: Int
    /// The pack name, also the namespace of everything it contributes.
    public var name: String
    /// The pack version.
    public var version: Version
    /// One or two sentences saying what the pack is for.
    public var description: String
    /// The range of Quiver versions the pack works with; `nil` means any.
    public var kernel: VersionRange?
    /// The tier the pack claims; the host decides the tier it gets.
    public var tier: Tier?
    /// An SPDX license expression.
    public var license: String?
    /// The authors, as written (`"Ada <ada@example.com>"`).
    public var authors: [Author]
    /// Search keywords.
    public var keywords: [String]
    /// A homepage or repository URL.
    public var homepage: String?

    /// Capabilities the pack requests, each with its reason.
    public var capabilities: [CapabilityRequest]
    /// Named JSON Schemas, registered as `<pack>.<id>`.
    public var schemas: [SchemaDefinition]
    /// Tools with JSON-Schema contracts and handlers.
    public var tools: [Tool]
    /// Agent skills, each a folder with a `SKILL.md`.
    public var skills: [SkillReference]
    /// A Markdown file of instructions for agents, relative to the pack root.
    public var instructions: String?
    /// MCP servers written into agent configurations on activation.
    public var mcpServers: [MCPServer]
    /// Agent plugin specifications (`name@range`).
    public var plugins: [String]
    /// Rules that detect when a project needs this pack.
    public var detect: [DetectRule]
    /// Step and gate templates for workflows.
    public var templates: Templates
    /// Workflows made of step templates.
    public var recipes: [Recipe]
    /// Declarative routing rules.
    public var routing: [RoutingRule]
    /// The safety policy the pack proposes; the host may narrow it.
    public var safety: SafetyPolicy?
    /// Services the pack provides and requires.
    public var services: Services
    /// Hooks into the invocation pipeline.
    public var hooks: [Hook]
    /// Tasks the host runs on a schedule.
    public var background: [BackgroundTask]

    /// Creates a manifest; only identity is required, every section defaults to empty.
    public init(
        format: Int = 1, name: String, version: Version, description: String = "",
        kernel: VersionRange? = nil, tier: Tier? = nil, license: String? = nil,
        authors: [Author] = [], keywords: [String] = [], homepage: String? = nil,
        capabilities: [CapabilityRequest] = [], schemas: [SchemaDefinition] = [], tools: [Tool] = [],
        skills: [SkillReference] = [], instructions: String? = nil, mcpServers: [MCPServer] = [],
        plugins: [String] = [], detect: [DetectRule] = [], templates: Templates = Templates(),
        recipes: [Recipe] = [], routing: [RoutingRule] = [], safety: SafetyPolicy? = nil,
        services: Services = Services(), hooks: [Hook] = [], background: [BackgroundTask] = []
    ) {
        self.format = format
        self.name = name
        self.version = version
        self.description = description
        self.kernel = kernel
        self.tier = tier
        self.license = license
        self.authors = authors
        self.keywords = keywords
        self.homepage = homepage
        self.capabilities = capabilities
        self.schemas = schemas
        self.tools = tools
        self.skills = skills
        self.instructions = instructions
        self.mcpServers = mcpServers
        self.plugins = plugins
        self.detect = detect
        self.templates = templates
        self.recipes = recipes
        self.routing = routing
        self.safety = safety
        self.services = services
        self.hooks = hooks
        self.background = background
    }

    /// The pack's identity, `name@version`.
    public var identity: PackIdentity { PackIdentity(name: name, version: version) }
}

/// A pack's name and version.
public struct PackIdentity: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The pack name.
    public var name: String
    /// The pack version.
    public var version: Version

    /// Creates an identity.
    public init(name: String, version: Version) {
        self.name = name
        self.version = version
    }

    /// `name@version`.
    public var description: String { "\(name)@\(version)" }

    public static func < (lhs: PackIdentity, rhs: PackIdentity) -> Bool {
        lhs.name != rhs.name ? lhs.name < rhs.name : lhs.version < rhs.version
    }
}

/// A trust tier; a pack may claim one, the host decides.
public enum Tier: String, Sendable, Hashable, CaseIterable, Codable {
    case builtin = "built-in"
    case verified
    case community
}

/// An author of a pack.
public struct Author: Sendable, Hashable {
    /// The author's name.
    public var name: String
    /// The author's e-mail address.
    public var email: String?

    /// Creates an author.
    public init(name: String, email: String? = nil) {
        self.name = name
        self.email = email
    }

    /// Parses `"Name <email>"`.
    public init(parsing text: String) {
        if let open = text.lastIndex(of: "<"), text.hasSuffix(">") {
            name = text[..<open].trimmingCharacters(in: " ")
            email = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        } else {
            name = text.trimmingCharacters(in: " ")
            email = nil
        }
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: Character) -> String {
        var slice = Substring(self)
        while slice.first == set { slice.removeFirst() }
        while slice.last == set { slice.removeLast() }
        return String(slice)
    }
}
