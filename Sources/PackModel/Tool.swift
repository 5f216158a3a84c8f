public import PackJSON

/// A named JSON Schema a pack registers as `<pack>.<id>`.
public struct SchemaDefinition: Sendable, Hashable {
    /// The schema ID inside the pack, such as `model_ref.v1`.
    public var id: String
    /// Where the schema comes from.
    public var source: SchemaSource

    /// Creates a schema definition.
    public init(id: String, source: SchemaSource) {
        self.id = id
        self.source = source
    }
}

/// Where a schema comes from: a file of the pack, or inline JSON.
public enum SchemaSource: Sendable, Hashable {
    /// A JSON file relative to the pack root.
    case file(String)
    /// A schema written inline in the manifest.
    case inline(JSONValue)
}

/// A tool's input or output contract.
public enum SchemaReference: Sendable, Hashable {
    /// A schema declared under `schemas:` (`model_ref.v1`), or another pack's (`other-pack/model_ref.v1`).
    case named(String)
    /// A schema file relative to the pack root.
    case file(String)
    /// An inline JSON Schema (2020-12 or draft-07).
    case inline(JSONValue)
}

/// A tool: a model-visible name, a contract, and the handler that does the work.
public struct Tool: Sendable, Hashable {
    /// The model-visible name, unique in the pack; the catalog ID is `<pack>/<name>`.
    public var name: String
    /// What the tool does, for the model.
    public var description: String
    /// The input contract.
    public var input: SchemaReference
    /// The output contract, when the tool promises one.
    public var output: SchemaReference?
    /// What runs when the tool is called.
    public var handler: Handler
    /// Limits on each call; `nil` fields take the host's defaults.
    public var limits: ResourceLimits
    /// MCP tool annotations (hints such as `readOnlyHint`), passed through as written.
    public var annotations: JSONObject?
    /// Example calls checked by `quiver test`.
    public var tests: [ToolTest]

    /// Creates a tool.
    public init(
        name: String, description: String, input: SchemaReference, output: SchemaReference? = nil,
        handler: Handler, limits: ResourceLimits = ResourceLimits(), annotations: JSONObject? = nil,
        tests: [ToolTest] = []
    ) {
        self.name = name
        self.description = description
        self.input = input
        self.output = output
        self.handler = handler
        self.limits = limits
        self.annotations = annotations
        self.tests = tests
    }
}

/// What runs a tool.
public enum Handler: Sendable, Hashable {
    /// A WASI preview-1 module run in process on WasmKit.
    case wasm(WasmHandler)
    /// A local command (trusted packs only; needs the `exec` grant).
    case process(ProcessHandler)
    /// A tool on an MCP server the pack declares.
    case mcp(MCPToolHandler)
    /// A Swift closure registered by the embedding host under this name.
    case builtin(String)

    /// The handler kind as written in the manifest: `wasm`, `process`, `mcp` or `builtin`.
    public var kind: String {
        switch self {
        case .wasm: "wasm"
        case .process: "process"
        case .mcp: "mcp"
        case .builtin: "builtin"
        }
    }
}

/// A WebAssembly handler.
public struct WasmHandler: Sendable, Hashable {
    /// The module, relative to the pack root.
    public var module: String
    /// The expected SHA-256 of the module, in lower-case hex, when pinned.
    public var sha256: String?

    /// Creates a wasm handler.
    public init(module: String, sha256: String? = nil) {
        self.module = module
        self.sha256 = sha256
    }
}

/// A process handler.
public struct ProcessHandler: Sendable, Hashable {
    /// How the process talks.
    public enum WireProtocol: String, Sendable, Hashable, CaseIterable {
        /// JSON input on stdin, JSON output on stdout, exit 0 for success.
        case json
        /// The process is an MCP server over stdio; the tool of the same name is called.
        case mcp
    }

    /// The command and its arguments.
    public var command: [String]
    /// The protocol spoken on stdin and stdout.
    public var `protocol`: WireProtocol
    /// Extra environment variables; values may use `${project}` and granted `${env.NAME}`.
    public var environment: [String: String]

    /// Creates a process handler.
    public init(command: [String], protocol: WireProtocol = .json, environment: [String: String] = [:]) {
        self.command = command
        self.protocol = `protocol`
        self.environment = environment
    }
}

/// A tool proxied to an MCP server declared in the same pack.
public struct MCPToolHandler: Sendable, Hashable {
    /// The name of the server under `mcp:`.
    public var server: String
    /// The tool name on that server; defaults to the pack tool's name.
    public var tool: String?

    /// Creates an MCP tool handler.
    public init(server: String, tool: String? = nil) {
        self.server = server
        self.tool = tool
    }
}

/// Limits applied to every call of a tool.
public struct ResourceLimits: Sendable, Hashable {
    /// Wall-clock limit in milliseconds.
    public var timeoutMilliseconds: Int?
    /// Memory limit in mebibytes.
    public var memoryMegabytes: Int?
    /// Output size limit in kibibytes.
    public var outputKilobytes: Int?
    /// Instruction budget for WebAssembly handlers (fuel units).
    public var fuel: Int?

    /// Creates limits; `nil` takes the host default.
    public init(timeoutMilliseconds: Int? = nil, memoryMegabytes: Int? = nil, outputKilobytes: Int? = nil, fuel: Int? = nil) {
        self.timeoutMilliseconds = timeoutMilliseconds
        self.memoryMegabytes = memoryMegabytes
        self.outputKilobytes = outputKilobytes
        self.fuel = fuel
    }

    /// The accepted range of each limit; the validator enforces them.
    public static let timeoutRange = 1...600_000
    /// Accepted memory limits, in MiB.
    public static let memoryRange = 1...4096
    /// Accepted output limits, in KiB.
    public static let outputRange = 1...65_536
    /// Accepted fuel budgets.
    public static let fuelRange = 1_000...100_000_000_000
}

/// How a tool invocation ended.
public enum InvocationOutcome: String, Sendable, Hashable, CaseIterable, Codable {
    case ok
    case inputInvalid = "input_invalid"
    case denied
    case handlerError = "handler_error"
    case timeout
    case resourceExhausted = "resource_exhausted"
    case outputInvalid = "output_invalid"
}

/// An example call of a tool and what it must produce.
public struct ToolTest: Sendable, Hashable {
    /// What the test must see.
    public enum Expectation: Sendable, Hashable {
        /// The call succeeds with exactly this output (JSON equality).
        case output(JSONValue)
        /// The call ends with this outcome (`input_invalid`, `timeout`, …).
        case outcome(InvocationOutcome)
    }

    /// A short name for reports; defaults to the test's position.
    public var name: String?
    /// The input.
    public var input: JSONValue
    /// The expected result.
    public var expect: Expectation

    /// Creates a tool test.
    public init(name: String? = nil, input: JSONValue, expect: Expectation) {
        self.name = name
        self.input = input
        self.expect = expect
    }
}
