/// A skill the pack ships: a folder with a `SKILL.md` (Agent Skills layout).
public struct SkillReference: Sendable, Hashable {
    /// When an agent gets the skill.
    public enum Activation: String, Sendable, Hashable, CaseIterable {
        /// Always activated with the pack.
        case always
        /// Activated when a detect rule matches the project.
        case detect
        /// Activated only when the user asks.
        case manual
    }

    /// The skill folder relative to the pack root, such as `skills/dbt-conventions`.
    public var path: String
    /// When it is activated.
    public var activation: Activation

    /// Creates a skill reference.
    public init(path: String, activation: Activation = .always) {
        self.path = path
        self.activation = activation
    }

    /// The skill name: the folder's last component.
    public var name: String {
        // The last non-empty component, found without splitting the whole path.
        let bytes = path.utf8
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == UInt8(ascii: "/") { end = bytes.index(before: end) }
        guard end > bytes.startIndex else { return path }
        let start = bytes[..<end].lastIndex(of: UInt8(ascii: "/")).map { bytes.index(after: $0) } ?? bytes.startIndex
        return String(path[start..<end])
    }
}

/// An MCP server that activation writes into an agent's configuration.
public struct MCPServer: Sendable, Hashable {
    /// How the agent reaches the server.
    public enum Transport: Sendable, Hashable {
        /// A local command speaking MCP over stdio.
        case stdio(command: String, arguments: [String], environment: [String: String])
        /// A remote server over Streamable HTTP.
        case http(url: String, headers: [String: String])
    }

    /// The server name, unique in the pack.
    public var name: String
    /// How it is reached.
    public var transport: Transport

    /// Creates an MCP server definition.
    public init(name: String, transport: Transport) {
        self.name = name
        self.transport = transport
    }
}

/// A rule that tells whether a project needs the pack.
public struct DetectRule: Sendable, Hashable {
    /// Globs, relative to the project root; the rule matches when any file matches one of them.
    public var files: [String]
    /// What to tell the user when it matches.
    public var message: String?

    /// Creates a detect rule.
    public init(files: [String], message: String? = nil) {
        self.files = files
        self.message = message
    }
}
