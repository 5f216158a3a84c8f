import ArgumentParser
import Logging
import PackBasics
import PackHTTP
import PackJSON
import PackKernel
import PackMCP
import PackState

/// `quiver serve`: the host over HTTP — REST API, MCP at /mcp, web UI at /.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve packs over HTTP: the REST API (/api/v1), MCP (/mcp) and the web UI (/).",
        discussion: """
            Listens on 127.0.0.1:7878 by default and serves examples/packs when no packs are given \
            (see --packs). Invocations are recorded in $QUIVER_HOME/quiver.db. Routes that run tools \
            need a bearer token (quiver token create NAME) when the server listens beyond loopback, or \
            always with --require-token. Requests whose Host or Origin is not a loopback name, the \
            listening address or an --allow-host name are refused. SIGINT or SIGTERM stops the server \
            after in-flight requests finish.
            """)

    @OptionGroup var selection: PackSelection

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port: Int = 7878

    @Flag(help: "Require a bearer token for invoking routes even on loopback.")
    var requireToken = false

    @Option(name: .customLong("allow-host"), help: "Another host name to accept in Host and Origin headers (repeatable).")
    var allowedHosts: [String] = []

    @Option(help: "Log level on standard error.")
    var logLevel: Logger.Level = .notice

    @Flag(help: "Print the listening line as JSON: {url, api, mcp, packs, tools, auth_required}.")
    var json = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, not \(port)") }
    }

    func run() async throws {
        let kernel = try await selection.kernel()
        let store = try StateHomeOption.open(home: PackSelection.home)
        let invoker = await selection.invoker(kernel: kernel, recorder: store)
        let catalog = invoker.catalog
        var logger = Logger(label: "quiver.http")
        logger.logLevel = logLevel
        let configuration = ServerConfiguration(host: host, port: port,
                                                tokens: requireToken ? .always : .automatic, allowedHosts: allowedHosts)
        let mcp = MCPHTTPEndpoint(version: QuiverVersion.current.description, invoker: { invoker })
        let server = QuiverHTTPServer(catalog: catalog, invoker: invoker, configuration: configuration,
                                      services: ServerServices(store: store), mcp: mcp, logger: logger)
        let refused = catalog.reports.filter { $0.status == .refused }
        // Compile the wasm modules while the server starts, so the first call of each tool is fast.
        Task.detached(priority: .utility) { await invoker.prepareModules() }
        let json = self.json
        var failure: (any Error)?
        do {
            try await server.run { boundHost, boundPort in
                let authority = boundHost.contains(":") ? "[\(boundHost)]:\(boundPort)" : "\(boundHost):\(boundPort)"
                let url = "http://\(authority)/"
                if json {
                    Console.out(JSONValue.object([
                        "url": .string(url), "api": .string(url + "api/v1"), "mcp": .string(url + "mcp"),
                        "packs": .number(JSONNumber(catalog.packs.count)), "tools": .number(JSONNumber(catalog.exposedTools.count)),
                        "auth_required": .bool(configuration.requiresToken),
                    ]).serialized())
                } else {
                    Console.out("Quiver \(QuiverVersion.current) serving \(catalog.packs.count) packs (\(catalog.exposedTools.count) tools) at \(url)")
                    Console.out("  web UI    \(url)")
                    Console.out("  REST API  \(url)api/v1  (OpenAPI: \(url)api/v1/openapi.json)")
                    Console.out("  MCP       \(url)mcp  (Streamable HTTP)")
                    Console.out("  records   \(store.path ?? StateStore.databasePath(home: PackSelection.home))")
                    if configuration.requiresToken {
                        Console.out("  auth      invoking routes need 'Authorization: Bearer TOKEN' (quiver token create NAME)")
                    }
                    for report in refused {
                        Console.err("warning: \(report.pack) was refused: \(report.diagnostics.first?.message ?? "see quiver status")")
                    }
                    Console.out("Press Ctrl-C to stop.")
                }
            }
        } catch {
            failure = error
        }
        await mcp.shutdown()
        await MCPServerPool.shared.shutdown()
        await store.flush()
        guard let failure else { return }
        let text = "\(failure)"
        if text.contains("Address already in use") {
            Console.error("cannot listen on \(host):\(port): the port is already in use; stop the other server or pass --port N (0 picks a free port)")
        } else if text.contains("UnknownHost") || text.contains("Cannot assign requested address") {
            Console.error("cannot listen on '\(host)': it is not an address of this machine; use 127.0.0.1 (the default), 0.0.0.0 or one of the machine's addresses")
        } else {
            Console.error("the server stopped: \(text)")
        }
        throw ExitCode.failure
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
