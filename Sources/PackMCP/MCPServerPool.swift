import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
public import MCP
public import PackJSON
import PackBasics
public import PackKernel
import PackModel
import Synchronization

/// The MCP servers packs declare, started on demand and kept for reuse: Quiver's
/// ``MCPToolCaller``, behind `mcp` handlers and process handlers with `protocol: mcp`.
///
/// One server runs per ``MCPServerLaunch/key`` (pack version, server, command line and
/// environment). A call starts the server when none is running (bounded by ``startTimeout``),
/// then sends `tools/call` with the tool's timeout. When the deadline passes, the server is
/// stopped (its whole process group) and the next call starts a new one; a server that exits
/// on its own is noticed and restarted the same way. Many calls may share one server at once.
///
/// ```swift
/// let invoker = await kernel.makeInvoker().withMCPCaller(MCPServerPool.shared)
/// ```
public actor MCPServerPool: MCPToolCaller {
    /// The pool that commands share for the life of the process.
    public static let shared = MCPServerPool()

    /// How long a server may take to start and answer `initialize`. (Default: 10 seconds)
    public let startTimeout: Duration
    private let logger: Logger
    private var connections: [String: Connection] = [:]
    private var starting: [String: Task<Result<Connection, ToolFailure>, Never>] = [:]

    /// Creates an empty pool.
    /// - Parameters:
    ///   - startTimeout: How long a server may take to start and answer `initialize`.
    ///   - logger: Where server starts and stops are logged. (Default: nowhere)
    public init(startTimeout: Duration = .seconds(10), logger: Logger? = nil) {
        self.startTimeout = startTimeout
        self.logger = logger ?? Logger(label: "quiver.mcp.pool", factory: { _ in SwiftLogNoOpLogHandler() })
    }

    /// The number of servers running now.
    public var runningCount: Int { connections.values.filter(\.isAlive).count }

    /// Calls `tool` on `server`, starting the server when it is not running.
    public func call(_ tool: String, arguments: JSONValue, on server: MCPServerLaunch, timeout: Duration) async
        -> Result<JSONValue, ToolFailure> {
        let connection: Connection
        switch await openConnection(for: server) {
        case .failure(let failure): return .failure(failure)
        case .success(let value): connection = value
        }
        let clock = ContinuousClock()
        let start = clock.now
        let inTime = ClearableFlag()
        let outcome = await withTaskGroup(of: CallOutcome?.self) { group in
            group.addTask { await connection.call(tool, arguments: arguments) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                guard !Task.isCancelled else { return nil }
                // Stopping the server fails the request in flight, so the call ends now.
                inTime.clear()
                await connection.close()
                return .timedOut
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return inTime.value ? first ?? .timedOut : .timedOut
        }
        switch outcome {
        case .result(let result):
            return Self.output(of: result, tool: tool, server: server.displayName)
        case .failed(let message):
            if !connection.isAlive { await discard(connection, key: server.key) }
            var message = "the MCP server '\(server.displayName)' failed the call of '\(tool)': \(message)"
            let tail = connection.standardErrorTail
            if !connection.isAlive, !tail.isEmpty { message += "; its last output: " + Self.lastLine(tail) }
            return .failure(ToolFailure(.handlerError, message, diagnostics: tail))
        case .timedOut:
            await discard(connection, key: server.key)
            logger.info("stopped an MCP server at its deadline", metadata: ["mcp.server": "\(server.displayName)"])
            return .failure(ToolFailure(.timeout, "the MCP server '\(server.displayName)' did not answer '\(tool)' within "
                                        + "\(timeout) and was stopped; make the tool faster or raise 'timeout_ms' in its limits",
                                        handlerTime: clock.now - start))
        }
    }

    /// Stops every server.
    public func shutdown() async {
        let all = Array(connections.values)
        connections.removeAll()
        for connection in all { await connection.close() }
    }

    // MARK: - Connections

    private func openConnection(for server: MCPServerLaunch) async -> Result<Connection, ToolFailure> {
        if let existing = connections[server.key] {
            if existing.isAlive { return .success(existing) }
            await discard(existing, key: server.key)
        }
        if let pending = starting[server.key] { return await pending.value }
        let logger = self.logger
        let startTimeout = self.startTimeout
        let task = Task { await Connection.open(server, timeout: startTimeout, logger: logger) }
        starting[server.key] = task
        let result = await task.value
        starting[server.key] = nil
        if case .success(let connection) = result {
            connections[server.key] = connection
            logger.info("started an MCP server", metadata: ["mcp.server": "\(server.displayName)"])
        }
        return result
    }

    private func discard(_ connection: Connection, key: String) async {
        if connections[key] === connection { connections[key] = nil }
        await connection.close()
    }

    // MARK: - Results

    /// The pipeline's output for a tool result: its structured content; else the JSON its text
    /// holds; else `{"text": …}`. A result flagged `isError` is a handler error.
    static func output(of result: CallTool.Result, tool: String, server: String) -> Result<JSONValue, ToolFailure> {
        let text = result.content.compactMap { content -> String? in
            if case .text(let text, _, _) = content { return text }
            return nil
        }.joined(separator: "\n")
        if result.isError == true {
            return .failure(ToolFailure(.handlerError, "the tool '\(tool)' on the MCP server '\(server)' reported an error: "
                                        + (text.isEmpty ? "(no message)" : text)))
        }
        if let structured = result.structuredContent { return .success(JSONValue(mcp: structured)) }
        if let parsed = try? JSONParser.parse(text) { return .success(parsed) }
        return .success(["text": .string(text)])
    }

    private static func lastLine(_ text: String) -> String {
        String(text.split(separator: "\n").last ?? "").prefix(300).description
    }
}

enum CallOutcome: Sendable {
    case result(CallTool.Result)
    case failed(String)
    case timedOut
}

/// One running server and the client connected to it.
final class Connection: Sendable {
    let client: Client
    let process: ServerProcess?
    private let alive: ClearableFlag

    private init(client: Client, process: ServerProcess?, alive: ClearableFlag) {
        self.client = client
        self.process = process
        self.alive = alive
    }

    var isAlive: Bool { alive.value }
    var standardErrorTail: String { process?.standardErrorTail ?? "" }

    /// Starts the server and completes the `initialize` handshake within `timeout`.
    static func open(_ server: MCPServerLaunch, timeout: Duration, logger: Logger) async -> Result<Connection, ToolFailure> {
        let client = Client(name: "quiver", version: QuiverVersion.current.description)
        let alive = ClearableFlag()
        let transport: any Transport
        let process: ServerProcess?
        switch server.transport {
        case .stdio(let command):
            do throws(LaunchError) {
                process = try ServerProcess.spawn(command)
            } catch {
                return .failure(ToolFailure(.handlerError, "cannot start the MCP server '\(server.displayName)': \(error)"))
            }
            let child = process!
            transport = LineTransport(input: child.output, output: child.input, closesDescriptors: true, onClose: {
                alive.clear()
                // The server closed its output: fail calls in flight now rather than at their deadline.
                Task { await client.disconnect(); child.terminate() }
            }, logger: logger)
        case .http(let url, let headers):
            guard let endpoint = URL(string: url) else {
                return .failure(ToolFailure(.handlerError, "the MCP server '\(server.displayName)' has an invalid URL '\(url)'"))
            }
            process = nil
            transport = HTTPClientTransport(endpoint: endpoint, streaming: false, requestModifier: { request in
                var request = request
                for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
                return request
            }, logger: logger)
        }
        let connection = Connection(client: client, process: process, alive: alive)
        let inTime = ClearableFlag()
        let handshake = await withTaskGroup(of: String??.self) { group in
            group.addTask {
                do {
                    _ = try await client.connect(transport: transport)
                    return .some(nil)
                } catch {
                    return .some("\(error)")
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                guard !Task.isCancelled else { return nil }
                // `connect` does not end on cancellation: stopping the server fails the handshake,
                // so the group can end now rather than when the server exits.
                inTime.clear()
                await connection.close()
                return .some("it did not answer 'initialize' within \(timeout)")
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return inTime.value ? first ?? nil : "it did not answer 'initialize' within \(timeout)"
        }
        if let problem = handshake {
            await connection.close()
            var message = "cannot start the MCP server '\(server.displayName)': \(problem)"
            let tail = connection.standardErrorTail
            if !tail.isEmpty { message += "; its last output: " + (tail.split(separator: "\n").last.map(String.init) ?? "") }
            return .failure(ToolFailure(.handlerError, message, diagnostics: tail))
        }
        return .success(connection)
    }

    func call(_ tool: String, arguments: JSONValue) async -> CallOutcome {
        let mcpArguments: [String: MCP.Value]?
        switch arguments.mcpValue {
        case .object(let object): mcpArguments = object
        case .null: mcpArguments = nil
        default: return .failed("MCP tools take an object of arguments, and the input is not an object")
        }
        do {
            let context: RequestContext<CallTool.Result> = try await client.callTool(name: tool, arguments: mcpArguments)
            return .result(try await context.value)
        } catch {
            return .failed("\(error)")
        }
    }

    /// Disconnects and stops the server.
    func close() async {
        alive.clear()
        await client.disconnect()
        process?.terminate()
    }
}

/// A flag that starts set and can be cleared (a connection's liveness; a call not yet past its deadline).
final class ClearableFlag: Sendable {
    private let state = Mutex(true)
    var value: Bool { state.withLock { $0 } }
    func clear() { state.withLock { $0 = false } }
}
