import ArgumentParser
import PackJSON
import PackLoading

/// `quiver schema manifest`: prints JSON Schemas of Quiver's formats, for editors.
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of a Quiver format, for editors.",
        discussion: "Example: quiver schema manifest > pack.schema.json, then point your editor's YAML schema setting at it.")

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case manifest
    }

    @Argument(help: "Which schema: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: Kind

    @Flag(help: "Print compact JSON on one line.")
    var json = false

    func run() async throws {
        switch kind {
        case .manifest:
            Console.out(ManifestJSONSchema.value.serialized(pretty: !json))
        }
    }
}
