#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MCP
import PackBasics
import PackJSON
import PackKernel
import PackMCP
import PackTestSupport
import Testing

/// Records every invocation, so tests can see the caller and outcome the pipeline recorded.
actor RecordingRecorder: InvocationRecorder {
    private(set) var records: [InvocationRecord] = []

    func record(_ record: InvocationRecord) async {
        records.append(record)
    }
}

/// Kernels and servers over the example packs, as `quiver mcp --packs examples/packs --policy examples/policy.yaml` has them.
enum MCPFixtures {
    /// A kernel with the example packs under the example policy.
    static func exampleKernel() async throws -> Kernel {
        let (policy, diagnostics) = HostPolicy.load(from: Path.join(TestPaths.repositoryRoot, "examples/policy.yaml"))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let kernel = Kernel(policy: policy)
        await kernel.load(directories: [TestPaths.examplePacks])
        return kernel
    }

    /// A kernel with the given pack directories, granting `policy` (YAML text).
    static func kernel(packs: [String], policy: String) async throws -> Kernel {
        let directory = try TestPaths.makeDirectory(["policy.yaml": policy], label: "policy")
        let (loaded, diagnostics) = HostPolicy.load(from: Path.join(directory, "policy.yaml"))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let kernel = Kernel(policy: loaded)
        await kernel.load(directories: packs)
        return kernel
    }

    /// Runs the stdio server on a pair of pipes and hands `body` a connected SDK client.
    static func withStdioServer<T: Sendable>(
        invoker: Invoker, clientName: String = "swift-test-client",
        _ body: (Client, InitializeSummary) async throws -> T
    ) async throws -> T {
        var requests: [Int32] = [-1, -1], responses: [Int32] = [-1, -1]
        #expect(pipe(&requests) == 0 && pipe(&responses) == 0)
        let server = MCPCatalogServer(serverName: "quiver", version: "test") { invoker }
        let serverInput = requests[0], serverOutput = responses[1]
        let running = Task { try await server.runStdio(input: serverInput, output: serverOutput) }
        let client = Client(name: clientName, version: "1.0")
        let transport = LineTransport(input: responses[0], output: requests[1], closesDescriptors: true)
        let result: T
        do {
            let initialized = try await client.connect(transport: transport)
            result = try await body(client, InitializeSummary(serverName: initialized.serverInfo.name,
                                                               hasPrompts: initialized.capabilities.prompts != nil,
                                                               hasResources: initialized.capabilities.resources != nil))
        } catch {
            await client.disconnect()
            try? await running.value
            close(serverInput); close(serverOutput)
            throw error
        }
        await client.disconnect()
        try await running.value
        close(serverInput); close(serverOutput)
        return result
    }

    /// What `initialize` returned.
    struct InitializeSummary: Sendable {
        var serverName: String
        var hasPrompts: Bool
        var hasResources: Bool
    }

    /// The text of a tool result's text items.
    static func text(_ content: [MCP.Tool.Content]) -> String {
        content.compactMap { item -> String? in
            if case .text(let text, _, _) = item { return text }
            return nil
        }.joined(separator: "\n")
    }
}
