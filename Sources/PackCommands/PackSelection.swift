import ArgumentParser
import PackBasics
import PackKernel
import PackMCP

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where commands find packs and the host policy; shared by `status`, `catalog` and the servers.
///
/// Packs: every `--packs DIR` (a pack, or a directory of packs); otherwise `QUIVER_PACKS`
/// (colon-separated); otherwise the store (`$QUIVER_HOME/store`) when it exists; otherwise
/// `examples/packs` under the current directory. Policy: `--policy FILE`, otherwise
/// `$QUIVER_HOME/policy.yaml` when it exists, otherwise the embedded default (deny everything to
/// packs from disk).
struct PackSelection: ParsableArguments {
    @Option(name: .customLong("packs"), help: "A pack directory or a directory of packs (repeatable).")
    var directories: [String] = []

    @Option(help: "A host policy file. (Default: $QUIVER_HOME/policy.yaml when it exists, else deny everything)")
    var policy: String?

    @Option(help: "The project directory that ${project} in grants stands for. (Default: the current directory)")
    var project: String?

    /// `$QUIVER_HOME`, or `~/.quiver`.
    static var home: String {
        if let value = getenv("QUIVER_HOME") { return String(cString: value) }
        let base = getenv("HOME").map { String(cString: $0) } ?? "."
        return Path.join(base, ".quiver")
    }

    /// The directories to load, and where the choice came from (for messages).
    func resolvedDirectories() -> (directories: [String], source: String) {
        if !directories.isEmpty { return (directories.map(LocalFileSystem.absolute), "--packs") }
        if let value = getenv("QUIVER_PACKS"), !String(cString: value).isEmpty {
            return (String(cString: value).split(separator: ":").map { LocalFileSystem.absolute(String($0)) }, "QUIVER_PACKS")
        }
        let store = Path.join(Self.home, "store")
        if LocalFileSystem().isDirectory(store) { return ([store], "the store") }
        return ([LocalFileSystem.absolute("examples/packs")], "examples/packs")
    }

    /// The host policy, or the diagnostics that make it unusable.
    func loadPolicy() throws -> HostPolicy {
        let fileSystem = LocalFileSystem()
        let path = policy.map(LocalFileSystem.absolute) ?? Path.join(Self.home, "policy.yaml")
        guard policy != nil || fileSystem.isFile(path) else { return .default }
        let (loaded, diagnostics) = HostPolicy.load(from: path, fileSystem: fileSystem)
        for diagnostic in diagnostics { Console.err(diagnostic.description) }
        if diagnostics.containsErrors {
            Console.error("the host policy '\(path)' has errors; fix them or pass another --policy")
            throw ExitCode.failure
        }
        return loaded
    }

    /// An invoker over the catalog of the selected packs.
    func invoker() async throws -> Invoker {
        try await invoker(kernel: kernel())
    }

    /// An invoker over `kernel`'s catalog, with MCP-backed handlers served by the process's MCP
    /// server pool, recording calls to `recorder` when given.
    func invoker(kernel: Kernel, recorder: (any InvocationRecorder)? = nil) async -> Invoker {
        await kernel.makeInvoker(recorder: recorder, context: .current(projectRoot: project.map(LocalFileSystem.absolute)))
            .withMCPCaller(MCPServerPool.shared)
    }

    /// Builds the catalog of the selected packs under the policy.
    func catalog() async throws -> Catalog {
        try await kernel().catalog
    }

    /// A kernel loaded with the selected packs under the policy.
    func kernel() async throws -> Kernel {
        let policy = try loadPolicy()
        let (directories, source) = resolvedDirectories()
        for directory in directories where !LocalFileSystem().isDirectory(directory) {
            Console.error("'\(directory)' (from \(source)) is not a directory; give a pack directory or a directory of packs")
            throw ExitCode(64)
        }
        let kernel = Kernel(policy: policy)
        await kernel.load(directories: directories)
        return kernel
    }
}
