import ArgumentParser
import PackBasics
import PackJSON
import PackKernel
import PackLoading
import PackModel

/// `quiver show PATH`: what a pack contributes, what it asks for, and how its tools run.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Summarise a pack: contributions, requested capabilities with reasons, handlers.")

    @Argument(help: "A pack directory or manifest file.")
    var path: String = "."

    @Flag(help: "Also show the install report: what the host policy grants and what would be installed or skipped.")
    var report = false

    @Option(help: "The host policy for --report. (Default: $QUIVER_HOME/policy.yaml when it exists, else deny everything)")
    var policy: String?

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
        var installReport: InstallReport?
        if report {
            var selection = PackSelection()
            selection.policy = policy
            let kernel = Kernel(policy: try selection.loadPolicy())
            installReport = await kernel.load(directories: [result.root]).reports.first
        }
        if json {
            var summary = ManifestSummary.json(manifest, skillDescriptions: skillDescriptions)
            summary["path"] = .string(path)
            summary["valid"] = .bool(result.isValid)
            summary["diagnostics"] = .array(diagnostics.map(\.jsonValue))
            if let installReport { summary["report"] = installReport.jsonValue }
            Console.json(.object(summary))
        } else {
            for line in ManifestSummary.text(manifest, skillDescriptions: skillDescriptions) { Console.out(line) }
            if !diagnostics.isEmpty {
                Console.out("")
                Console.out("Diagnostics:")
                for diagnostic in diagnostics { Console.out("  " + diagnostic.description) }
            }
            if let installReport {
                Console.out("")
                Console.out("Install report:")
                for line in ReportText.lines([installReport]) { Console.out("  " + line) }
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
