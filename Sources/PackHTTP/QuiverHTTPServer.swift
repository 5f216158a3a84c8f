public import Hummingbird
import Foundation
import HTTPTypes
import PackBasics
import PackModel
import UnixSignals
public import Logging
public import PackKernel
public import PackMCP
import PackJSON
import PackSchema
import PackWebUI
import ServiceLifecycle
import Synchronization

/// The host's HTTP face: the REST API under `/api/v1`, its OpenAPI document, the web UI at `/`
/// and, when given one, the MCP endpoint at `/mcp`.
///
/// Every request first passes the Host/Origin guard; routes that run tools need a bearer token
/// when ``ServerConfiguration/requiresToken`` is true. Errors are JSON
/// (`{"error": {"code", "message"}}`) with the right status.
///
/// ```swift
/// let server = QuiverHTTPServer(catalog: catalog, invoker: invoker, configuration: .init(port: 0))
/// try await server.run { host, port in print("listening on http://\(host):\(port)") }
/// ```
public final class QuiverHTTPServer: Sendable {
    /// The catalog served.
    public let catalog: Catalog
    /// The invocation pipeline over ``catalog``.
    public let invoker: Invoker
    /// Where and how the server listens.
    public let configuration: ServerConfiguration
    /// State: tokens, statistics.
    public let services: ServerServices
    /// The MCP endpoint mounted at `/mcp`, when there is one.
    public let mcp: MCPHTTPEndpoint?
    let logger: Logger
    private let guardian: RequestGuard
    private let views: CatalogViews
    /// The serialised OpenAPI document, made on the first request for it (it never changes).
    private let openAPIBytes = Mutex<[UInt8]?>(nil)

    /// Creates a server.
    public init(catalog: Catalog, invoker: Invoker, configuration: ServerConfiguration = ServerConfiguration(),
                services: ServerServices = ServerServices(), mcp: MCPHTTPEndpoint? = nil, logger: Logger = Logger(label: "quiver.http")) {
        self.catalog = catalog
        self.invoker = invoker
        self.configuration = configuration
        self.services = services
        self.mcp = mcp
        self.logger = logger
        self.guardian = RequestGuard(configuration: configuration)
        self.views = CatalogViews(catalog: catalog)
    }

    /// Runs until SIGINT or SIGTERM, then shuts down gracefully (in-flight requests finish).
    ///
    /// - Parameter onListening: Called once with the bound address and port (useful with port 0).
    public func run(onListening: @escaping @Sendable (String, Int) async -> Void = { _, _ in }) async throws {
        try await makeApplication(onListening: onListening).runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    /// The Hummingbird application, for embedding in a larger service group or for tests
    /// (`run()` it in a task; cancelling the task stops it).
    public func makeApplication(onListening: @escaping @Sendable (String, Int) async -> Void = { _, _ in })
        -> some ApplicationProtocol
    {
        let host = configuration.host
        return Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: "Quiver"),
            onServerRunning: { channel in
                await onListening(host, channel.localAddress?.port ?? 0)
            },
            logger: logger)
    }

    /// The router with every route, the guard and JSON errors.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: GuardMiddleware(guardian: guardian))
        for route in routes() {
            let requiresToken = route.invokes && configuration.requiresToken
            let handler = route.handler
            router.on(RouterPath(route.path), method: route.method) { [self] request, context in
                if requiresToken { try await authorize(request) }
                return try await handler(request, context)
            }
        }
        if let mcp {
            for method in [HTTPRequest.Method.get, .post, .delete] {
                router.on("/mcp", method: method) { [self] request, _ in
                    if configuration.requiresToken { try await authorize(request) }
                    return try await mcp.respond(to: request)
                }
            }
        }
        // Each asset's response is made once; requests share its buffer.
        for path in WebAssets.paths {
            guard let response = Self.assetResponse(path) else { continue }
            for method in [HTTPRequest.Method.get, .head] {
                router.on(RouterPath(path), method: method) { _, _ in response }
            }
        }
        for method in [HTTPRequest.Method.get, .head] {
            router.on("/{file}", method: method) { _, context -> Response in
                throw APIError.notFound("no such page '/\(context.parameters.get("file") ?? "")'; the UI is at / and the API under /api/v1")
            }
        }
        return router
    }

    private func authorize(_ request: Request) async throws(APIError) {
        let challenge: HTTPFields = [.wwwAuthenticate: "Bearer realm=\"quiver\""]
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw APIError(.unauthorized, "unauthorized",
                           "this server requires a bearer token for this request; create one with `quiver token create NAME` and send `Authorization: Bearer TOKEN`",
                           headers: challenge)
        }
        let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard let verify = services.verifyToken, await verify(token) else {
            throw APIError(.unauthorized, "invalid_token", "the bearer token is not valid (unknown or revoked); `quiver token list` shows the tokens",
                           headers: challenge)
        }
    }

    private static func assetResponse(_ path: String) -> Response? {
        guard let asset = WebAssets.asset(path: path) else { return nil }
        var buffer = ByteBuffer()
        buffer.writeBytes(asset.body)
        return Response(
            status: .ok,
            headers: [
                .contentType: asset.contentType, .cacheControl: "no-cache",
                .contentSecurityPolicy: WebAssets.contentSecurityPolicy,
                HTTPField.Name("X-Content-Type-Options")!: "nosniff", HTTPField.Name("Referrer-Policy")!: "no-referrer",
            ],
            body: ResponseBody(byteBuffer: buffer))
    }

    // MARK: Routes

    func routes() -> [APIRoute] {
        let views = views
        let errorList: JSONValue = ["type": "array", "items": ["type": "object", "properties": [
            "instanceLocation": ["type": "string"], "keywordLocation": ["type": "string"], "error": ["type": "string"],
        ]]]
        let validation: JSONValue = ["type": "object", "required": ["valid"], "properties": ["valid": ["type": "boolean"], "errors": errorList]]
        let invocation: JSONValue = [
            "type": "object", "required": ["outcome", "tool", "version", "latency_ms"],
            "properties": [
                "outcome": ["enum": .array(InvocationOutcome.allCases.map { .string($0.rawValue) })],
                "tool": ["type": "string"], "version": ["type": "string"], "latency_ms": ["type": "number"],
                "output": [:], "error": ["type": "string"], "validation_errors": ["type": "array", "items": ["type": "string"]],
                "diagnostics": ["type": "string"],
            ],
        ]
        let invokeBody: JSONValue = ["type": "object", "required": ["input"], "properties": ["input": ["description": "The tool's input."]]]
        return [
            APIRoute(method: .get, path: "/api/v1/health", operationID: "health", summary: "Whether the host is up, with counts.",
                     responseSchema: ["type": "object", "required": ["status", "version"]]) { [self] _, _ in
                JSONBody.response([
                    "status": "ok", "version": .string(QuiverVersion.current.description),
                    "packs": .number(JSONNumber(catalog.packs.count { $0.isDefaultVersion })),
                    "tools": .number(JSONNumber(catalog.exposedTools.count)),
                    "auth_required": .bool(configuration.requiresToken),
                    "mcp": .bool(mcp != nil),
                ])
            },
            APIRoute(method: .get, path: "/api/v1/packs", operationID: "listPacks",
                     summary: "Every pack offered to the host, installed or refused, with tier, grants and status.",
                     responseSchema: ["type": "object", "required": ["packs"], "properties": ["packs": ["type": "array"]]]) { _, _ in
                JSONBody.response(["packs": .array(views.packSummaries())])
            },
            APIRoute(method: .get, path: "/api/v1/packs/{name}", operationID: "showPack",
                     summary: "A pack's newest stable version: summary, install report, tools, versions.") { _, context in
                JSONBody.response(try views.packDetail(name: try context.parameter("name")))
            },
            APIRoute(method: .get, path: "/api/v1/packs/{name}/v{major}", operationID: "showPackLine",
                     summary: "The newest release of one major line of a pack.") { _, context in
                JSONBody.response(try views.packDetail(name: try context.parameter("name"), major: try context.major()))
            },
            APIRoute(method: .post, path: "/api/v1/packs/{name}/v{major}/tools/{tool}/invoke", operationID: "invokePackLineTool",
                     summary: "Invoke a tool of the newest release of a major line (older lines stay callable).",
                     invokes: true, requestSchema: invokeBody, responseSchema: invocation) { [self] request, context in
                let id = try views.toolID(pack: try context.parameter("name"), major: try context.major(), tool: try context.parameter("tool"))
                return try await invoke(id, request)
            },
            APIRoute(method: .get, path: "/api/v1/tools", operationID: "listTools",
                     summary: "The tools models see (default versions) with their contracts.",
                     responseSchema: ["type": "object", "required": ["tools"], "properties": ["tools": ["type": "array"]]]) { _, _ in
                JSONBody.response(["tools": .array(views.toolList())])
            },
            APIRoute(method: .get, path: "/api/v1/tools/{pack}/{tool}", operationID: "showTool",
                     summary: "One tool: contract, handler kind and test inputs.") { _, context in
                JSONBody.response(views.toolView(try views.tool(pack: try context.parameter("pack"), name: try context.parameter("tool"))))
            },
            APIRoute(method: .post, path: "/api/v1/tools/{pack}/{tool}/invoke", operationID: "invokeTool",
                     summary: "Run a tool through the invocation pipeline. The caller model is read from X-Quiver-Model.",
                     invokes: true, requestSchema: invokeBody, responseSchema: invocation) { [self] request, context in
                let tool = try views.tool(pack: try context.parameter("pack"), name: try context.parameter("tool"))
                return try await invoke(tool.id, request)
            },
            APIRoute(method: .post, path: "/api/v1/tools/{pack}/{tool}/validate", operationID: "validateToolInstance",
                     summary: "Validate an instance against a tool's input (default) or output schema.",
                     requestSchema: ["type": "object", "required": ["instance"], "properties": [
                         "instance": [:], "schema": ["enum": ["input", "output"]],
                     ]], responseSchema: validation) { request, context in
                let tool = try views.tool(pack: try context.parameter("pack"), name: try context.parameter("tool"))
                return JSONBody.response(try await Self.validateAgainstTool(tool, request: request))
            },
            APIRoute(method: .post, path: "/api/v1/validate", operationID: "validate",
                     summary: "Validate an instance against a schema given in the request (live validation while authoring).",
                     requestSchema: ["type": "object", "required": ["schema", "instance"], "properties": ["schema": [:], "instance": [:]]],
                     responseSchema: validation) { request, _ in
                let body = try await JSONBody.read(request)
                guard case .object(let object) = body, let schema = object["schema"], let instance = object["instance"] else {
                    throw APIError.badRequest("send {\"schema\": {...}, \"instance\": ...}")
                }
                return JSONBody.response(try Self.validate(instance, schema: schema))
            },
            APIRoute(method: .get, path: "/api/v1/stats", operationID: "stats",
                     summary: "Model success rates per tool version and model, with 95% intervals; flagged below 80%.") { [self] _, _ in
                guard let stats = services.stats else {
                    throw APIError(.serviceUnavailable, "no_state", "this server keeps no records (started without a state database)")
                }
                return JSONBody.response(try await stats())
            },
            APIRoute(method: .get, path: "/api/v1/invocations", operationID: "recentInvocations",
                     summary: "The most recent invocations, newest first (?limit=N, at most 500).") { [self] request, _ in
                guard let recent = services.recentInvocations else {
                    throw APIError(.serviceUnavailable, "no_state", "this server keeps no records (started without a state database)")
                }
                let limit = request.uri.queryParameters.get("limit").flatMap { Int($0) } ?? 50
                guard (1...500).contains(limit) else { throw APIError.badRequest("limit must be between 1 and 500") }
                return JSONBody.response(try await recent(limit))
            },
            APIRoute(method: .get, path: "/api/v1/openapi.json", operationID: "openAPI",
                     summary: "This document.") { [self] _, _ in
                let bytes = openAPIBytes.withLock { cached in
                    if let cached { return cached }
                    let made = openAPIDocument().serializedBytes()
                    cached = made
                    return made
                }
                var buffer = ByteBuffer()
                buffer.writeBytes(bytes)
                return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                                body: ResponseBody(byteBuffer: buffer))
            },
        ]
    }

    private func invoke(_ id: String, _ request: Request) async throws -> Response {
        let body = try await JSONBody.read(request)
        guard case .object(let object) = body, let input = object["input"] else {
            throw APIError.badRequest("send the tool's input as {\"input\": {...}}")
        }
        let model = request.headers[HTTPField.Name("X-Quiver-Model")!].map { String($0.prefix(200)) }
        let outcome: Result<InvocationResult, InvocationError>
        do throws(InvocationError) {
            outcome = .success(try await invoker.invoke(id, input: input, caller: model))
        } catch {
            outcome = .failure(error)
        }
        switch outcome {
        case .success(let result): return JSONBody.response(result.jsonValue)
        case .failure(let error): throw APIError.notFound(error.message)
        }
    }

    private static func validateAgainstTool(_ tool: CatalogTool, request: Request) async throws -> JSONValue {
        let body = try await JSONBody.read(request)
        guard case .object(let object) = body, let instance = object["instance"] else {
            throw APIError.badRequest("send {\"instance\": ..., \"schema\": \"input\" | \"output\"}")
        }
        let which = object["schema"].flatMap { if case .string(let s) = $0 { s } else { nil } } ?? "input"
        let validator: JSONSchemaValidator
        switch which {
        case "input": validator = tool.inputValidator
        case "output":
            guard let output = tool.outputValidator else {
                throw APIError(.unprocessableContent, "no_output_schema", "'\(tool.id)' declares no output schema")
            }
            validator = output
        default: throw APIError.badRequest("\"schema\" must be \"input\" or \"output\", not \"\(which)\"")
        }
        return validator.validate(instance).basicOutput
    }

    private static func validate(_ instance: JSONValue, schema: JSONValue) throws(APIError) -> JSONValue {
        let validator: JSONSchemaValidator
        do {
            validator = try JSONSchemaValidator(schema: schema)
        } catch {
            throw APIError(.unprocessableContent, "schema_invalid", "the schema does not compile: \(error)")
        }
        return validator.validate(instance).basicOutput
    }
}

extension BasicRequestContext {
    /// A path parameter, percent-decoded.
    func parameter(_ name: String) throws(APIError) -> String {
        guard let value = parameters.get(name) else { throw APIError.badRequest("missing path parameter '\(name)'") }
        // Most names have no escapes; Foundation's decoding costs more than the route lookup.
        guard value.utf8.contains(UInt8(ascii: "%")) else { return value }
        return value.removingPercentEncoding ?? value
    }

    /// The `{major}` of a `v{major}` segment.
    func major() throws(APIError) -> Int {
        let text = try parameter("major")
        guard let major = Int(text), major >= 0 else {
            throw APIError.badRequest("'v\(text)' is not a major line; write v1, v2, ...")
        }
        return major
    }
}

/// Applies the Host/Origin guard and turns every error into the API's JSON error.
struct GuardMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let guardian: RequestGuard

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            try guardian.check(request)
            return try await next(request, context)
        } catch {
            return APIError.from(error).response
        }
    }
}
