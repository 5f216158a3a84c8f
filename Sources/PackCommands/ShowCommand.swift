import ArgumentParser
import PackBasics
import PackJSON
import PackLoading
import PackModel

/// `quiver show PATH`: what a pack contributes, what it asks for, and how its tools run.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Summarise a pack: contributions, requested capabilities with reasons, handlers.")

    @Argument(help: "A pack directory or manifest file.")
    var path: String = "."

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let absolute = LocalFileSystem.absolute(path)
        let result = PackLoader().load(at: absolute)
        let diagnostics = result.diagnostics.map { $0.displayed(relativeTo: path) }
        guard let manifest = result.manifest else {
            if json {
                Console.json(["valid": false, "diagnostics": .array(diagnostics.map(\.jsonValue))])
            } else {
                for diagnostic in diagnostics { Console.err(diagnostic.description) }
            }
            throw ExitCode.failure
        }
        let skillDescriptions = Self.skillDescriptions(manifest, root: result.root)
        if json {
            var summary = ManifestSummary.json(manifest, skillDescriptions: skillDescriptions)
            summary["path"] = .string(path)
            summary["valid"] = .bool(result.isValid)
            summary["diagnostics"] = .array(diagnostics.map(\.jsonValue))
            Console.json(.object(summary))
        } else {
            for line in ManifestSummary.text(manifest, skillDescriptions: skillDescriptions) { Console.out(line) }
            if !diagnostics.isEmpty {
                Console.out("")
                Console.out("Diagnostics:")
                for diagnostic in diagnostics { Console.out("  " + diagnostic.description) }
            }
        }
        if !result.isValid { throw ExitCode.failure }
    }

    private static func skillDescriptions(_ manifest: Manifest, root: String) -> [String: String] {
        var result: [String: String] = [:]
        for skill in manifest.skills {
            let file = Path.join(root, skill.path, "SKILL.md")
            if let text = try? LocalFileSystem().readTextFile(at: file, limit: 1 << 20),
               let (frontMatter, _) = try? SkillFrontMatter.parse(text) {
                result[skill.path] = frontMatter.description
            }
        }
        return result
    }
}
