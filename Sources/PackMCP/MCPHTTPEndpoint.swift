import Foundation
public import Logging
import MCP
import PackJSON
public import PackKernel

/// An HTTP request as the MCP endpoint needs it, free of any HTTP framework.
public struct MCPHTTPRequest: Sendable {
    /// The method: `GET`, `POST` or `DELETE` (others get 405).
    public var method: String
    /// The headers, names lower-cased; repeated headers joined with ", ".
    public var headers: [String: String]
    /// The body (a JSON-RPC message for `POST`).
    public var body: [UInt8]

    /// Creates a request.
    public init(method: String, headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method
        self.headers = headers
        self.body = body
    }
}

/// The endpoint's answer, for the framework to send.
public struct MCPHTTPResponse: Sendable {
    /// A body: complete, or a stream of server-sent-event chunks to send as they come.
    public enum Body: Sendable {
        /// The whole body (possibly empty).
        case bytes([UInt8])
        /// `text/event-stream` chunks; the stream finishes when the response is complete.
        case stream(AsyncStream<[UInt8]>)
    }

    /// The status code.
    public var status: Int
    /// The headers, in order (`Mcp-Session-Id` among them once a session exists).
    public var headers: [(String, String)]
    /// The body.
    public var body: Body

    /// Creates a response.
    public init(status: Int, headers: [(String, String)], body: Body) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// The MCP Streamable HTTP endpoint of `quiver serve`, framework-free: the HTTP server hands it
/// each `GET`, `POST` and `DELETE` to its MCP path and sends back what it returns.
///
/// Sessions follow the MCP specification: an `initialize` request without a session creates
/// one, and its response carries `Mcp-Session-Id`; later requests send that header; `DELETE`
/// ends the session. Each session has its own server (the swift-sdk's stateful HTTP transport),
/// whose caller is the client name from its `initialize`. Responses to `POST` requests are
/// server-sent-event streams that finish with the JSON-RPC response; `GET` opens the session's
/// stream for server-initiated messages.
///
/// The host checks `Host`/`Origin` and authentication before calling ``handle(_:)``; this type
/// checks the MCP rules (`Accept`, `Content-Type`, `MCP-Protocol-Version`, the session).
/// Idle sessions end after ``sessionIdleTimeout``; past ``maximumSessions`` the least recently
/// used session ends.
///
/// ```swift
/// let endpoint = MCPHTTPEndpoint(version: "0.3.0") { await kernel.makeInvoker(recorder: recorder) }
/// let response = await endpoint.handle(MCPHTTPRequest(method: "POST", headers: headers, body: body))
/// ```
public final class MCPHTTPEndpoint: Sendable {
    /// The most sessions kept at once. (Default: 256)
    public let maximumSessions: Int
    /// How long a session may stay unused before it ends. (Default: 1 hour)
    public let sessionIdleTimeout: Duration
    private let factory: MCPCatalogServer
    private let table: SessionTable

    /// Creates an endpoint.
    /// - Parameters:
    ///   - serverName: The server name reported to clients. (Default: `quiver`)
    ///   - version: The server version reported to clients.
    ///   - maximumSessions: The most sessions kept at once. (Default: 256)
    ///   - sessionIdleTimeout: How long a session may stay unused. (Default: 1 hour)
    ///   - logger: Where problems are logged. (Default: nowhere)
    ///   - invoker: Returns the current invoker; called for every request, so reloaded packs are
    ///     served from the next request on.
    public init(serverName: String = "quiver", version: String, maximumSessions: Int = 256,
                sessionIdleTimeout: Duration = .seconds(3600), logger: Logger? = nil,
                invoker: @escaping MCPCatalogServer.InvokerProvider) {
        self.maximumSessions = max(1, maximumSessions)
        self.sessionIdleTimeout = sessionIdleTimeout
        self.factory = MCPCatalogServer(serverName: serverName, version: version, logger: logger, invoker: invoker)
        self.table = SessionTable(logger: logger ?? Logger(label: "quiver.mcp.http", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// The number of open sessions.
    public var sessionCount: Int {
        get async { await table.count }
    }

    /// Answers one request to the MCP path.
    public func handle(_ request: MCPHTTPRequest) async -> MCPHTTPResponse {
        let method = request.method.uppercased()
        var headers = request.headers
        if headers.keys.contains(where: { $0 != $0.lowercased() }) {
            headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { "\($0), \($1)" })
        }
        let sdkRequest = HTTPRequest(method: method, headers: headers, body: request.body.isEmpty ? nil : Data(request.body))
        let sessionID = headers["mcp-session-id"]
        if let sessionID, let transport = await table.touch(sessionID) {
            let response = await transport.handleRequest(sdkRequest)
            if method == "DELETE", response.statusCode == 200 { await table.remove(sessionID) }
            return Self.convert(response)
        }
        if sessionID == nil, method == "POST", Self.isInitialize(request.body) {
            return await createSession(sdkRequest)
        }
        if sessionID != nil {
            return Self.error(404, .invalidRequest("the session was not found or has ended; initialize a new one"))
        }
        if !["GET", "POST", "DELETE"].contains(method) {
            return Self.error(405, .invalidRequest("method not allowed; use GET, POST or DELETE"),
                              extra: [("Allow", "GET, POST, DELETE")])
        }
        return Self.error(400, .invalidRequest("missing the Mcp-Session-Id header; send 'initialize' first to start a session"))
    }

    /// Ends every session.
    public func shutdown() async {
        await table.removeAll()
    }

    private func createSession(_ request: HTTPRequest) async -> MCPHTTPResponse {
        await table.expire(idleFor: sessionIdleTimeout, keeping: maximumSessions - 1)
        let sessionID = UUID().uuidString.lowercased()
        let transport = StatefulHTTPServerTransport(
            sessionIDGenerator: FixedSessionID(sessionID: sessionID),
            validationPipeline: StandardValidationPipeline(validators: [
                AcceptHeaderValidator(mode: .sseRequired), ContentTypeValidator(), ProtocolVersionValidator(), SessionValidator(),
            ]))
        let made = await factory.makeServer()
        do {
            try await made.server.start(transport: transport, initializeHook: made.initializeHook)
        } catch {
            await transport.disconnect()
            return Self.error(500, .internalError("cannot start an MCP session: \(error)"))
        }
        let response = await transport.handleRequest(request)
        if case .error = response {
            await made.server.stop()
        } else {
            await table.insert(sessionID, server: made.server, transport: transport)
        }
        return Self.convert(response)
    }

    private static func isInitialize(_ body: [UInt8]) -> Bool {
        guard let message = try? JSONParser.parse(body) else { return false }
        return message["method"]?.stringValue == "initialize" && message["id"] != nil
    }

    private static func error(_ status: Int, _ error: MCPError, extra: [(String, String)] = []) -> MCPHTTPResponse {
        convert(.error(statusCode: status, error, extraHeaders: Dictionary(extra, uniquingKeysWith: { $1 })))
    }

    private static func convert(_ response: HTTPResponse) -> MCPHTTPResponse {
        let headers = response.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        switch response {
        case .stream(let events, _):
            let chunks = AsyncStream<[UInt8]> { continuation in
                // Forwards the transport's stream; ends (and stops forwarding) when either side does.
                let forwarding = Task {
                    do {
                        for try await chunk in events { continuation.yield([UInt8](chunk)) }
                    } catch {}
                    continuation.finish()
                }
                continuation.onTermination = { _ in forwarding.cancel() }
            }
            return MCPHTTPResponse(status: response.statusCode, headers: headers, body: .stream(chunks))
        default:
            return MCPHTTPResponse(status: response.statusCode, headers: headers,
                                   body: .bytes(response.bodyData.map { [UInt8]($0) } ?? []))
        }
    }
}

/// Hands the stateful transport the session ID the endpoint chose, so the endpoint can file the
/// session under it before the response goes out.
private struct FixedSessionID: SessionIDGenerator {
    let sessionID: String
    func generateSessionID() -> String { sessionID }
}

/// The open sessions of one endpoint.
private actor SessionTable {
    struct Session {
        let server: Server
        let transport: StatefulHTTPServerTransport
        var lastUsed: ContinuousClock.Instant
    }

    private var sessions: [String: Session] = [:]
    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    var count: Int { sessions.count }

    func touch(_ id: String) -> StatefulHTTPServerTransport? {
        sessions[id]?.lastUsed = .now
        return sessions[id]?.transport
    }

    func insert(_ id: String, server: Server, transport: StatefulHTTPServerTransport) {
        sessions[id] = Session(server: server, transport: transport, lastUsed: .now)
    }

    func remove(_ id: String) async {
        guard let session = sessions.removeValue(forKey: id) else { return }
        await session.server.stop()
    }

    /// Ends sessions idle for longer than `idle`, then the least recently used until `keeping` remain.
    func expire(idleFor idle: Duration, keeping limit: Int) async {
        let now = ContinuousClock.now
        for (id, session) in sessions where now - session.lastUsed > idle {
            logger.info("MCP session expired", metadata: ["mcp.session": "\(id)"])
            await remove(id)
        }
        while sessions.count > max(0, limit), let oldest = sessions.min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key {
            logger.info("MCP session ended to make room", metadata: ["mcp.session": "\(oldest)"])
            await remove(oldest)
        }
    }

    func removeAll() async {
        for id in Array(sessions.keys) { await remove(id) }
    }
}
