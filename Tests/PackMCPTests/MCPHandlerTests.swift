import Foundation
import PackBasics
import PackJSON
import PackKernel
import PackMCP
import PackModel
import PackTestSupport
import Testing

/// Tools of a pack proxied to a real MCP server process (Tests/Fixtures/mcp/proxy-pack, a
/// FastMCP/MCPServer script on the official Python SDK), through the whole pipeline.
@Suite(.tags(.large), .serialized,
       .enabled(if: pythonWithMCP != nil, "needs python3 with the official MCP SDK: pip install mcp"))
struct MCPHandlerTests {
    /// The proxy pack with its interpreter filled in, loaded under a policy that grants it `exec`.
    static func invoker(pool: MCPServerPool, grant: Bool = true, recorder: (any InvocationRecorder)? = nil) async throws
        -> Invoker {
        let python = try #require(pythonWithMCP)
        let pack = try TestPaths.fixture(named: "mcp/proxy-pack")
        let manifest = Path.join(pack, "PACK.yaml")
        let text = try String(contentsOfFile: manifest, encoding: .utf8).replacingOccurrences(of: "PYTHON", with: python)
        try text.write(toFile: manifest, atomically: true, encoding: .utf8)
        let policy = grant ? "format: 1\ngrants:\n  - match: { packs: [proxy-pack] }\n    allow:\n      - exec: [\"\(python)\"]\n"
            : "format: 1\n"
        let kernel = try await MCPFixtures.kernel(packs: [pack], policy: policy)
        return await kernel.makeInvoker(recorder: recorder).withMCPCaller(pool)
    }

    /// Runs `body` with an invoker over the proxy pack and a pool of its own, and always shuts the
    /// pool down, so a failing `try` does not leave Python servers running.
    static func withInvoker(grant: Bool = true, _ body: (Invoker, MCPServerPool) async throws -> Void) async throws {
        let pool = MCPServerPool()
        do {
            try await body(try await invoker(pool: pool, grant: grant), pool)
        } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
    }

    @Test
    func aProxiedToolReturnsTheServersOutputCheckedAgainstThePacksSchema() async throws {
        try await Self.withInvoker { invoker, _ in
            let result = try await invoker.invoke("add", input: ["a": 2, "b": 40])
            #expect(result.outcome == .ok, "\(result.error ?? "")")
            #expect(result.output == ["sum": 42])
            let renamed = try await invoker.invoke("loud", input: ["text": "quiet"])
            #expect(renamed.outcome == .ok, "\(renamed.error ?? "")")
            #expect(renamed.output == ["result": "QUIET"])
        }
    }

    @Test
    func thePacksInputSchemaIsCheckedBeforeTheServerIsCalled() async throws {
        try await Self.withInvoker { invoker, pool in
            let result = try await invoker.invoke("add", input: ["a": "two", "b": 1])
            #expect(result.outcome == .inputInvalid)
            #expect(result.record.validationErrors.contains { $0.hasPrefix("at /a: ") })
            #expect(await pool.runningCount == 0)
        }
    }

    @Test
    func theServerIsStartedOnceAndReusedWithAScrubbedEnvironment() async throws {
        try await Self.withInvoker { invoker, pool in
            let first = try await invoker.invoke("whoami", input: [:])
            let second = try await invoker.invoke("whoami", input: [:])
            #expect(first.outcome == .ok, "\(first.error ?? "")")
            #expect(first.output?["instance"] != nil)
            #expect(first.output?["instance"] == second.output?["instance"])
            #expect(await pool.runningCount == 1)
            let names = Set(first.output?["env"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            #expect(names.contains("FIXTURE_MODE"))
            #expect(names.contains("PATH"))
            #expect(!names.contains("USER") && !names.contains("SHELL"), "\(names.sorted())")
            #expect(first.output?["cwd"]?.stringValue?.contains("quiver-mcp-") == true)
            await pool.shutdown()
            #expect(await pool.runningCount == 0)
        }
    }

    @Test
    func aToolErrorOfTheServerIsAHandlerError() async throws {
        try await Self.withInvoker { invoker, _ in
            let result = try await invoker.invoke("fail", input: ["message": "boom"])
            #expect(result.outcome == .handlerError)
            #expect(result.error?.contains("reported an error") == true, "\(result.error ?? "")")
        }
    }

    @Test
    func aCallPastTheToolsTimeoutEndsAsTimeoutAndTheServerIsRestarted() async throws {
        try await Self.withInvoker { invoker, _ in
            let before = try await invoker.invoke("whoami", input: [:])
            let clock = ContinuousClock()
            let start = clock.now
            let slow = try await invoker.invoke("sleep", input: ["seconds": 5])
            #expect(slow.outcome == .timeout)
            #expect(clock.now - start < .seconds(3))
            let after = try await invoker.invoke("whoami", input: [:])
            #expect(after.outcome == .ok)
            #expect(after.output?["instance"] != before.output?["instance"])
        }
    }

    @Test
    func aServerThatDiesIsRestartedOnTheNextCall() async throws {
        try await Self.withInvoker { invoker, _ in
            let before = try await invoker.invoke("whoami", input: [:])
            let crash = try await invoker.invoke("crash", input: [:])
            #expect(crash.outcome == .handlerError)
            #expect(crash.error?.contains("crashing on purpose") == true, "\(crash.error ?? "")")
            let after = try await invoker.invoke("whoami", input: [:])
            #expect(after.outcome == .ok, "\(after.error ?? "")")
            #expect(after.output?["instance"] != before.output?["instance"])
        }
    }

    @Test
    func aProcessHandlerWithTheMCPProtocolCallsTheToolOfTheSameName() async throws {
        try await Self.withInvoker { invoker, _ in
            let result = try await invoker.invoke("proxy-pack/shout", input: ["text": "process"])
            #expect(result.outcome == .ok, "\(result.error ?? "")")
            #expect(result.output == ["result": "PROCESS"])
        }
    }

    @Test
    func withoutTheExecGrantTheProxiedToolsAreNotInstalled() async throws {
        try await Self.withInvoker(grant: false) { invoker, _ in
            #expect(invoker.catalog.tool(named: "add") == nil)
            let report = try #require(invoker.catalog.report(for: "proxy-pack"))
            #expect(report.skipped.contains { $0.reason.contains("does not grant 'exec'") }, "\(report.skipped)")
        }
    }

    @Test
    func anInvokerWithoutAnMCPCallerSaysWhatIsMissing() async throws {
        try await Self.withInvoker { invoker, _ in
            let invoker = invoker.withMCPCaller(nil)
            let result = try await invoker.invoke("add", input: ["a": 1, "b": 2])
            #expect(result.outcome == .handlerError)
            #expect(result.error?.hasPrefix("MCP handlers need an MCP client") == true)
        }
    }
}
