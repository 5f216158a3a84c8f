import ArgumentParser
import PackBasics
import PackKernel
import PackMCP
import PackState

/// `quiver mcp`: an MCP server over stdio offering the selected packs' tools and skills.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the packs' tools and skills to an MCP client over stdio.",
        discussion: """
            Speaks the Model Context Protocol on standard input and output (newline-delimited \
            JSON-RPC); messages and problems go to standard error only. Tools are the catalog's \
            model-visible tools (the newest stable version of each pack), called through the \
            invocation pipeline; skills are prompts and resources. Every call is recorded in \
            $QUIVER_HOME/quiver.db with the client's name as the caller (see 'quiver stats').

            Add it to Claude Code with:
              claude mcp add quiver -- quiver mcp --packs /path/to/packs --policy /path/to/policy.yaml
            """)

    @OptionGroup var selection: PackSelection

    func run() async throws {
        let kernel = try await selection.kernel()
        let catalog = await kernel.catalog
        for report in catalog.reports where report.status != .installed {
            Console.err("quiver mcp: \(report.pack) is \(report.status); run 'quiver status' for the reasons")
        }
        // Calls are recorded in $QUIVER_HOME/quiver.db with the client's name, as `quiver serve` records them.
        let store = try StateHomeOption.open(home: PackSelection.home)
        let invoker = await selection.invoker(kernel: kernel, recorder: store)
        let server = MCPCatalogServer(serverName: "quiver", version: QuiverVersion.current.description) { invoker }
        var failure: (any Error)?
        do {
            try await server.runStdio()
        } catch {
            failure = error
        }
        await MCPServerPool.shared.shutdown()
        await store.flush()
        if let failure {
            Console.error("the MCP server stopped: \(failure)")
            throw ExitCode.failure
        }
    }
}
