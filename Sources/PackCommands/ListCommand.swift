import ArgumentParser
import PackBasics
import PackJSON
import PackLoading
import PackModel

/// `quiver list [DIR]`: the packs found under a directory.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the packs found under a directory.",
        discussion: "Searches DIR (default: the current directory) up to three levels deep for PACK.yaml, PACK.toml or PACK.json.")

    @Argument(help: "The directory to search.")
    var directory: String = "."

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let absolute = LocalFileSystem.absolute(directory)
        guard LocalFileSystem().isDirectory(absolute) else {
            Console.error("'\(directory)' is not a directory; give a directory that contains packs")
            throw ExitCode(64)
        }
        let loader = PackLoader()
        let rows = PackTargets.resolve(directory).map { target -> (PackTargets.Target, PackLoadResult) in
            (target, loader.load(at: target.absolute))
        }
        if json {
            Console.json(.array(rows.map { target, result in
                var object: JSONObject = ["path": .string(target.display), "valid": .bool(result.isValid)]
                if let manifest = result.manifest {
                    object["name"] = .string(manifest.name)
                    object["version"] = .string(manifest.version.description)
                    object["description"] = .string(manifest.description)
                    object["tools"] = .number(JSONNumber(manifest.tools.count))
                    object["skills"] = .number(JSONNumber(manifest.skills.count))
                }
                object["errors"] = .number(JSONNumber(result.diagnostics.filter { $0.severity == .error }.count))
                return .object(object)
            }))
            return
        }
        if rows.isEmpty {
            Console.out("no packs under '\(directory)'")
            return
        }
        var table: [[String]] = [["NAME", "VERSION", "TOOLS", "SKILLS", "STATUS", "PATH"]]
        for (target, result) in rows {
            let errors = result.diagnostics.filter { $0.severity == .error }.count
            table.append([
                result.manifest?.name ?? "?", result.manifest?.version.description ?? "?",
                String(result.manifest?.tools.count ?? 0), String(result.manifest?.skills.count ?? 0),
                errors == 0 && result.manifest != nil ? "valid" : Summary.plural(errors, "error"), target.display,
            ])
        }
        for line in TextTable.render(table) { Console.out(line) }
    }
}

/// Left-aligned columns separated by two spaces, with no spaces at the end of a line (where the
/// last cells are empty).
enum TextTable {
    static func render(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return rows.map { row in
            var line = row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
