import ArgumentParser
import PackBasics
import PackJSON
import PackKernel
import PackModel

/// `quiver catalog`: what the kernel offers: tools by model-visible name, services, hooks; `--json`
/// prints the deterministic dump.
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Show the catalog built from the packs and the host policy.",
        discussion: "With --json, prints a deterministic dump: the same packs and policy give byte-identical output.")

    @OptionGroup var selection: PackSelection

    @Flag(help: "Print the deterministic JSON dump.")
    var json = false

    func run() async throws {
        let catalog = try await selection.catalog()
        if json {
            Console.out(catalog.dumpText())
            return
        }
        var rows: [[String]] = [["TOOL", "ID", "HANDLER"]]
        for name in catalog.exposedTools.keys.sorted() {
            let id = catalog.exposedTools[name]!
            rows.append([name, id, catalog.tools[id]?.tool.handler.kind ?? "?"])
        }
        for line in TextTable.render(rows) { Console.out(line) }
        if !catalog.services.isEmpty {
            Console.out("")
            for (id, pack) in catalog.services.sorted(by: { $0.key < $1.key }) { Console.out("service \(id) ← \(pack)") }
        }
        if !catalog.hooks.isEmpty {
            Console.out("")
            for hook in catalog.hooks { Console.out("hook \(hook.hook.point.rawValue) → \(hook.toolID)") }
        }
        for diagnostic in catalog.diagnostics { Console.out(diagnostic.description) }
    }
}
