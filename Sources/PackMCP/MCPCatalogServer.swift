import Foundation
public import Logging
public import MCP
import PackBasics
import PackJSON
public import PackKernel
import PackModel
import Synchronization

/// Makes MCP servers (the swift-sdk's `Server`) that offer a catalog: its tools, called through
/// the one invocation pipeline, and its packs' skills as prompts and resources.
///
/// - `tools/list`: the model-visible tools of the catalog (the newest stable version of each
///   pack; colliding names are qualified `pack__tool` by the catalog), with their input and
///   output schemas and annotations.
/// - `tools/call`: ``Invoker/invoke(_:input:caller:)``. A call that ends with any outcome other
///   than `ok` (bad input, a denial, a handler failure, a timeout) is a tool result with
///   `isError: true` whose text names the outcome and the reason, e.g.
///   `input_invalid: … at /message: …`. An unknown tool is a JSON-RPC error.
/// - `prompts/list`, `prompts/get`: each skill as a prompt named `pack__skill`.
/// - `resources/list`, `resources/read`: each skill at `quiver://skills/pack/skill`, each pack's
///   instructions at `quiver://instructions/pack`.
/// - The client's name from `initialize` is the caller recorded with every call.
///
/// Each server serves one connection (one stdio peer, or one HTTP session); the factory is
/// shared. The invoker comes from a provider, so a host that reloads packs serves the new
/// catalog from the next request on.
///
/// ```swift
/// let factory = MCPCatalogServer(serverName: "quiver", version: "0.3.0") { invoker }
/// try await factory.runStdio()
/// ```
public struct MCPCatalogServer: Sendable {
    /// Returns the invoker (and so the catalog) a request runs against.
    public typealias InvokerProvider = @Sendable () async -> Invoker

    /// The name the server reports in `initialize`.
    public let serverName: String
    /// The version the server reports.
    public let version: String
    private let invoker: InvokerProvider
    private let logger: Logger

    /// Creates a factory.
    /// - Parameters:
    ///   - serverName: The server name reported to clients (Default: `quiver`).
    ///   - version: The server version reported to clients.
    ///   - logger: Where problems are logged; never standard output. (Default: nowhere)
    ///   - invoker: Returns the current invoker; called once per request.
    public init(serverName: String = "quiver", version: String, logger: Logger? = nil,
                invoker: @escaping InvokerProvider) {
        self.serverName = serverName
        self.version = version
        self.invoker = invoker
        self.logger = logger ?? Logger(label: "quiver.mcp", factory: { _ in SwiftLogNoOpLogHandler() })
    }

    /// A new server with every handler registered, and the hook that records the client's name.
    ///
    /// Start it with `server.start(transport:initializeHook:)`, passing ``MadeServer/initializeHook``.
    public func makeServer() async -> MadeServer {
        let session = SessionState()
        let server = Server(name: serverName, version: version,
                            instructions: "Tools, skills and instructions from the packs installed in Quiver.",
                            capabilities: .init(prompts: .init(listChanged: false), resources: .init(subscribe: false, listChanged: false),
                                                tools: .init(listChanged: false)))
        let invoker = self.invoker
        let logger = self.logger
        await server.withMethodHandler(ListTools.self) { _ in
            ListTools.Result(tools: Self.tools(of: await invoker().catalog))
        }
        await server.withMethodHandler(CallTool.self) { params in
            try await Self.call(params, invoker: await invoker(), caller: session.caller, logger: logger)
        }
        await server.withMethodHandler(ListPrompts.self) { _ in
            let knowledge = PackKnowledge(catalog: await invoker().catalog)
            return ListPrompts.Result(prompts: knowledge.skills.map { skill in
                let description = (try? PackKnowledge.read(skill.file)).flatMap { PackKnowledge.parseSkill($0).description }
                return Prompt(name: skill.promptName, title: "\(skill.pack): \(skill.name)",
                              description: description ?? "The skill '\(skill.name)' of the pack '\(skill.pack)'")
            })
        }
        await server.withMethodHandler(GetPrompt.self) { params in
            let knowledge = PackKnowledge(catalog: await invoker().catalog)
            guard let skill = knowledge.skill(named: params.name) else {
                throw MCPError.invalidParams("no prompt '\(params.name)'; prompts are the packs' skills, named pack__skill "
                                             + "(see prompts/list)")
            }
            let text: String
            do throws(KnowledgeError) { text = try PackKnowledge.read(skill.file) } catch { throw MCPError.internalError(error.description) }
            let (description, body) = PackKnowledge.parseSkill(text)
            return GetPrompt.Result(description: description, messages: [.user(.text(text: body))])
        }
        await server.withMethodHandler(ListResources.self) { _ in
            let knowledge = PackKnowledge(catalog: await invoker().catalog)
            var resources = knowledge.skills.map { skill in
                Resource(name: skill.promptName, uri: skill.uri, title: "Skill '\(skill.name)' of \(skill.pack)",
                         description: "SKILL.md (activation: \(skill.activation.rawValue))", mimeType: "text/markdown")
            }
            resources += knowledge.instructions.map { instructions in
                Resource(name: "\(instructions.pack)__instructions", uri: instructions.uri,
                         title: "Instructions of \(instructions.pack)", mimeType: "text/markdown")
            }
            return ListResources.Result(resources: resources)
        }
        await server.withMethodHandler(ReadResource.self) { params in
            let knowledge = PackKnowledge(catalog: await invoker().catalog)
            let file = knowledge.skill(named: params.uri)?.file ?? knowledge.instructions.first { $0.uri == params.uri }?.file
            guard let file else {
                throw MCPError.invalidParams("no resource '\(params.uri)'; see resources/list")
            }
            do throws(KnowledgeError) {
                return ReadResource.Result(contents: [.text(try PackKnowledge.read(file), uri: params.uri, mimeType: "text/markdown")])
            } catch {
                throw MCPError.internalError(error.description)
            }
        }
        return MadeServer(server: server, session: session)
    }

    /// A server and the state of its one connection.
    public struct MadeServer: Sendable {
        /// The server, with handlers registered.
        public let server: Server
        let session: SessionState

        /// Records the client's name as the caller of every call on this connection.
        public var initializeHook: @Sendable (Client.Info, Client.Capabilities) async throws -> Void {
            { [session] info, _ in session.setCaller(info.name) }
        }

        /// The client's name from `initialize`, once it came.
        public var caller: String? { session.caller }
    }

    /// Serves over standard input and output until the input ends.
    /// - Parameters:
    ///   - input: The descriptor requests are read from. (Default: 0)
    ///   - output: The descriptor responses are written to. (Default: 1)
    public func runStdio(input: Int32 = 0, output: Int32 = 1) async throws {
        let made = await makeServer()
        let invoker = self.invoker
        let session = made.session
        // The fast path: `tools/call` is answered here, from the parsed message, without the
        // SDK's decode/encode round trips and task hops (see docs/mcp.md, Latency); every other
        // method, and any `tools/call` this does not recognise, goes to the SDK server.
        let transport = LineTransport(input: input, output: output, answersPendingRequests: true, intercept: { message, reply in
            guard let call = FastToolCall(message) else { return false }
            // One task per call, as the SDK server makes; it ends when the call is answered. It starts
            // on the reading thread; a tool whose pipeline may block that thread moves to the pool.
            Task(executorPreference: reply.executor) {
                let invoker = await invoker()
                if reply.executor != nil, !call.runsWithoutBlocking(in: invoker.catalog) {
                    reply.send(await withTaskExecutorPreference(globalConcurrentExecutor) {
                        await call.respond(invoker: invoker, caller: session.caller)
                    })
                } else {
                    reply.send(await call.respond(invoker: invoker, caller: session.caller))
                }
            }
            return true
        }, logger: logger)
        try await made.server.start(transport: transport, initializeHook: made.initializeHook)
        await made.server.waitUntilCompleted()
        await made.server.stop()
    }

    // MARK: - Tools

    /// The catalog's model-visible tools in MCP form, sorted by name.
    static func tools(of catalog: Catalog) -> [MCP.Tool] {
        catalog.exposedTools.sorted { $0.key < $1.key }.compactMap { name, id in
            guard let tool = catalog.tools[id] else { return nil }
            var input = tool.inputSchema
            // MCP requires an object schema for arguments; a schema without a type gets one in the
            // advertised copy (validation still uses the tool's own schema).
            if case .object(var object) = input, object["type"] == nil {
                object["type"] = "object"
                input = .object(object)
            }
            // Structured output is advertised only for object schemas, as MCP requires.
            let output = tool.outputSchema.flatMap { $0["type"] == "object" ? $0 : nil }
            return MCP.Tool(name: name, description: tool.tool.description, inputSchema: input.mcpValue,
                        annotations: annotations(tool.tool.annotations), outputSchema: output?.mcpValue)
        }
    }

    private static func annotations(_ object: JSONObject?) -> MCP.Tool.Annotations {
        guard let object else { return nil }
        return MCP.Tool.Annotations(title: object["title"]?.stringValue, readOnlyHint: object["readOnlyHint"]?.boolValue,
                                     destructiveHint: object["destructiveHint"]?.boolValue,
                                     idempotentHint: object["idempotentHint"]?.boolValue,
                                     openWorldHint: object["openWorldHint"]?.boolValue)
    }

    static func call(_ params: CallTool.Parameters, invoker: Invoker, caller: String?, logger: Logger) async throws
        -> CallTool.Result {
        var input: JSONObject = [:]
        for (key, value) in (params.arguments ?? [:]).sorted(by: { $0.key < $1.key }) { input[key] = JSONValue(mcp: value) }
        let result: InvocationResult
        do {
            result = try await invoker.invoke(params.name, input: .object(input), caller: caller)
        } catch {
            throw MCPError.invalidParams(error.message)
        }
        if result.outcome == .ok, let output = result.output {
            let structured: MCP.Value? = if case .object = output { output.mcpValue } else { nil }
            return CallTool.Result(content: [.text(text: output.serialized(), annotations: nil, _meta: nil)],
                                   structuredContent: structured)
        }
        logger.debug("tool call failed", metadata: ["tool.name": "\(params.name)", "outcome": "\(result.outcome.rawValue)"])
        return CallTool.Result(content: [.text(text: "\(result.outcome.rawValue): \(result.error ?? "the call failed")",
                                               annotations: nil, _meta: nil)],
                               isError: true)
    }
}

/// The state of one MCP connection: who the client is.
final class SessionState: Sendable {
    private let name = Mutex<String?>(nil)

    var caller: String? { name.withLock { $0 } }

    func setCaller(_ caller: String) {
        name.withLock { $0 = caller }
    }
}

/// A `tools/call` request taken over from the SDK on the stdio fast path: the same results as
/// ``MCPCatalogServer``'s handler, built with PackJSON.
struct FastToolCall: Sendable {
    var id: JSONValue
    var name: String
    var arguments: JSONObject

    /// The call in `message`, or `nil` when it is not a well-formed `tools/call` (the SDK then
    /// answers it, errors included).
    init?(_ message: JSONValue) {
        guard message["method"] == "tools/call", let id = message["id"], id.stringValue != nil || id.numberValue?.isInteger == true,
              let params = message["params"]?.objectValue, let name = params["name"]?.stringValue else { return nil }
        switch params["arguments"] {
        case nil, .null?: arguments = [:]
        case .object(let object)?: arguments = object
        default: return nil
        }
        self.id = id
        self.name = name
    }

    /// Whether the call's whole pipeline only waits without blocking a thread, so it may run on the
    /// reading thread: a WebAssembly tool (the guest runs on a thread of its own) with only
    /// WebAssembly hooks. Unknown tools qualify too (they fail at once).
    func runsWithoutBlocking(in catalog: Catalog) -> Bool {
        guard let tool = catalog.tool(named: name) else { return true }
        guard case .wasm = tool.tool.handler else { return false }
        return catalog.hooks.allSatisfy { hook in
            if case .wasm? = catalog.tools[hook.toolID]?.tool.handler { true } else { false }
        }
    }

    func respond(invoker: Invoker, caller: String?) async -> JSONValue {
        let result: InvocationResult
        do {
            result = try await invoker.invoke(name, input: .object(arguments), caller: caller)
        } catch {
            // The SDK's shape for MCPError.invalidParams.
            return ["jsonrpc": "2.0", "id": id,
                    "error": ["code": -32602, "message": .string("Invalid params: " + error.message),
                              "data": ["detail": .string(error.message)]]]
        }
        var body: JSONObject
        if result.outcome == .ok, let output = result.output {
            body = ["content": [["type": "text", "text": .string(output.serialized())]]]
            if case .object = output { body["structuredContent"] = output }
        } else {
            body = ["content": [["type": "text", "text": .string("\(result.outcome.rawValue): \(result.error ?? "the call failed")")]],
                    "isError": true]
        }
        return ["jsonrpc": "2.0", "id": id, "result": .object(body)]
    }
}
