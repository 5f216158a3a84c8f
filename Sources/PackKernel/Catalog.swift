public import PackBasics
public import PackJSON
public import PackModel
public import PackSchema

/// A tool as the catalog offers it: its contract compiled, its handler, its limits.
public struct CatalogTool: Sendable {
    /// The tool ID, `pack/tool`.
    public var id: String
    /// The owning pack.
    public var pack: PackIdentity
    /// The tool as declared.
    public var tool: Tool
    /// The name models see (`echo`, or `pack__echo` when qualified).
    public var exposedName: String?
    /// The input schema, resolved.
    public var inputSchema: JSONValue
    /// The output schema, resolved, when the tool declares one.
    public var outputSchema: JSONValue?
    /// The compiled input validator.
    public var inputValidator: JSONSchemaValidator
    /// The compiled output validator.
    public var outputValidator: JSONSchemaValidator?
    /// Where the pack lives on disk, for handlers that read files (`nil` for built-in packs).
    public var packRoot: String?
    /// The capabilities granted to the pack, which become the handler's sandbox.
    public var grants: Grants
}

/// One pack in the catalog.
public struct CatalogPack: Sendable {
    /// The manifest.
    public var manifest: Manifest
    /// The tier the host gave it.
    public var tier: Tier
    /// Where it lives on disk (`nil` for built-in packs).
    public var root: String?
    /// The capabilities granted.
    public var grants: Grants
    /// The effective safety policy: the pack's proposal narrowed by the host's.
    public var safety: SafetyPolicy?
    /// Whether this is the newest stable version of its name (the one models see by default).
    public var isDefaultVersion: Bool
}

/// A hook in pipeline order.
public struct CatalogHook: Sendable, Hashable {
    /// The owning pack.
    public var pack: String
    /// The hook.
    public var hook: Hook
    /// The tool that implements it, `pack/tool`.
    public var toolID: String
}

/// What a running kernel offers: an immutable, `Sendable` snapshot shared by the CLI, the server
/// and the runtime. Build one with ``CatalogBuilder``; never mutate one in place.
public struct Catalog: Sendable {
    /// Installed packs by identity, sorted.
    public let packs: [CatalogPack]
    /// Every installed tool by ID (`pack/tool` for default versions, `pack@version/tool` for all).
    public let tools: [String: CatalogTool]
    /// Model-visible names of the default versions' tools → tool IDs.
    public let exposedTools: [String: String]
    /// Named schemas, by namespaced ID (`pack.id`).
    public let schemas: [String: JSONValue]
    /// Providers of services: service ID → pack name.
    public let services: [String: String]
    /// Hooks in the order they run: host hooks first, then packs' hooks by pack name, then declaration order.
    public let hooks: [CatalogHook]
    /// Background tasks, `pack/name` → task.
    public let backgroundTasks: [String: BackgroundTask]
    /// One report per pack offered to the builder, installed or not, sorted by pack.
    public let reports: [InstallReport]
    /// Host-level diagnostics (collisions, conflicts).
    public let diagnostics: [Diagnostic]
    /// Extra state computed by other modules (graphs, merged routing), as JSON for the dump.
    public let extensions: JSONObject

    init(packs: [CatalogPack], tools: [String: CatalogTool], exposedTools: [String: String], schemas: [String: JSONValue],
         services: [String: String], hooks: [CatalogHook], backgroundTasks: [String: BackgroundTask], reports: [InstallReport],
         diagnostics: [Diagnostic], extensions: JSONObject) {
        self.packs = packs
        self.tools = tools
        self.exposedTools = exposedTools
        self.schemas = schemas
        self.services = services
        self.hooks = hooks
        self.backgroundTasks = backgroundTasks
        self.reports = reports
        self.diagnostics = diagnostics
        self.extensions = extensions
    }

    /// An empty catalog.
    public static let empty = Catalog(packs: [], tools: [:], exposedTools: [:], schemas: [:], services: [:], hooks: [],
                                      backgroundTasks: [:], reports: [], diagnostics: [], extensions: [:])

    /// The tool a model-visible name or a tool ID refers to.
    public func tool(named name: String) -> CatalogTool? {
        if let id = exposedTools[name] { return tools[id] }
        return tools[name]
    }

    /// The release a pack name resolves to among `candidates`: the newest stable version, or the
    /// newest pre-release when there is no stable one. The catalog's default versions and the
    /// REST API's version lines follow this one rule.
    public static func preferredRelease<Candidate>(_ candidates: some Sequence<Candidate>,
                                                   version: (Candidate) -> Version) -> Candidate? {
        var best: Candidate?
        for candidate in candidates {
            guard let current = best else {
                best = candidate
                continue
            }
            let currentStable = !version(current).isPrerelease, candidateStable = !version(candidate).isPrerelease
            if (candidateStable && !currentStable) || (candidateStable == currentStable && version(candidate) > version(current)) {
                best = candidate
            }
        }
        return best
    }

    /// The report of a pack by name (newest version first when several are offered).
    public func report(for name: String) -> InstallReport? {
        reports.last { $0.pack == name || $0.pack.hasPrefix(name + "@") }
    }
}
