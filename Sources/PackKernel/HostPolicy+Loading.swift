public import PackBasics
import PackJSON
import PackLoading
public import PackModel

extension HostPolicy {
    /// Reads a policy file (YAML, format 1).
    ///
    /// ```yaml
    /// format: 1
    /// tools: { naming: short }            # or qualified
    /// tiers: { verified: ["acme-*"] }     # packs the host trusts as verified
    /// grants:
    ///   - match: { packs: ["echo-*"], tier: community }
    ///     allow:
    ///       - net: ["api.example.org:443"]
    ///       - exec: [python3]
    ///       - hook
    ///   - match: { tier: built-in }
    ///     allow: all
    /// services: { pin: { dbt.lineage.v1: dbt-snowflake } }
    /// safety: { network: deny, write_paths: ["${project}/out/**"] }
    /// ```
    /// - Returns: The policy and every problem found; with any error, the caller must not use the policy.
    public static func load(from path: String, fileSystem: any FileSystem = LocalFileSystem()) -> (HostPolicy, [Diagnostic]) {
        let file = Path.lastComponent(path)
        let bytes: [UInt8]
        do {
            bytes = try fileSystem.readFile(at: path, limit: DocumentLimits.default.maxBytes)
        } catch {
            return (.default, [.error(error.message, at: SourceLocation(file: path))])
        }
        let document: JSONValue
        do {
            (document, _) = try ManifestDocument.parse(bytes, format: .yaml)
        } catch {
            return (.default, [.error(error.message, at: SourceLocation(file: path, line: error.line, column: error.column))])
        }
        var reader = PolicyReader(file: path)
        let policy = reader.read(document)
        _ = file
        return (policy, reader.diagnostics)
    }
}

/// Decodes the policy document, collecting diagnostics with JSON pointers.
struct PolicyReader {
    let file: String
    var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    mutating func error(_ message: String, at pointer: String) {
        diagnostics.append(.error(message, at: SourceLocation(file: file, pointer: pointer)))
    }

    mutating func read(_ document: JSONValue) -> HostPolicy {
        var policy = HostPolicy()
        guard case .object(let top) = document else {
            error("a host policy must be a mapping with 'format: 1' and 'grants'", at: "")
            return policy
        }
        let known = ["format", "tools", "tiers", "grants", "services", "safety"]
        for key in top.keys where !known.contains(key) {
            error("unknown key '\(key)' in the host policy; expected one of " + known.map { "'\($0)'" }.joined(separator: ", "), at: "/\(key)")
        }
        if top["format"] != .number(JSONNumber(1)) {
            error("the host policy must say 'format: 1'", at: "/format")
        }
        if let tools = top["tools"] {
            switch tools["naming"] {
            case .string(let text)?:
                if let naming = HostPolicy.ToolNaming(rawValue: text) {
                    policy.toolNaming = naming
                } else {
                    error("tool naming '\(text)' is not known; use 'short' or 'qualified'", at: "/tools/naming")
                }
            case nil: break
            default: error("'tools.naming' must be 'short' or 'qualified'", at: "/tools/naming")
            }
        }
        if let tiers = top["tiers"] {
            policy.verifiedPacks = globs(tiers["verified"], at: "/tiers/verified") ?? []
        }
        if let grants = top["grants"] {
            guard case .array(let items) = grants else {
                error("'grants' must be a list of rules with 'match' and 'allow'", at: "/grants")
                return policy
            }
            for (index, item) in items.enumerated() {
                if let rule = grantRule(item, at: "/grants/\(index)") { policy.grants.append(rule) }
            }
        }
        if let services = top["services"] {
            if case .object(let pins)? = services["pin"] {
                for (id, pack) in pins {
                    guard case .string(let name) = pack else {
                        error("the pinned provider of '\(id)' must be a pack name", at: "/services/pin/\(id)")
                        continue
                    }
                    policy.pinnedProviders[id] = name
                }
            } else if services["pin"] != nil {
                error("'services.pin' must map service IDs to pack names", at: "/services/pin")
            }
        }
        if let safety = top["safety"] {
            policy.safety = safetyPolicy(safety)
        }
        return policy
    }

    private mutating func globs(_ value: JSONValue?, at pointer: String) -> [String]? {
        guard let value else { return nil }
        guard case .array(let items) = value else {
            error("expected a list of pack-name globs such as [\"acme-*\"]", at: pointer)
            return nil
        }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else {
                error("expected a pack-name glob", at: "\(pointer)/\(index)")
                continue
            }
            do {
                _ = try Glob(text)
                result.append(text)
            } catch {
                self.error("\(error)", at: "\(pointer)/\(index)")
            }
        }
        return result
    }

    private mutating func grantRule(_ value: JSONValue, at pointer: String) -> HostPolicy.GrantRule? {
        guard case .object(let object) = value else {
            error("a grant rule must be a mapping with 'match' and 'allow'", at: pointer)
            return nil
        }
        for key in object.keys where key != "match" && key != "allow" {
            error("unknown key '\(key)' in a grant rule; use 'match' and 'allow'", at: "\(pointer)/\(key)")
        }
        var rule = HostPolicy.GrantRule()
        if let match = object["match"] {
            guard case .object(let criteria) = match else {
                error("'match' must be a mapping with 'packs' and/or 'tier'", at: "\(pointer)/match")
                return nil
            }
            for key in criteria.keys where key != "packs" && key != "tier" {
                error("unknown key '\(key)' in 'match'; use 'packs' and 'tier'", at: "\(pointer)/match/\(key)")
            }
            rule.packs = globs(criteria["packs"], at: "\(pointer)/match/packs")
            if case .string(let text)? = criteria["tier"] {
                guard let tier = Tier(rawValue: text) else {
                    error("tier '\(text)' is not known; use 'built-in', 'verified' or 'community'", at: "\(pointer)/match/tier")
                    return nil
                }
                rule.tier = tier
            }
        }
        switch object["allow"] {
        case .string("all")?:
            rule.allowsAll = true
        case .array(let entries)?:
            for (index, entry) in entries.enumerated() {
                if let request = capability(entry, at: "\(pointer)/allow/\(index)") { rule.allow.append(request) }
            }
        default:
            error("'allow' must be 'all' or a list of capabilities such as '- net: [\"api.example.org:443\"]'", at: "\(pointer)/allow")
            return nil
        }
        return rule
    }

    private mutating func capability(_ value: JSONValue, at pointer: String) -> CapabilityRequest? {
        let kinds = CapabilityKind.allCases.map(\.rawValue).joined(separator: ", ")
        switch value {
        case .string(let name):
            guard let kind = CapabilityKind(rawValue: name) else {
                error("unknown capability '\(name)'; use one of \(kinds)", at: pointer)
                return nil
            }
            return CapabilityRequest(kind: kind, scopes: kind.takesScopes ? ["*"] : [])
        case .object(let object) where object.count == 1:
            let (name, scopes) = (object.keys[0], object.values[0])
            guard let kind = CapabilityKind(rawValue: name) else {
                error("unknown capability '\(name)'; use one of \(kinds)", at: pointer)
                return nil
            }
            switch scopes {
            case .array(let items):
                let list = items.compactMap(\.stringValue)
                if list.count != items.count { error("scopes of '\(name)' must be strings", at: "\(pointer)/\(name)") }
                return CapabilityRequest(kind: kind, scopes: list)
            case .string(let single):
                return CapabilityRequest(kind: kind, scopes: [single])
            case .bool(true):
                return CapabilityRequest(kind: kind, scopes: kind.takesScopes ? ["*"] : [])
            default:
                error("scopes of '\(name)' must be a list of patterns", at: "\(pointer)/\(name)")
                return nil
            }
        default:
            error("a granted capability is a name ('hook') or one 'kind: [patterns]' entry", at: pointer)
            return nil
        }
    }

    private mutating func safetyPolicy(_ value: JSONValue) -> SafetyPolicy? {
        guard case .object(let object) = value else {
            error("'safety' must be a mapping", at: "/safety")
            return nil
        }
        var policy = SafetyPolicy()
        for key in object.keys where !["write_paths", "tools", "commands", "network"].contains(key) {
            error("unknown key '\(key)' in 'safety'; use 'write_paths', 'tools', 'commands' or 'network'", at: "/safety/\(key)")
        }
        policy.writePaths = object["write_paths"]?.arrayValue?.compactMap(\.stringValue)
        policy.tools = object["tools"]?.arrayValue?.compactMap(\.stringValue)
        policy.commands = object["commands"]?.arrayValue?.compactMap(\.stringValue)
        switch object["network"] {
        case .string("allow")?: policy.network = .allow
        case .string("deny")?: policy.network = .deny
        case .array(let hosts)?: policy.network = .hosts(hosts.compactMap(\.stringValue))
        case nil: break
        default: error("'safety.network' must be 'allow', 'deny' or a list of 'host:port' patterns", at: "/safety/network")
        }
        return policy
    }
}
