public import PackBasics
public import PackJSON
public import PackModel
import Foundation
public import PackRuntime
import PackSchema

/// A handler failure in the pipeline's terms: its outcome and a message.
public struct ToolFailure: Error, Sendable {
    /// The outcome it maps to.
    public var outcome: InvocationOutcome
    /// What went wrong, with the remedy when there is one.
    public var message: String
    /// Handler diagnostics (stderr), bounded.
    public var diagnostics: String
    /// How long the handler ran before it failed, measured where it ran, when known.
    public var handlerTime: Duration?

    /// Creates a failure.
    public init(_ outcome: InvocationOutcome, _ message: String, diagnostics: String = "", handlerTime: Duration? = nil) {
        self.outcome = outcome
        self.message = message
        self.diagnostics = diagnostics
        self.handlerTime = handlerTime
    }
}

/// The invocation pipeline over one catalog snapshot. Every call, from the CLI, HTTP, MCP or a
/// workflow step, goes through ``invoke(_:input:caller:)``:
///
/// resolve the tool → validate the input → host safety policy → packs' `pre_tool_call` hooks →
/// the handler, with limits → parse and validate the output → bound its size → `post_tool_call`
/// hooks → record → result.
///
/// An `Invoker` is a `Sendable` value: take one from the kernel and call tools outside the actor.
public struct Invoker: Sendable {
    /// The catalog snapshot the calls run against.
    public let catalog: Catalog
    let builtins: [String: BuiltinHandler]
    let recorder: (any InvocationRecorder)?
    let wasm: WasmRunner
    let context: HostContext
    let keyValues: KeyValueSpaces
    let modules = WasmModuleTable()
    let mcpLaunches = MCPLaunchTable()
    /// Calls tools on MCP servers (`mcp` handlers, `protocol: mcp` processes); `nil` fails them clearly.
    var mcp: (any MCPToolCaller)?

    /// The WebAssembly runtime invokers share unless given another: one engine, one module
    /// cache and one pool of guest threads for the process.
    public static let sharedWasmRunner = WasmRunner()

    /// Default limits when a tool sets none.
    public static let defaultTimeout = Duration.milliseconds(2000)
    /// Default output cap, in bytes.
    public static let defaultOutputLimit = 256 * 1024

    /// Creates an invoker.
    /// - Parameters:
    ///   - builtins: Handlers for `builtin` tools, keyed `pack/handler` (a built-in pack's) or `handler` (the host's).
    ///   - wasm: The WebAssembly runtime. (Default: ``sharedWasmRunner``)
    ///   - context: The project, environment and secrets that grants are resolved against.
    ///     (Default: ``HostContext/current(projectRoot:)``)
    ///   - keyValues: The packs' key-value spaces behind `quiver.kv_*`. (Default: ``KeyValueSpaces/shared``)
    public init(catalog: Catalog, builtins: [String: BuiltinHandler] = [:], recorder: (any InvocationRecorder)? = nil,
                wasm: WasmRunner = Invoker.sharedWasmRunner, context: HostContext = .current(),
                keyValues: KeyValueSpaces = .shared) {
        self.keyValues = keyValues
        self.catalog = catalog
        self.builtins = builtins
        self.recorder = recorder
        self.wasm = wasm
        self.context = context
    }

    /// This invoker with MCP-backed handlers enabled through `caller` (PackMCP's `MCPServerPool`).
    public func withMCPCaller(_ caller: (any MCPToolCaller)?) -> Invoker {
        var copy = self
        copy.mcp = caller
        return copy
    }

    /// Calls a tool by model-visible name or ID.
    /// - Throws: ``InvocationError`` when no such tool is installed (a caller mistake, not a tool outcome).
    public func invoke(_ name: String, input: JSONValue, caller: String? = nil) async throws(InvocationError) -> InvocationResult {
        guard let tool = catalog.tool(named: name) else {
            let known = catalog.exposedTools.keys.sorted()
            let hint = known.isEmpty ? "no tools are installed" : "installed tools: " + known.prefix(12).joined(separator: ", ")
            throw InvocationError(message: "no tool '\(name)' in the catalog; \(hint)")
        }
        let clock = ContinuousClock()
        let start = clock.now
        var result = await pipeline(tool, input: input)
        result.record = InvocationRecord(tool: "\(tool.pack.name)/\(tool.tool.name)", version: tool.pack.version.description,
                                         caller: caller, outcome: result.outcome, latency: clock.now - start,
                                         validationErrors: result.record.validationErrors, outputBytes: result.record.outputBytes)
        if let recorder { await recorder.record(result.record) }
        return result
    }

    private func failure(_ tool: CatalogTool, _ outcome: InvocationOutcome, _ message: String, validation: [String] = [],
                         diagnostics: String = "", bytes: Int = 0) -> InvocationResult {
        InvocationResult(outcome: outcome, output: nil, error: message, diagnostics: diagnostics,
                         record: InvocationRecord(tool: tool.id, version: tool.pack.version.description, caller: nil, outcome: outcome,
                                                  latency: .zero, validationErrors: validation, outputBytes: bytes))
    }

    private func pipeline(_ tool: CatalogTool, input: JSONValue) async -> InvocationResult {
        // 1. Input contract.
        let verdict = tool.inputValidator.validate(input)
        if !verdict.isValid {
            let errors = verdict.errors.map(\.description)
            return failure(tool, .inputInvalid, "the input does not match the tool's input schema: " + errors.joined(separator: "; "),
                           validation: errors)
        }
        // 2. Host safety: the effective policy of the pack may limit which tools run.
        let pack = catalog.packs.first { $0.manifest.identity == tool.pack }
        if let allowed = pack?.safety?.tools, !allowed.contains(tool.tool.name) {
            return failure(tool, .denied, "the safety policy of '\(tool.pack.name)' allows only " + allowed.map { "'\($0)'" }.joined(separator: ", "))
        }
        // 3. Pre-call hooks: host order is fixed by the catalog; a hook may only continue or deny.
        for hook in catalog.hooks where hook.hook.point == .preToolCall && hook.toolID != tool.id && matches(hook, tool) {
            guard let hookTool = catalog.tools[hook.toolID] else { continue }
            let decision = try? await runHandler(hookTool, input: ["tool": .string(tool.id), "input": input]).get()
            if case .string("deny")? = decision?["decision"] {
                let message = decision?["message"]?.stringValue ?? "denied by a hook"
                return failure(tool, .denied, "hook '\(hook.toolID)' denied the call: \(message)")
            }
        }
        // 4. The handler.
        let output: JSONValue
        let bytes: Int
        var diagnostics = ""
        switch await runHandlerOutput(tool, input: input) {
        case .failure(let failure):
            var result = self.failure(tool, failure.outcome, failure.message, diagnostics: failure.diagnostics)
            result.handlerTime = failure.handlerTime
            return result
        case .success(let (produced, stderr)):
            diagnostics = stderr
            bytes = produced.size
            let limit = (tool.tool.limits.outputKilobytes.map { $0 * 1024 }) ?? Self.defaultOutputLimit
            if bytes > limit {
                return failure(tool, .resourceExhausted, "the output is \(bytes) bytes, over the limit of \(limit) bytes",
                               diagnostics: stderr, bytes: bytes)
            }
            switch produced {
            case .value(let value, _):
                output = value
            case .bytes(let data):
                do {
                    output = try JSONParser.parse(data)
                } catch {
                    return failure(tool, .outputInvalid, "the handler's output is not JSON: \(error)", diagnostics: stderr, bytes: bytes)
                }
            }
        }
        // 5. Output contract.
        if let validator = tool.outputValidator {
            let verdict = validator.validate(output)
            if !verdict.isValid {
                let errors = verdict.errors.map(\.description)
                return failure(tool, .outputInvalid, "the output does not match the tool's output schema: " + errors.joined(separator: "; "),
                               validation: errors, diagnostics: diagnostics, bytes: bytes)
            }
        }
        // 6. Post-call hooks see the result; they cannot change it.
        for hook in catalog.hooks where hook.hook.point == .postToolCall && hook.toolID != tool.id && matches(hook, tool) {
            guard let hookTool = catalog.tools[hook.toolID] else { continue }
            _ = await runHandler(hookTool, input: ["tool": .string(tool.id), "outcome": "ok", "output": output])
        }
        return InvocationResult(outcome: .ok, output: output, error: nil, diagnostics: diagnostics,
                                record: InvocationRecord(tool: tool.id, version: tool.pack.version.description, caller: nil,
                                                         outcome: .ok, latency: .zero, validationErrors: [], outputBytes: bytes))
    }

    private func matches(_ hook: CatalogHook, _ tool: CatalogTool) -> Bool {
        guard let patterns = hook.hook.match else { return true }
        return patterns.contains { pattern in (try? Glob(pattern))?.matches(tool.id) ?? (pattern == tool.id) }
    }

    private func runHandler(_ tool: CatalogTool, input: JSONValue) async -> Result<JSONValue, ToolFailure> {
        switch await runHandlerOutput(tool, input: input) {
        case .failure(let failure): return .failure(failure)
        case .success(let (.value(value, _), _)): return .success(value)
        case .success(let (.bytes(bytes), _)):
            guard let value = try? JSONParser.parse(bytes) else { return .failure(ToolFailure(.outputInvalid, "not JSON")) }
            return .success(value)
        }
    }

    /// What a handler produced: the bytes a process or guest wrote, or a value a builtin or an
    /// MCP server already gave as JSON (with the size of its JSON text, for the output limit),
    /// which is not serialised only to be parsed again.
    enum HandlerOutput {
        case bytes([UInt8])
        case value(JSONValue, size: Int)

        var size: Int {
            switch self {
            case .bytes(let bytes): bytes.count
            case .value(_, let size): size
            }
        }

        static func value(_ value: JSONValue) -> HandlerOutput { .value(value, size: value.serializedBytes().count) }
    }

    /// Runs the tool's handler with its limits.
    private func runHandlerOutput(_ tool: CatalogTool, input: JSONValue) async -> Result<(HandlerOutput, String), ToolFailure> {
        let timeout = tool.tool.limits.timeoutMilliseconds.map { Duration.milliseconds($0) } ?? Self.defaultTimeout
        let outputLimit = (tool.tool.limits.outputKilobytes.map { $0 * 1024 }) ?? Self.defaultOutputLimit
        switch tool.tool.handler {
        case .builtin(let name):
            guard let handler = builtins["\(tool.pack.name)/\(name)"] ?? builtins[name] else {
                return .failure(ToolFailure(.handlerError, "no builtin handler '\(name)' is registered"))
            }
            return await withTaskGroup(of: Result<(HandlerOutput, String), ToolFailure>?.self) { group in
                group.addTask {
                    do {
                        return .success((.value(try await handler(input)), ""))
                    } catch {
                        return .failure(ToolFailure(.handlerError, "the handler failed: \(error)"))
                    }
                }
                group.addTask {
                    try? await Task.sleep(for: timeout)
                    return Task.isCancelled ? nil : .failure(ToolFailure(.timeout, "the handler did not finish within \(timeout)"))
                }
                let first = await group.next() ?? nil
                group.cancelAll()
                return first ?? .failure(ToolFailure(.handlerError, "the handler was cancelled"))
            }
        case .process(let process) where process.protocol == .mcp:
            let launch = mcpLaunches.launch(for: tool) { mcpLaunch(process, for: tool) }
            return await callMCP(tool.tool.name, input: input, launch: launch, timeout: timeout)
        case .process(let process):
            let command: PreparedCommand
            switch prepare(process.command, environment: process.environment, for: tool) {
            case .success(let prepared): command = prepared
            case .failure(.empty): return .failure(ToolFailure(.handlerError, "the process handler has an empty command"))
            case .failure(.notFound(let name)):
                return .failure(ToolFailure(.handlerError, "cannot start '\(name)': not found in \(ProcessRunner.searchPath)"))
            }
            do throws(ProcessRunner.Failure) {
                let output = try await ProcessRunner().run(command, input: input.serializedBytes(), timeout: timeout,
                                                           outputLimit: outputLimit)
                if output.status != 0 {
                    let firstLine = output.stderr.split(separator: "\n").first.map(String.init) ?? ""
                    return .failure(ToolFailure(.handlerError, "the process exited with status \(output.status)"
                                                + (firstLine.isEmpty ? "" : ": \(firstLine)"), diagnostics: output.stderr))
                }
                return .success((.bytes(output.stdout), output.stderr))
            } catch {
                switch error {
                case .timedOut(let elapsed):
                    return .failure(ToolFailure(.timeout, "the process did not finish within \(timeout) and was killed; "
                                                + "make it faster or raise 'timeout_ms' in the tool's limits", handlerTime: elapsed))
                case .outputTooLarge:
                    return .failure(ToolFailure(.resourceExhausted, "the output went over the limit of \(outputLimit) bytes and the "
                                                + "process was stopped; return less or raise 'output_kb' in the tool's limits"))
                case .launchFailed(let message):
                    return .failure(ToolFailure(.handlerError, message))
                }
            }
        case .wasm(let handler):
            guard let root = tool.packRoot else {
                return .failure(ToolFailure(.handlerError, "a wasm handler needs its pack's files, and '\(tool.pack.name)' has none"))
            }
            let temporary = tool.grants.grantedScopes(of: .fsWrite).contains { $0.hasPrefix("${tmp}") }
                || tool.grants.grantedScopes(of: .fsRead).contains { $0.hasPrefix("${tmp}") }
                ? Path.join(NSTemporaryDirectory(), "quiver-call-\(UUID().uuidString)") : nil
            if let temporary { try? FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true) }
            defer { if let temporary { try? FileManager.default.removeItem(atPath: temporary) } }
            do throws(HandlerFailure) {
                let module = try await modules.module(at: Path.join(root, Path.normalize(handler.module)), sha256: handler.sha256,
                                                      runner: wasm)
                let result = try await wasm.run(module: module, input: input.serializedBytes(),
                                                sandbox: tool.wasmSandbox(context: context, temporaryDirectory: temporary,
                                                                         keyValues: keyValues.space(for: tool.pack.name)),
                                                limits: RuntimeLimits(tool.tool.limits))
                // A request the sandbox refused (an ungranted host or secret) ends the call as
                // `denied`, even when the guest carried on: the caller learns which grant is missing.
                try result.requireNoDenials()
                var diagnostics = result.standardError
                for line in result.log { diagnostics += (diagnostics.isEmpty || diagnostics.hasSuffix("\n") ? "" : "\n") + "log: \(line)" }
                return .success((.bytes(result.output), diagnostics))
            } catch {
                var diagnostics = error.standardError
                for line in error.log { diagnostics += (diagnostics.isEmpty || diagnostics.hasSuffix("\n") ? "" : "\n") + "log: \(line)" }
                return .failure(ToolFailure(error.outcome, error.message, diagnostics: diagnostics, handlerTime: error.duration))
            }
        case .mcp(let handler):
            let launch = mcpLaunches.launch(for: tool) { mcpLaunch(handler, for: tool) }
            return await callMCP(handler.tool ?? tool.tool.name, input: input, launch: launch, timeout: timeout)
        }
    }

    /// Calls a tool on an MCP server through ``mcp``; the output goes on through the pipeline as JSON bytes.
    private func callMCP(_ name: String, input: JSONValue, launch: Result<MCPServerLaunch, ToolFailure>,
                         timeout: Duration) async -> Result<(HandlerOutput, String), ToolFailure> {
        guard let mcp else {
            return .failure(ToolFailure(.handlerError, "MCP handlers need an MCP client, and this host has none; run the tool "
                                        + "through 'quiver call', 'quiver mcp' or 'quiver serve', or give the Invoker an MCPToolCaller"))
        }
        let server: MCPServerLaunch
        switch launch {
        case .failure(let failure): return .failure(failure)
        case .success(let value): server = value
        }
        return await mcp.call(name, arguments: input, on: server, timeout: timeout).map { (.value($0), "") }
    }

    /// Replaces `${pack}` and `${project}` in a process handler's command or environment.
    func substitute(_ text: String, _ tool: CatalogTool) -> String {
        guard text.contains("${") else { return text }
        return text.replacingOccurrences(of: "${pack}", with: tool.packRoot ?? "")
            .replacingOccurrences(of: "${project}", with: context.projectRoot)
    }
}
