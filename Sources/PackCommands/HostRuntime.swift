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

    /// The MCP Streamable HTTP endpoint over `invoker`, which PackHTTP mounts at `/mcp`.
    func mcpEndpoint(invoker: Invoker) -> MCPHTTPEndpoint {
        MCPHTTPEndpoint(version: QuiverVersion.current.description, invoker: { invoker })
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
