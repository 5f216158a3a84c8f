public import PackBasics
public import PackModel
import PackGraph

/// What the host decided about one capability request.
public struct CapabilityDecision: Sendable, Hashable {
    /// The request as the pack made it.
    public var request: CapabilityRequest
    /// The scopes granted (all of them, some, or none); scope-less kinds are granted with no scopes.
    public var grantedScopes: [String]
    /// Whether anything was granted.
    public var isGranted: Bool
    /// Scopes that were asked for and not granted.
    public var deniedScopes: [String]

    /// Why part or all of the request was denied, for reports.
    public var denialReason: String? {
        if !isGranted {
            return "no grant rule of the host policy allows '\(request.kind.rawValue)'"
                + (request.scopes.isEmpty ? "" : " for " + request.scopes.map { "'\($0)'" }.joined(separator: ", "))
        }
        if !deniedScopes.isEmpty {
            return "scopes " + deniedScopes.map { "'\($0)'" }.joined(separator: ", ") + " of '\(request.kind.rawValue)' are not granted"
        }
        return nil
    }
}

/// The host's decisions about every capability a pack requests.
public struct Grants: Sendable, Hashable {
    /// One decision per request, in request order.
    public var decisions: [CapabilityDecision]

    /// Evaluates a pack's requests against the policy: deny by default; a scope is granted when a
    /// granted pattern of the same kind matches it (as a glob over the scope text) or equals it.
    public init(requests: [CapabilityRequest], pack name: String, tier: Tier, policy: HostPolicy) {
        let rules = policy.grants.filter { $0.applies(to: name, tier: tier) }
        decisions = requests.map { request in
            if rules.contains(where: \.allowsAll) {
                return CapabilityDecision(request: request, grantedScopes: request.scopes, isGranted: true, deniedScopes: [])
            }
            let allowed = rules.flatMap(\.allow).filter { $0.kind == request.kind }
            guard !allowed.isEmpty else {
                return CapabilityDecision(request: request, grantedScopes: [], isGranted: false, deniedScopes: request.scopes)
            }
            if !request.kind.takesScopes {
                return CapabilityDecision(request: request, grantedScopes: [], isGranted: true, deniedScopes: [])
            }
            let patterns = allowed.flatMap(\.scopes)
            var granted: [String] = []
            var denied: [String] = []
            for scope in request.scopes {
                let covered = patterns.contains { pattern in Self.pattern(pattern, covers: scope, kind: request.kind) }
                if covered { granted.append(scope) } else { denied.append(scope) }
            }
            return CapabilityDecision(request: request, grantedScopes: granted, isGranted: !granted.isEmpty, deniedScopes: denied)
        }
    }

    /// Whether a granted pattern covers a requested scope: every path or host the scope can name is
    /// one the pattern names too (so `${project}/*` does not cover `${project}/**`).
    static func pattern(_ pattern: String, covers scope: String, kind: CapabilityKind) -> Bool {
        if pattern == scope || pattern == "*" { return true }
        switch kind {
        case .fsRead, .fsWrite: return ScopeCoverage.pathPattern(pattern, covers: scope)
        case .net: return ScopeCoverage.hostPattern(pattern, covers: scope)
        default: return false
        }
    }

    /// Whether `kind` is granted (for scoped kinds: at least one scope).
    public func isGranted(_ kind: CapabilityKind) -> Bool {
        decisions.contains { $0.request.kind == kind && $0.isGranted }
    }

    /// Whether `kind` is granted with a scope equal to `scope` (or, for commands, its last path component).
    public func isGranted(_ kind: CapabilityKind, scope: String) -> Bool {
        let name = Path.lastComponent(scope)
        return decisions.contains { decision in
            decision.request.kind == kind && decision.grantedScopes.contains { $0 == scope || $0 == name }
        }
    }

    /// Every granted scope of `kind`.
    public func grantedScopes(of kind: CapabilityKind) -> [String] {
        decisions.filter { $0.request.kind == kind }.flatMap(\.grantedScopes)
    }
}
