import ArgumentParser
import PackBasics
import PackJSON
import PackLoading
import PackModel

/// `quiver create NAME`: scaffolds a pack that validates as created.
struct CreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a new pack from a template.",
        discussion: "Templates: " + PackScaffold.Template.allCases.map { "\($0.rawValue) (\($0.summary))" }.joined(separator: "; ") + ".")

    @Argument(help: "The pack name: lower-case letters, digits and single hyphens, such as 'my-tools'.")
    var name: String

    @Option(help: "What the pack starts with: \(PackScaffold.Template.allCases.map(\.rawValue).joined(separator: ", ")).")
    var template: String = PackScaffold.Template.tool.rawValue

    @Option(name: .customLong("in"), help: "The directory to create the pack in (Default: the current directory).")
    var parent: String = "."

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        guard Identifiers.isValidPackName(name) else {
            Console.error("'\(name)' is not a valid pack name; use 2-64 lower-case letters, digits and single hyphens, such as 'my-tools'")
            throw ExitCode(64)
        }
        guard let template = PackScaffold.Template(rawValue: template) else {
            Console.error("unknown template '\(self.template)'; use one of "
                          + PackScaffold.Template.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))
            throw ExitCode(64)
        }
        let fileSystem = LocalFileSystem()
        let root = LocalFileSystem.absolute(Path.join(parent, name))
        if fileSystem.exists(root) {
            Console.error("'\(Path.join(parent, name))' already exists; choose another name or remove it first")
            throw ExitCode.failure
        }
        let files = PackScaffold.files(name: name, template: template)
        do {
            for (path, contents) in files {
                let absolute = Path.join(root, path)
                try fileSystem.createDirectory(at: Path.parent(absolute))
                try fileSystem.writeFileAtomically(at: absolute, contents: contents)
            }
        } catch {
            Console.error("cannot create the pack: \(error.message)")
            throw ExitCode.failure
        }
        let display = parent == "." ? name : Path.join(parent, name)
        if json {
            Console.json(["path": .string(display), "name": .string(name), "template": .string(template.rawValue),
                          "files": .array(files.map { .string($0.0) })])
        } else {
            Console.out("created \(display) (\(template.rawValue) template)")
            for (path, _) in files { Console.out("  \(path)") }
            Console.out("next: quiver validate \(display)")
        }
    }
}
