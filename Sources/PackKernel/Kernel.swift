public import PackBasics
public import PackLoading
public import PackModel
public import PackRuntime

/// The kernel: loads packs, applies the host policy, and keeps the current ``Catalog``.
///
/// It knows no domain and never runs pack code while loading. Every change (adding packs,
/// unloading one) builds a new immutable catalog from the remaining inputs, so unloading leaves
/// no residue. Callers take the catalog snapshot and run tools outside the actor.
///
/// ```swift
/// let kernel = Kernel(policy: policy)
/// let catalog = await kernel.load(directories: ["examples/packs"])
/// ```
public actor Kernel {
    /// The host policy.
    public let policy: HostPolicy
    private let fileSystem: any FileSystem
    private let quiverVersion: Version
    private var inputs: [PackInput] = []
    private var hostHandlers: [String: BuiltinHandler] = [:]
    private let schemaCache = SchemaCache()
    /// The current catalog.
    public private(set) var catalog: Catalog = .empty

    /// Creates a kernel.
    public init(policy: HostPolicy = .default, quiverVersion: Version = QuiverVersion.current,
                fileSystem: any FileSystem = LocalFileSystem()) {
        self.policy = policy
        self.quiverVersion = quiverVersion
        self.fileSystem = fileSystem
    }

    /// Registers a handler for `builtin` tools named `name` in any pack.
    public func register(builtin name: String, handler: @escaping BuiltinHandler) {
        hostHandlers[name] = handler
        rebuild()
    }

    /// The handler registered for a `builtin` tool, from the host or from a built-in pack.
    public func builtinHandler(named name: String, pack: String) -> BuiltinHandler? {
        if let definition = inputs.first(where: { $0.origin == .builtin && $0.manifest?.name == pack }),
           let handler = definition.builtinHandlers[name] {
            return handler
        }
        return hostHandlers[name]
    }

    /// An invoker over the current catalog, with the builtin handlers of the host and of built-in packs.
    ///
    /// Take it, then call tools outside the actor.
    public func makeInvoker(recorder: (any InvocationRecorder)? = nil, wasm: WasmRunner = Invoker.sharedWasmRunner,
                            context: HostContext = .current()) -> Invoker {
        var builtins = hostHandlers
        for input in inputs where input.origin == .builtin {
            guard let name = input.manifest?.name else { continue }
            for (handler, closure) in input.builtinHandlers { builtins["\(name)/\(handler)"] = closure }
        }
        return Invoker(catalog: catalog, builtins: builtins, recorder: recorder, wasm: wasm, context: context)
    }

    /// Loads every pack found at or under the directories, and returns the new catalog.
    @discardableResult
    public func load(directories: [String]) async -> Catalog {
        let discovery = PackDiscovery(fileSystem: fileSystem)
        let roots = directories.flatMap { discovery.packs(under: $0) }
        let results = await PackLoader(fileSystem: fileSystem).loadAll(roots)
        inputs += results.map { PackInput(loaded: $0, fileSystem: fileSystem) }
        rebuild()
        return catalog
    }

    /// Adds a pack defined in Swift; it goes through the same checks as packs on disk.
    @discardableResult
    public func add(_ definition: PackDefinition) -> Catalog {
        inputs.append(definition.input())
        rebuild()
        return catalog
    }

    /// Adds packs already loaded (or defined), and returns the new catalog.
    @discardableResult
    public func add(inputs more: [PackInput]) -> Catalog {
        inputs += more
        rebuild()
        return catalog
    }

    /// Removes every version of a pack (or one version), and returns the new catalog.
    @discardableResult
    public func unload(name: String, version: Version? = nil) -> Catalog {
        inputs.removeAll { input in
            guard let manifest = input.manifest, manifest.name == name else { return false }
            return version == nil || manifest.version == version
        }
        rebuild()
        return catalog
    }

    private func rebuild() {
        var builder = CatalogBuilder(policy: policy, quiverVersion: quiverVersion, hostHandlers: Set(hostHandlers.keys),
                                     schemaCache: schemaCache)
        for input in inputs { builder.add(input) }
        catalog = builder.build()
    }
}
