import ArgumentParser
import PackBasics
import PackHTTP
import PackJSON
import PackKernel
import PackMCP
import PackState

/// What the long-running commands (`serve`, `mcp`) share: the state database and its views.
struct HostRuntime {
    /// `$QUIVER_HOME`.
    var home: String

    /// The opened state: the recorder for the invoker and the server's view of it.
    struct State {
        var store: StateStore
        var location: String

        var recorder: any InvocationRecorder { store }

        /// Tokens, success rates and recent invocations for the HTTP server.
        var services: ServerServices { ServerServices(store: store) }

        /// Writes what is queued; call before exiting.
        func close() async { await store.flush() }
    }

    /// The MCP Streamable HTTP endpoint over `invoker`, as PackHTTP mounts it at `/mcp`, and the
    /// endpoint itself (to shut its sessions down).
    func mcpMount(invoker: Invoker) -> (mount: MCPMount, endpoint: MCPHTTPEndpoint) {
        let endpoint = MCPHTTPEndpoint(version: QuiverVersion.current.description, invoker: { invoker })
        let mount = MCPMount { method, headers, body in
            let response = await endpoint.handle(MCPHTTPRequest(method: method, headers: headers, body: body))
            switch response.body {
            case .bytes(let bytes): return MCPMount.Reply(status: response.status, headers: response.headers, body: .bytes(bytes))
            case .stream(let chunks): return MCPMount.Reply(status: response.status, headers: response.headers, body: .stream(chunks))
            }
        }
        return (mount, endpoint)
    }

    /// Opens `$QUIVER_HOME/quiver.db`, or explains why it cannot.
    func openState() throws -> State {
        let path = StateStore.databasePath(home: home)
        do {
            return State(store: try StateStore.open(at: path), location: path)
        } catch {
            Console.error("\(error)")
            Console.err("hint: set QUIVER_HOME to a writable directory, or move the file aside to start afresh")
            throw ExitCode.failure
        }
    }
}
