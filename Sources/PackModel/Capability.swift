/// The kinds of capability a pack can request; the host grants them.
public enum CapabilityKind: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case fsRead = "fs.read"
    case fsWrite = "fs.write"
    case net
    case env
    case secret
    case exec
    case notifyModel = "notify.model"
    case notifyUser = "notify.user"
    case serviceProvide = "service.provide"
    case serviceRequire = "service.require"
    case hook
    case background

    /// Whether the capability takes a list of scopes (paths, hosts, names) rather than none.
    public var takesScopes: Bool {
        switch self {
        case .fsRead, .fsWrite, .net, .env, .secret, .exec: true
        case .notifyModel, .notifyUser, .serviceProvide, .serviceRequire, .hook, .background: false
        }
    }

    /// What a scope of this capability looks like, for messages.
    public var scopeDescription: String {
        switch self {
        case .fsRead, .fsWrite: "path globs such as '${project}/models/**'"
        case .net: "'host:port' patterns such as '*.example.com:443'"
        case .env, .secret: "variable names such as 'API_TOKEN'"
        case .exec: "command names such as 'git'"
        default: "no scopes"
        }
    }

    public static func < (lhs: CapabilityKind, rhs: CapabilityKind) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// One capability a pack requests, with its scopes and the reason shown to the user.
public struct CapabilityRequest: Sendable, Hashable {
    /// The capability.
    public var kind: CapabilityKind
    /// Paths, hosts, names or commands the request is limited to; empty for scope-less kinds.
    public var scopes: [String]
    /// Why the pack needs it, shown at consent time.
    public var reason: String?

    /// Creates a request.
    public init(kind: CapabilityKind, scopes: [String] = [], reason: String? = nil) {
        self.kind = kind
        self.scopes = scopes
        self.reason = reason
    }
}
