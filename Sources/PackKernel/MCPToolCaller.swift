import Foundation
import PackBasics
public import PackJSON
import PackModel
import PackRuntime
import Synchronization

/// Calls tools on MCP servers for the invocation pipeline: the `mcp` handlers, and process
/// handlers with `protocol: mcp`.
///
/// The kernel decides *what* runs (the command line, the scrubbed environment and the sandbox,
/// all derived from the pack's grants, or the URL of a remote server) and hands it over as an
/// ``MCPServerLaunch``; the caller (PackMCP's `MCPServerPool`) owns the connections: it starts a
/// server on first use, reuses it across calls, and restarts it when it died or timed out. The
/// pipeline applies the tool's schemas, limits and hooks around the call as for any handler.
public protocol MCPToolCaller: Sendable {
    /// Calls `tool` on the server with `arguments`, within `timeout`.
    ///
    /// - Returns: The tool's output as JSON (its structured content, or the JSON its text holds,
    ///   or `{"text": …}`), or the failure: `timeout` when the deadline passed (the server is then
    ///   stopped and started afresh on the next call), `handler_error` when the server could not
    ///   start or the tool reported an error.
    func call(_ tool: String, arguments: JSONValue, on server: MCPServerLaunch, timeout: Duration) async
        -> Result<JSONValue, ToolFailure>
}

/// How to reach one MCP server, as the kernel derives it from a pack's declaration and grants.
public struct MCPServerLaunch: Sendable {
    /// How the server is reached.
    public enum Transport: Sendable {
        /// A local command speaking MCP over stdio.
        case stdio(StdioCommand)
        /// A remote server over Streamable HTTP.
        case http(url: String, headers: [String: String])
    }

    /// A command to spawn, with everything already decided: the executable (the server itself,
    /// or `bwrap` wrapping it), its argument vector, and its whole environment (nothing is
    /// inherited from the host).
    public struct StdioCommand: Sendable {
        /// The absolute path of the executable.
        public var executable: String
        /// The environment: only granted and declared variables, and `PATH`. The caller adds
        /// `TMPDIR` and, unless set, `HOME`, both the working directory.
        public var environment: [String: String]
        /// The argument vector (`argv[0]` first) for a private working directory; the caller
        /// creates that directory (mode 0700) before spawning and removes it after the server ends.
        public var arguments: @Sendable (_ workingDirectory: String) -> [String]
    }

    /// Identifies the server for reuse: `pack@version/server` and then what runs (command line,
    /// environment, URL), so a reloaded pack whose server definition or grants changed gets a
    /// fresh server. It may hold environment values: never log it, log ``displayName``.
    public var key: String
    /// A short name for messages: `pack/server`.
    public var displayName: String
    /// How to reach it.
    public var transport: Transport

    /// Creates a launch description.
    public init(key: String, displayName: String, transport: Transport) {
        self.key = key
        self.displayName = displayName
        self.transport = transport
    }
}

extension Invoker {
    /// The launch of the server behind an `mcp` handler, or why it cannot run.
    func mcpLaunch(_ handler: MCPToolHandler, for tool: CatalogTool) -> Result<MCPServerLaunch, ToolFailure> {
        let pack = catalog.packs.first { $0.manifest.identity == tool.pack }
        guard let server = pack?.manifest.mcpServers.first(where: { $0.name == handler.server }) else {
            return .failure(ToolFailure(.handlerError, "the MCP server '\(handler.server)' is not declared in '\(tool.pack.name)'; "
                                        + "declare it under 'mcp:' in the pack's manifest"))
        }
        let display = "\(tool.pack.name)/\(server.name)"
        switch server.transport {
        case .stdio(let command, let arguments, let environment):
            return stdioLaunch([command] + arguments, environment: environment, tool: tool, server: server.name,
                               display: display)
        case .http(let url, let headers):
            guard let components = URLComponents(string: url), let host = components.host,
                  let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
                return .failure(ToolFailure(.handlerError, "the MCP server '\(display)' has the URL '\(url)', which is not an "
                                            + "http(s) URL; fix 'url' in the pack's manifest"))
            }
            let port = components.port ?? (scheme == "https" ? 443 : 80)
            let allowed = tool.grants.grantedScopes(of: .net).compactMap(HostPattern.init)
            guard allowed.contains(where: { $0.matches(host: host, port: port) }) else {
                return .failure(ToolFailure(.denied, "the MCP server '\(display)' is at \(host):\(port), and the host does not "
                                            + "grant 'net' for it; grant it in the host policy"))
            }
            let shape = ([url] + headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }).joined(separator: "\n")
            return .success(MCPServerLaunch(key: "\(tool.pack)/\(server.name)\n\(shape)", displayName: display,
                                            transport: .http(url: url, headers: headers)))
        }
    }

    /// The launch of a process handler that speaks MCP: the same command, environment and sandbox
    /// as a JSON process handler, kept running between calls.
    func mcpLaunch(_ process: ProcessHandler, for tool: CatalogTool) -> Result<MCPServerLaunch, ToolFailure> {
        stdioLaunch(process.command, environment: process.environment, tool: tool, server: "process:\(tool.tool.name)",
                    display: "\(tool.pack.name)/\(tool.tool.name)")
    }

    /// A stdio launch under the rules of process handlers: the command must be on the handlers'
    /// search path (or a path), arguments naming pack files become absolute, the environment holds
    /// only granted variables and the declared ones, and bubblewrap confines it when available.
    private func stdioLaunch(_ command: [String], environment declared: [String: String], tool: CatalogTool, server: String,
                             display: String) -> Result<MCPServerLaunch, ToolFailure> {
        let prepared: PreparedCommand
        switch prepare(command, environment: declared, for: tool) {
        case .success(let value): prepared = value
        case .failure(.empty): return .failure(ToolFailure(.handlerError, "the MCP server '\(display)' has an empty command"))
        case .failure(.notFound(let name)):
            return .failure(ToolFailure(.handlerError, "cannot start the MCP server '\(display)': '\(name)' is not found in "
                                        + ProcessRunner.searchPath))
        }
        let stdio = MCPServerLaunch.StdioCommand(
            executable: prepared.spawnPath, environment: prepared.environment,
            arguments: { directory in prepared.spawnArguments(workingDirectory: directory) })
        let shape = stdio.arguments("${workdir}") + prepared.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return .success(MCPServerLaunch(key: "\(tool.pack)/\(server)\n" + shape.joined(separator: "\n"), displayName: display,
                                        transport: .stdio(stdio)))
    }
}

/// The MCP server launches of one catalog, by tool: each is derived once (the command found on
/// the search path, pack files made absolute, the granted environment, the sandbox) and reused
/// by every later call. The catalog and the host context cannot change under an invoker; a
/// failure is not kept, so a command installed later is found on the next call.
final class MCPLaunchTable: Sendable {
    private let launches = Mutex<[String: MCPServerLaunch]>([:])

    func launch(for tool: CatalogTool, derive: () -> Result<MCPServerLaunch, ToolFailure>) -> Result<MCPServerLaunch, ToolFailure> {
        let key = "\(tool.pack)/\(tool.tool.name)"
        if let known = launches.withLock({ $0[key] }) { return .success(known) }
        let derived = derive()
        if case .success(let launch) = derived { launches.withLock { $0[key] = launch } }
        return derived
    }
}
