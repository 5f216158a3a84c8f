public import PackBasics
public import PackJSON
public import PackLoading
public import PackModel

/// A pack offered to a ``CatalogBuilder``: loaded from disk or defined in Swift, valid or not.
///
/// Both kinds go through the same checks: a built-in pack's manifest is validated by the same
/// ``ManifestValidator`` as a pack on disk.
public struct PackInput: Sendable {
    /// Where a pack comes from.
    public enum Origin: Sendable, Hashable, CustomStringConvertible {
        /// A directory on disk.
        case directory(String)
        /// A ``PackDefinition`` of the embedding host.
        case builtin

        public var description: String {
            switch self {
            case .directory(let path): path
            case .builtin: "built-in"
            }
        }
    }

    /// The manifest, when it could be read.
    public var manifest: Manifest?
    /// Where the pack comes from.
    public var origin: Origin
    /// Diagnostics from loading; any error refuses the pack.
    public var diagnostics: [Diagnostic]
    /// Schema files the manifest names, read at load time (pack-relative path → JSON).
    public var schemaFiles: [String: JSONValue]
    /// Handlers a built-in pack brings (name → closure).
    public var builtinHandlers: [String: BuiltinHandler]

    /// Creates an input.
    public init(manifest: Manifest?, origin: Origin, diagnostics: [Diagnostic] = [], schemaFiles: [String: JSONValue] = [:],
                builtinHandlers: [String: BuiltinHandler] = [:]) {
        self.manifest = manifest
        self.origin = origin
        self.diagnostics = diagnostics
        self.schemaFiles = schemaFiles
        self.builtinHandlers = builtinHandlers
    }

    /// An input from a pack loaded from disk: reads the schema files its manifest names.
    public init(loaded result: PackLoadResult, fileSystem: any FileSystem = LocalFileSystem()) {
        var files: [String: JSONValue] = [:]
        if let manifest = result.manifest, result.isValid {
            var paths = manifest.schemas.compactMap { definition -> String? in
                if case .file(let path) = definition.source { return path }
                return nil
            }
            for tool in manifest.tools {
                for reference in [tool.input] + (tool.output.map { [$0] } ?? []) {
                    if case .file(let path) = reference { paths.append(path) }
                }
            }
            for path in paths where files[path] == nil {
                let absolute = Path.join(result.root, Path.normalize(path))
                if let bytes = try? fileSystem.readFile(at: absolute, limit: DocumentLimits.default.maxBytes),
                   let value = try? JSONParser.parse(bytes) {
                    files[path] = value
                }
            }
        }
        self.init(manifest: result.manifest, origin: .directory(result.root), diagnostics: result.diagnostics, schemaFiles: files)
    }

    /// The identity for reports: `name@version`, or the origin when there is no manifest.
    var label: String { manifest.map { "\($0.name)@\($0.version)" } ?? origin.description }
}

/// A Swift closure that handles a tool call of a built-in pack: JSON in, JSON out.
public typealias BuiltinHandler = @Sendable (JSONValue) async throws -> JSONValue

/// A pack defined in Swift by an embedding host: a manifest, the files it names, and builtin handlers.
///
/// ```swift
/// let clock = PackDefinition(
///     manifest: Manifest(name: "clock", version: Version(1, 0, 0), description: "the time",
///                        tools: [Tool(name: "now", description: "the time", input: .inline(["type": "object"]),
///                                     handler: .builtin("now"))]),
///     handlers: ["now": { _ in ["iso8601": "2026-01-01T00:00:00Z"] }])
/// await kernel.add(clock)
/// ```
public struct PackDefinition: Sendable {
    /// The manifest.
    public var manifest: Manifest
    /// Files the manifest names (pack-relative path → contents), such as skills and schemas.
    public var files: [String: String]
    /// Handlers for the manifest's `builtin` tools, by handler name.
    public var handlers: [String: BuiltinHandler]

    /// Creates a definition.
    public init(manifest: Manifest, files: [String: String] = [:], handlers: [String: BuiltinHandler] = [:]) {
        self.manifest = manifest
        self.files = files
        self.handlers = handlers
    }

    /// The definition checked exactly like a pack on disk (in an in-memory copy of its files).
    public func input() -> PackInput {
        let root = "/builtin/\(manifest.name)"
        var contents: [String: String] = [:]
        for (path, text) in files { contents[Path.join(root, path)] = text }
        contents[Path.join(root, ".definition")] = ""
        let fileSystem = InMemoryFileSystem(files: contents)
        let diagnostics = ManifestValidator(manifest: manifest, document: .null, packRoot: root, file: "\(manifest.name) (built-in)",
                                            fileSystem: fileSystem).validate(includingSyntax: true)
        var schemaFiles: [String: JSONValue] = [:]
        for (path, text) in files where path.hasSuffix(".json") {
            if let value = try? JSONParser.parse(text) { schemaFiles[path] = value }
        }
        return PackInput(manifest: manifest, origin: .builtin, diagnostics: diagnostics, schemaFiles: schemaFiles,
                         builtinHandlers: handlers)
    }
}
