import ArgumentParser
import PackBasics
import PackKernel

/// The root of the `quiver` command tree.
public struct QuiverCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "quiver",
        abstract: "Quiver: a pack host for AI agents.",
        discussion: """
            A pack bundles tools (JSON-Schema contracts, sandboxed handlers), skills, MCP servers, \
            workflow templates, routing rules and safety defaults. Start with 'quiver create NAME', \
            then 'quiver validate NAME'.
            """,
        version: QuiverVersion.current.description,
        subcommands: [
            CreateCommand.self,
            ValidateCommand.self,
            ShowCommand.self,
            ListCommand.self,
            SchemaCommand.self,
            JSONCommand.self,
            StatusCommand.self,
            CatalogCommand.self,
            CallCommand.self,
            TestCommand.self,
            StatsCommand.self,
            TokenCommand.self,
            MCPCommand.self,
            ServeCommand.self,
        ]
    )

    public init() {}
}
