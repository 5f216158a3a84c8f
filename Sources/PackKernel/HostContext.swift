import Foundation
public import PackModel
import PackRuntime
import Synchronization

/// What the host lends to handlers: the project they work on, the environment granted `env`
/// names are read from, and the values of secrets.
///
/// A handler never sees more of this than its pack's grants allow: `fs.*` scopes under
/// `${project}` are resolved against ``projectRoot``, `env` names are read from ``environment``,
/// and `secret` names from ``secrets``.
public struct HostContext: Sendable {
    /// The directory `${project}` stands for. (Default: the current directory)
    public var projectRoot: String
    /// The directory `${home}` stands for, when there is one.
    public var homeDirectory: String?
    /// The host environment; only granted names are passed on.
    public var environment: [String: String]
    /// Secret values by name; only granted names are passed on, and never logged.
    public var secrets: [String: String]

    /// Creates a context.
    public init(projectRoot: String = FileManager.default.currentDirectoryPath, homeDirectory: String? = nil,
                environment: [String: String] = [:], secrets: [String: String] = [:]) {
        self.projectRoot = projectRoot
        self.homeDirectory = homeDirectory
        self.environment = environment
        self.secrets = secrets
    }

    /// The prefix of environment variables that carry secrets: `QUIVER_SECRET_API_TOKEN` is the
    /// secret `API_TOKEN`.
    public static let secretPrefix = "QUIVER_SECRET_"

    /// The context of this process: the current directory, `$HOME`, the environment, and secrets
    /// from `QUIVER_SECRET_<NAME>` variables.
    public static func current(projectRoot: String? = nil) -> HostContext {
        let environment = ProcessInfo.processInfo.environment
        var secrets: [String: String] = [:]
        for (key, value) in environment where key.hasPrefix(secretPrefix) && key.count > secretPrefix.count {
            secrets[String(key.dropFirst(secretPrefix.count))] = value
        }
        return HostContext(projectRoot: projectRoot ?? FileManager.default.currentDirectoryPath,
                           homeDirectory: environment["HOME"], environment: environment.filter { !$0.key.hasPrefix(secretPrefix) },
                           secrets: secrets)
    }
}

/// A granted `fs.*` scope resolved to a host path: the longest literal prefix of the scope, so
/// `${project}/models/**` is the directory `<project>/models`.
struct ResolvedFileScope: Hashable {
    /// The absolute host path.
    var hostPath: String
    /// Where a WebAssembly guest sees it: `/project/models` for `${project}/models/**`.
    var guestPath: String
    /// Whether the scope names exactly this path (no glob), so it may be a single file.
    var isExact: Bool

    static let roots = ["${project}": "/project", "${pack}": "/pack", "${home}": "/home", "${tmp}": "/tmp"]

    /// Resolves `scope`, or `nil` when its root is unknown here (a built-in pack's `${pack}`, no home).
    init?(_ scope: String, packRoot: String?, context: HostContext, temporaryDirectory: String?) {
        guard let root = Self.roots.keys.first(where: { scope == $0 || scope.hasPrefix($0 + "/") }),
              let guestRoot = Self.roots[root] else { return nil }
        let hostRoot: String?
        switch root {
        case "${project}": hostRoot = context.projectRoot
        case "${pack}": hostRoot = packRoot
        case "${home}": hostRoot = context.homeDirectory
        default: hostRoot = temporaryDirectory
        }
        guard let hostRoot else { return nil }
        let components = scope.dropFirst(root.count).split(separator: "/").map(String.init)
        let literal = components.prefix { component in !component.contains { "*?[{".contains($0) } }
        guard !literal.contains("..") else { return nil }
        let suffix = literal.joined(separator: "/")
        hostPath = suffix.isEmpty ? hostRoot : hostRoot + "/" + suffix
        guestPath = suffix.isEmpty ? guestRoot : guestRoot + "/" + suffix
        isExact = literal.count == components.count
    }
}

extension CatalogTool {
    /// The file scopes granted to this tool's pack, resolved, writable ones first.
    func resolvedFileScopes(context: HostContext, temporaryDirectory: String?) -> [(ResolvedFileScope, readOnly: Bool)] {
        var seen: [String: Bool] = [:]
        var result: [(ResolvedFileScope, readOnly: Bool)] = []
        for (kind, readOnly) in [(CapabilityKind.fsWrite, false), (.fsRead, true)] {
            for scope in grants.grantedScopes(of: kind) {
                guard let resolved = ResolvedFileScope(scope, packRoot: packRoot, context: context,
                                                       temporaryDirectory: temporaryDirectory),
                      seen[resolved.hostPath] == nil else { continue }
                seen[resolved.hostPath] = readOnly
                result.append((resolved, readOnly))
            }
        }
        return result
    }

    /// The WebAssembly sandbox of this tool: exactly its pack's grants.
    ///
    /// `fs.*` scopes become preopened directories (read-only unless `fs.write` covers them);
    /// scopes naming a single file cannot be preopened (WASI preopens are directories) and are
    /// left out, as are directories that do not exist. `env` names come from the host
    /// environment, `secret` names from the host's secrets, `net` scopes become allowed hosts.
    func wasmSandbox(context: HostContext, temporaryDirectory: String?, keyValues: KeyValueSpace? = nil) -> SandboxPolicy {
        var sandbox = SandboxPolicy(keyValues: keyValues)
        for (scope, readOnly) in resolvedFileScopes(context: context, temporaryDirectory: temporaryDirectory) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: scope.hostPath, isDirectory: &isDirectory), isDirectory.boolValue else {
                continue
            }
            sandbox.directories.append(.init(hostPath: scope.hostPath, guestPath: scope.guestPath, readOnly: readOnly))
        }
        for name in grants.grantedScopes(of: .env) { sandbox.environment[name] = context.environment[name] }
        for name in grants.grantedScopes(of: .secret) { sandbox.secrets[name] = context.secrets[name] }
        sandbox.allowedHosts = grants.grantedScopes(of: .net).compactMap(HostPattern.init)
        return sandbox
    }

    /// The bubblewrap profile of this tool's process handler: granted `fs.*` paths bound at
    /// their own path, and the network only with a `net` grant.
    func processSandbox(context: HostContext) -> ProcessSandbox {
        var sandbox = ProcessSandbox()
        for (scope, readOnly) in resolvedFileScopes(context: context, temporaryDirectory: nil) {
            sandbox.binds.append((scope.hostPath, readOnly))
        }
        sandbox.network = grants.isGranted(.net)
        return sandbox
    }
}

/// Compiled WebAssembly modules of one catalog, by file: each module file is read, hashed and
/// validated once, then every call instantiates it afresh.
final class WasmModuleTable: Sendable {
    private let modules = Mutex<[String: WasmModule]>([:])

    func module(at path: String, sha256: String?, runner: WasmRunner) async throws(HandlerFailure) -> WasmModule {
        if let module = modules.withLock({ $0[path] }) { return module }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HandlerFailure(.invalidModule("cannot read the module '\(path)'; check the handler's 'module' path"))
        }
        guard data.count <= WasmModuleCache.maximumModuleBytes else {
            throw HandlerFailure(.invalidModule("the module '\(path)' is \(data.count) bytes, over the limit of \(WasmModuleCache.maximumModuleBytes)"))
        }
        let module = try await runner.cache.module(for: [UInt8](data), expectedSHA256: sha256)
        modules.withLock { $0[path] = module }
        return module
    }
}

/// The key-value spaces of packs, by pack name, for the `quiver.kv_*` imports: each pack gets its
/// own, created on first use, kept in memory for the life of this object (``shared`` lives as
/// long as the process, across catalog reloads).
public final class KeyValueSpaces: Sendable {
    private let spaces = Mutex<[String: KeyValueSpace]>([:])

    /// The spaces invokers share unless given others.
    public static let shared = KeyValueSpaces()

    /// Creates an empty set of spaces.
    public init() {}

    /// The space of `pack`.
    public func space(for pack: String) -> KeyValueSpace {
        spaces.withLock { spaces in
            if let space = spaces[pack] { return space }
            let space = KeyValueSpace()
            spaces[pack] = space
            return space
        }
    }
}
