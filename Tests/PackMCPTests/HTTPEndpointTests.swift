import Foundation
import PackJSON
import PackKernel
import PackMCP
import PackModel
import PackTestSupport
import Testing

/// The Streamable HTTP endpoint, driven in process with ``MCPHTTPRequest`` values (no sockets).
@Suite(.tags(.medium))
struct HTTPEndpointTests {
    static let postHeaders = ["accept": "application/json, text/event-stream", "content-type": "application/json"]

    /// The JSON-RPC messages in a response: the `data:` lines of its event stream, or its JSON body.
    static func messages(_ response: MCPHTTPResponse) async throws -> [JSONValue] {
        var bytes: [UInt8] = []
        switch response.body {
        case .bytes(let body): bytes = body
        case .stream(let chunks): for await chunk in chunks { bytes += chunk }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if case .bytes = response.body { return text.isEmpty ? [] : [try JSONParser.parse(text)] }
        return try text.split(separator: "\n").filter { $0.hasPrefix("data:") }
            .map { $0.dropFirst(5).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .map { try JSONParser.parse($0) }
    }

    static func header(_ response: MCPHTTPResponse, _ name: String) -> String? {
        response.headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    static func post(_ endpoint: MCPHTTPEndpoint, _ message: JSONValue, session: String? = nil) async -> MCPHTTPResponse {
        var headers = postHeaders
        if let session {
            headers["mcp-session-id"] = session
            headers["mcp-protocol-version"] = "2025-06-18"
        }
        return await endpoint.handle(MCPHTTPRequest(method: "POST", headers: headers, body: message.serializedBytes()))
    }

    static let initialize: JSONValue = [
        "jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": ["protocolVersion": "2025-06-18", "capabilities": [:], "clientInfo": ["name": "http-test-client", "version": "1"]],
    ]

    @Test
    func initializeStartsASessionAndToolsCallRunsInIt() async throws {
        let recorder = RecordingRecorder()
        let kernel = try await MCPFixtures.exampleKernel()
        let endpoint = MCPHTTPEndpoint(version: "test") { await kernel.makeInvoker(recorder: recorder) }
        defer { Task { await endpoint.shutdown() } }

        let initialized = await Self.post(endpoint, Self.initialize)
        #expect(initialized.status == 200)
        let session = try #require(Self.header(initialized, "Mcp-Session-Id"))
        #expect(Self.header(initialized, "Content-Type") == "text/event-stream")
        let reply = try await Self.messages(initialized)
        #expect(reply.last?["result"]?["serverInfo"]?["name"] == "quiver")
        #expect(await endpoint.sessionCount == 1)

        let notified = await Self.post(endpoint, ["jsonrpc": "2.0", "method": "notifications/initialized"], session: session)
        #expect(notified.status == 202)

        let call = await Self.post(endpoint, ["jsonrpc": "2.0", "id": 2, "method": "tools/call",
                                              "params": ["name": "echo", "arguments": ["message": "over http"]]], session: session)
        #expect(call.status == 200)
        let result = try #require(try await Self.messages(call).last?["result"])
        #expect(result["isError"] == nil || result["isError"] == false)
        #expect(result["structuredContent"] == ["message": "over http"])

        let bad = await Self.post(endpoint, ["jsonrpc": "2.0", "id": 3, "method": "tools/call",
                                             "params": ["name": "echo", "arguments": ["message": 7]]], session: session)
        let badResult = try #require(try await Self.messages(bad).last?["result"])
        #expect(badResult["isError"] == true)
        #expect(badResult["content"]?[0]?["text"]?.stringValue?.contains("at /message: ") == true)

        let records = await recorder.records
        #expect(records.map(\.caller) == ["http-test-client", "http-test-client"])
        #expect(records.map(\.outcome) == [.ok, .inputInvalid])
    }

    @Test
    func deleteEndsTheSessionAndLaterRequestsGet404() async throws {
        let kernel = try await MCPFixtures.exampleKernel()
        let endpoint = MCPHTTPEndpoint(version: "test") { await kernel.makeInvoker() }
        let initialized = await Self.post(endpoint, Self.initialize)
        let session = try #require(Self.header(initialized, "Mcp-Session-Id"))
        _ = try await Self.messages(initialized)
        let deleted = await endpoint.handle(MCPHTTPRequest(method: "DELETE", headers: ["mcp-session-id": session,
                                                                                      "mcp-protocol-version": "2025-06-18"]))
        #expect(deleted.status == 200)
        #expect(await endpoint.sessionCount == 0)
        let after = await Self.post(endpoint, ["jsonrpc": "2.0", "id": 2, "method": "tools/list"], session: session)
        #expect(after.status == 404)
        await endpoint.shutdown()
    }

    @Test
    func aRequestWithoutASessionIsRefusedWithTheRemedy() async throws {
        let endpoint = MCPHTTPEndpoint(version: "test") { Invoker(catalog: .empty) }
        let response = await Self.post(endpoint, ["jsonrpc": "2.0", "id": 1, "method": "tools/list"])
        #expect(response.status == 400)
        let body = try await Self.messages(response)
        #expect(body.first?["error"]?["message"]?.stringValue?.contains("initialize") == true)
        let put = await endpoint.handle(MCPHTTPRequest(method: "PUT"))
        #expect(put.status == 405)
    }

    @Test
    func initializeWithoutTheEventStreamInAcceptIsRefused() async throws {
        let endpoint = MCPHTTPEndpoint(version: "test") { Invoker(catalog: .empty) }
        let response = await endpoint.handle(MCPHTTPRequest(method: "POST", headers: ["accept": "application/json",
                                                                                     "content-type": "application/json"],
                                                            body: Self.initialize.serializedBytes()))
        #expect(response.status == 406)
        #expect(await endpoint.sessionCount == 0)
    }

    @Test
    func theLeastRecentlyUsedSessionEndsPastTheLimit() async throws {
        let endpoint = MCPHTTPEndpoint(version: "test", maximumSessions: 2) { Invoker(catalog: .empty) }
        var sessions: [String] = []
        for _ in 0..<3 {
            let response = await Self.post(endpoint, Self.initialize)
            _ = try await Self.messages(response)
            sessions.append(try #require(Self.header(response, "Mcp-Session-Id")))
        }
        #expect(await endpoint.sessionCount == 2)
        let first = await Self.post(endpoint, ["jsonrpc": "2.0", "id": 2, "method": "tools/list"], session: sessions[0])
        #expect(first.status == 404)
        let last = await Self.post(endpoint, ["jsonrpc": "2.0", "id": 2, "method": "tools/list"], session: sessions[2])
        #expect(last.status == 200)
        _ = try await Self.messages(last)
        await endpoint.shutdown()
    }
}
