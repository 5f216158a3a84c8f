#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MCP
import PackJSON
import PackKernel
import PackMCP
import PackModel
import PackTestSupport
import Testing

/// `quiver mcp`'s server, driven over real pipes by the swift-sdk client through Quiver's line transport.
@Suite(.tags(.medium))
struct StdioServerTests {
    @Test
    func initializeNamesTheServerAndOffersToolsPromptsAndResources() async throws {
        let invoker = await try MCPFixtures.exampleKernel().makeInvoker()
        let summary = try await MCPFixtures.withStdioServer(invoker: invoker) { _, summary in summary }
        #expect(summary.serverName == "quiver")
        #expect(summary.hasPrompts)
        #expect(summary.hasResources)
    }

    @Test
    func toolsListShowsTheExampleToolsWithTheirSchemasAndAnnotations() async throws {
        let invoker = await try MCPFixtures.exampleKernel().makeInvoker()
        let tools = try await MCPFixtures.withStdioServer(invoker: invoker) { client, _ in try await client.listTools().tools }
        let names = tools.map(\.name)
        #expect(names.contains("echo"))
        #expect(names.contains("text_stats"))
        #expect(names == names.sorted())
        #expect(Set(names).count == names.count)
        let echo = try #require(tools.first { $0.name == "echo" })
        #expect(echo.description == "Return the message it is given, unchanged")
        #expect(echo.inputSchema.objectValue?["required"] == .array([.string("message")]))
        #expect(echo.inputSchema.objectValue?["properties"]?.objectValue?["message"]?.objectValue?["type"] == .string("string"))
        #expect(echo.outputSchema?.objectValue?["type"] == .string("object"))
        #expect(echo.annotations.readOnlyHint == true)
    }

    @Test
    func toolsCallRunsAWasmToolThroughThePipeline() async throws {
        let invoker = await try MCPFixtures.exampleKernel().makeInvoker()
        let result = try await MCPFixtures.withStdioServer(invoker: invoker) { client, _ in
            let context: RequestContext<CallTool.Result> = try await client.callTool(name: "echo", arguments: ["message": "hello"])
            return try await context.value
        }
        #expect(result.isError != true)
        #expect(try JSONParser.parse(MCPFixtures.text(result.content)) == ["message": "hello"])
        #expect(result.structuredContent == .object(["message": .string("hello")]))
    }

    @Test
    func badInputIsAToolErrorWithTheValidationMessage() async throws {
        let invoker = await try MCPFixtures.exampleKernel().makeInvoker()
        let (content, isError) = try await MCPFixtures.withStdioServer(invoker: invoker) { client, _ in
            try await client.callTool(name: "echo", arguments: ["message": 42])
        }
        #expect(isError == true)
        let text = MCPFixtures.text(content)
        #expect(text.hasPrefix("input_invalid: "), "\(text)")
        #expect(text.contains("at /message: "), "\(text)")
    }

    @Test
    func anUnknownToolIsAJSONRPCError() async throws {
        let invoker = await try MCPFixtures.exampleKernel().makeInvoker()
        let message = try await MCPFixtures.withStdioServer(invoker: invoker) { client, _ in
            do {
                _ = try await client.callTool(name: "no_such_tool", arguments: [:])
                return "no error"
            } catch let error as MCPError {
                return "\(error.code): \(error.localizedDescription)"
            }
        }
        #expect(message.hasPrefix("-32602: "), "\(message)")
        #expect(message.contains("no tool 'no_such_tool'"), "\(message)")
    }

    @Test
    func theClientNameFromInitializeIsRecordedAsTheCaller() async throws {
        let recorder = RecordingRecorder()
        let invoker = await try MCPFixtures.exampleKernel().makeInvoker(recorder: recorder)
        _ = try await MCPFixtures.withStdioServer(invoker: invoker, clientName: "claude-code-test") { client, _ in
            _ = try await client.callTool(name: "echo", arguments: ["message": "hi"])
            _ = try await client.callTool(name: "echo", arguments: [:])
        }
        let records = await recorder.records
        #expect(records.map(\.caller) == ["claude-code-test", "claude-code-test"])
        #expect(records.map(\.outcome) == [.ok, .inputInvalid])
        #expect(records.first?.tool == "echo-tools/echo")
    }

    @Test
    func skillsArePromptsWithTheirDescriptionAndBody() async throws {
        let invoker = await try MCPFixtures.exampleKernel().makeInvoker()
        let (prompts, prompt) = try await MCPFixtures.withStdioServer(invoker: invoker) { client, _ in
            (try await client.listPrompts().prompts, try await client.getPrompt(name: "python-dev__python-style"))
        }
        #expect(Set(prompts.map(\.name)).isSuperset(of: ["python-dev__python-style", "python-dev__python-testing",
                                                         "toml-notes__meeting-notes"]))
        let style = try #require(prompts.first { $0.name == "python-dev__python-style" })
        #expect(style.description?.hasPrefix("House style for Python code") == true)
        #expect(prompt.description == style.description)
        guard case .text(let body)? = prompt.messages.first?.content else {
            Issue.record("the prompt has no text message: \(prompt.messages)")
            return
        }
        #expect(body.hasPrefix("# Python style"))
        #expect(!body.contains("description:"))
    }

    @Test
    func skillsAndInstructionsAreResources() async throws {
        let invoker = await try MCPFixtures.exampleKernel().makeInvoker()
        let (resources, contents) = try await MCPFixtures.withStdioServer(invoker: invoker) { client, _ in
            (try await client.listResources().resources, try await client.readResource(uri: "quiver://skills/python-dev/python-style"))
        }
        let uris = Set(resources.map(\.uri))
        #expect(uris.isSuperset(of: ["quiver://skills/python-dev/python-style", "quiver://instructions/python-dev"]))
        #expect(contents.first?.mimeType == "text/markdown")
        #expect(contents.first?.text?.hasPrefix("---\nname: python-style") == true)
    }

    @Test
    func anUnknownPromptIsAJSONRPCErrorNamingTheConvention() async throws {
        let invoker = await try MCPFixtures.exampleKernel().makeInvoker()
        let message = try await MCPFixtures.withStdioServer(invoker: invoker) { client, _ in
            do {
                _ = try await client.getPrompt(name: "nope")
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        #expect(message.contains("pack__skill"), "\(message)")
    }

    @Test
    func everyRequestIsAnsweredWhenTheClientClosesItsEndRightAfterWriting() async throws {
        let invoker = await try MCPFixtures.exampleKernel().makeInvoker()
        var requests: [Int32] = [-1, -1], responses: [Int32] = [-1, -1]
        #expect(pipe(&requests) == 0 && pipe(&responses) == 0)
        let lines = [
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}"#,
            #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"message":"a"}}}"#,
            #"{"jsonrpc":"2.0","id":"three","method":"tools/call","params":{"name":"echo","arguments":{"message":3}}}"#,
            #"{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"missing"}}"#,
        ]
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        #expect(bytes.withUnsafeBytes { write(requests[1], $0.baseAddress, $0.count) } == bytes.count)
        close(requests[1])
        let server = MCPCatalogServer(version: "test") { invoker }
        try await server.runStdio(input: requests[0], output: responses[1])
        close(requests[0]); close(responses[1])
        let output = FileHandle(fileDescriptor: responses[0], closeOnDealloc: true).readDataToEndOfFile()
        let messages = try String(decoding: output, as: UTF8.self).split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(Set(messages.compactMap { $0["id"]?.serialized() }) == ["1", "2", "\"three\"", "4"])
        #expect(messages.first { $0["id"] == 4 }?["error"]?["code"] == -32602)
    }
}
