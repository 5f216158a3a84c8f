public import PackBasics
public import PackJSON
public import PackModel
import PackGraph
import PackLoading
import PackSchema

/// Builds an immutable ``Catalog`` from packs and a host policy.
///
/// Loading is all-or-nothing per pack: a pack with any error contributes nothing and its report
/// says why; the other packs load. The result depends only on the packs and the policy, not on
/// the order packs were added: inputs are sorted by identity before anything is decided.
///
/// ```swift
/// var builder = CatalogBuilder(policy: policy)
/// for input in inputs { builder.add(input) }
/// let catalog = builder.build()
/// ```
public struct CatalogBuilder {
    /// The host policy.
    public let policy: HostPolicy
    /// The Quiver version packs' `kernel` ranges are checked against.
    public let quiverVersion: Version
    /// Handlers the host registers for `builtin` tools of any pack (name → closure).
    public var hostHandlers: Set<String>
    /// Compiled contracts shared across builds (a fresh cache per builder by default).
    public let schemaCache: SchemaCache
    private var inputs: [PackInput] = []

    /// Creates a builder.
    public init(policy: HostPolicy, quiverVersion: Version = QuiverVersion.current, hostHandlers: Set<String> = [],
                schemaCache: SchemaCache = SchemaCache()) {
        self.policy = policy
        self.quiverVersion = quiverVersion
        self.hostHandlers = hostHandlers
        self.schemaCache = schemaCache
    }

    /// Offers a pack.
    public mutating func add(_ input: PackInput) {
        inputs.append(input)
    }

    /// Builds the catalog.
    public func build() -> Catalog {
        var state = BuildState(policy: policy, schemaCache: schemaCache)
        // Sort indices by precomputed keys: comparing the inputs themselves would copy them.
        let keys = inputs.map { input in (input.manifest?.identity, input.origin.description) }
        let sorted = inputs.indices.sorted { lhs, rhs in
            switch (keys[lhs].0, keys[rhs].0) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return false
            case (_?, nil): return true
            default: return keys[lhs].1 < keys[rhs].1
            }
        }.map { inputs[$0] }

        // 1. Refuse packs with errors, incompatible kernels and duplicate identities.
        var candidates: [(PackInput, Manifest)] = []
        var seen = Set<PackIdentity>()
        for input in sorted {
            let tier = input.manifest.map { policy.tier(of: $0.name, builtin: input.origin == .builtin) } ?? .community
            guard let manifest = input.manifest, !input.diagnostics.containsErrors else {
                state.refuse(input, tier: tier, extra: [])
                continue
            }
            if let range = manifest.kernel, !range.contains(quiverVersion) {
                state.refuse(input, tier: tier, extra: [.error(KernelMessages.incompatible(manifest, range: range, version: quiverVersion))])
                continue
            }
            if !seen.insert(manifest.identity).inserted {
                state.refuse(input, tier: tier, extra: [.error(KernelMessages.duplicateIdentity(manifest, origin: input.origin))])
                continue
            }
            candidates.append((input, manifest))
        }

        // 2. Grants.
        var grants: [PackIdentity: Grants] = [:]
        for (input, manifest) in candidates {
            let tier = policy.tier(of: manifest.name, builtin: input.origin == .builtin)
            grants[manifest.identity] = Grants(requests: manifest.capabilities, pack: manifest.name, tier: tier, policy: policy)
        }

        // 3. Services over every candidate, providers before consumers (default versions take part).
        let defaults = Self.defaultVersions(candidates.map(\.1))
        let participants = candidates.compactMap { _, manifest -> ServiceParticipant? in
            guard defaults.contains(manifest.identity), let grant = grants[manifest.identity] else { return nil }
            return ServiceParticipant(
                pack: manifest.name,
                provides: grant.isGranted(.serviceProvide) ? manifest.services.provides : [],
                requires: manifest.services.requires)
        }
        let resolution = ServiceResolution.resolve(participants, pinnedProviders: policy.pinnedProviders)

        // 4. Named schemas of every default version first, so cross-pack references resolve in any order.
        for (input, manifest) in candidates where defaults.contains(manifest.identity) {
            if case .skipped? = resolution.status[manifest.name] { continue }
            state.registerSchemas(of: manifest, files: input.schemaFiles)
        }

        // 5. Contributions of every pack that survives.
        for (input, manifest) in candidates {
            let identity = manifest.identity
            let isDefault = defaults.contains(identity)
            var serviceDiagnostics: [Diagnostic] = []
            var degraded = false
            if isDefault {
                serviceDiagnostics = resolution.diagnostics[manifest.name] ?? []
                switch resolution.status[manifest.name] {
                case .skipped(let reasons)?:
                    state.refuse(input, tier: policy.tier(of: manifest.name, builtin: input.origin == .builtin),
                                 extra: serviceDiagnostics.isEmpty ? reasons.map { .error($0) } : serviceDiagnostics,
                                 decisions: grants[identity]?.decisions ?? [])
                    continue
                case .degraded?:
                    degraded = true
                default:
                    break
                }
            }
            state.install(input, manifest: manifest, grants: grants[identity] ?? Grants(requests: [], pack: manifest.name, tier: .community, policy: policy),
                          isDefault: isDefault, degraded: degraded, extraDiagnostics: serviceDiagnostics, hostHandlers: hostHandlers)
        }
        state.services = resolution.providers
        state.finish()
        return state.catalog()
    }

    /// For each pack name, the newest stable version (or the newest prerelease when there is no stable one).
    static func defaultVersions(_ manifests: [Manifest]) -> Set<PackIdentity> {
        let byName = Dictionary(grouping: manifests.map(\.identity), by: \.name)
        return Set(byName.values.compactMap { Catalog.preferredRelease($0, version: \.version) })
    }
}
