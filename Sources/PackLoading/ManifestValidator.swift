import PackBasics
import PackJSON
import PackModel

/// Checks what a decoded manifest says against itself and against the files of its pack.
///
/// It reports *every* problem as a ``Diagnostic``: paths that leave the pack or do not exist,
/// duplicate and dangling IDs, contributions that need a capability the pack does not request,
/// skills whose `SKILL.md` front matter is wrong, and tool contracts that are not usable schemas.
///
/// ```swift
/// let diagnostics = ManifestValidator(manifest: manifest, document: document, packRoot: root).validate()
/// ```
public struct ManifestValidator {
    let manifest: Manifest
    let document: JSONValue
    let packRoot: String
    let fileSystem: any FileSystem
    let file: String
    let limits: DocumentLimits
    let schemaChecker: SchemaChecker
    /// Collected diagnostics; a reference, so checks stay non-mutating and pointers can be computed lazily.
    let collected = DiagnosticCollector()

    /// Creates a validator.
    /// - Parameters:
    ///   - manifest: The decoded manifest.
    ///   - document: The parsed document it was decoded from (used to point at the right place).
    ///   - packRoot: The absolute path of the pack directory.
    ///   - file: The manifest file name, for locations (Default: `PACK.yaml`).
    ///   - fileSystem: Where the pack's files are read from.
    public init(manifest: Manifest, document: JSONValue, packRoot: String, file: String = "PACK.yaml",
                fileSystem: any FileSystem = LocalFileSystem(), limits: DocumentLimits = .default) {
        self.manifest = manifest
        self.document = document
        self.packRoot = Path.normalize(packRoot)
        self.file = file
        self.fileSystem = fileSystem
        self.limits = limits
        self.schemaChecker = SchemaChecker()
    }

    /// Runs every check and returns all diagnostics.
    ///
    /// - Parameter includingSyntax: Also check names, IDs, scopes and limits, as the decoder does
    ///   for text; set it for manifests built in code. (Default: `false`.)
    public func validate(includingSyntax: Bool = false) -> [Diagnostic] {
        if includingSyntax { checkModelSyntax() }
        checkSchemas()
        checkTools()
        checkKnowledge()
        checkWorkflow()
        checkServicesHooksBackground()
        return collected.diagnostics
    }

    // MARK: Reporting

    // Pointers are autoclosures: finding one searches the document, which only a diagnostic needs.
    func error(_ message: String, at pointer: @autoclosure () -> String) {
        collected.diagnostics.append(.error(message, at: SourceLocation(file: file, pointer: pointer())))
    }

    func warning(_ message: String, at pointer: @autoclosure () -> String) {
        collected.diagnostics.append(.warning(message, at: SourceLocation(file: file, pointer: pointer())))
    }

    /// The pointer of the element of the array at `arrayPointer` whose `key` equals `value`;
    /// `occurrence` picks among duplicates (0 is the first).
    func pointer(inArray arrayPointer: String, key: String, equals value: String, fallback: Int, occurrence: Int = 0) -> String {
        if case .array(let items)? = document[pointerTokens: arrayPointer] {
            var seen = 0
            for (index, item) in items.enumerated() {
                var matches = false
                if case .object(let object) = item, case .string(let text)? = object[key], text == value { matches = true }
                if case .string(let text) = item, text == value { matches = true }
                if matches {
                    if seen == occurrence { return arrayPointer + "/" + String(index) }
                    seen += 1
                }
            }
        }
        return arrayPointer + "/" + String(fallback)
    }

    func toolPointer(_ tool: Tool, index: Int) -> String {
        let occurrence = manifest.tools[..<index].filter { $0.name == tool.name }.count
        return pointer(inArray: "/tools", key: "name", equals: tool.name, fallback: index, occurrence: occurrence)
    }

    // MARK: Paths

    /// Checks a pack-relative path: syntax, containment (symbolic links included) and existence.
    /// - Returns: The absolute path when it is usable.
    @discardableResult
    func checkPath(_ path: String, field: String, owner: String? = nil, at pointer: @autoclosure () -> String, expect: FileType? = .file) -> String? {
        // Only a diagnostic needs the field's name.
        var named: String { "\(field) '\(path)'" + (owner.map { " " + $0 } ?? "") }
        if let problem = Path.problemWithRelativePath(path) {
            error(ManifestMessages.badPath(path, field: field, owner: owner, problem: problem), at: pointer())
            return nil
        }
        let relative = Path.normalize(path)
        let absolute = Path.join(packRoot, relative)
        // Walk the components below the pack root with lstat; only a symbolic link needs resolving.
        var current = packRoot
        var sawLink = false
        var lastType: FileType?
        for component in relative.split(separator: "/") {
            current += "/" + component
            guard let type = fileSystem.fileType(at: current) else {
                error(ManifestMessages.missingFile(path, field: field, owner: owner), at: pointer())
                return nil
            }
            lastType = type
            if type == .symbolicLink {
                sawLink = true
                break
            }
        }
        if let expect, !sawLink, let lastType {
            // Without a link, the walk's last `lstat` already says what the path is.
            if lastType != expect {
                error("\(named) is not \(expect == .directory ? "a directory" : "a file"); fix the path", at: pointer())
                return nil
            }
            return absolute
        }
        var resolved = absolute
        if sawLink {
            let realRoot = fileSystem.resolvingSymbolicLinks(packRoot) ?? packRoot
            guard let target = fileSystem.resolvingSymbolicLinks(absolute) else {
                error("\(named) is a broken symbolic link; point it at a file inside the pack", at: pointer())
                return nil
            }
            if !Path.isInside(target, root: realRoot) {
                error("\(named) resolves to '\(target)', outside the pack; copy the file into the pack instead of linking it",
                      at: pointer())
                return nil
            }
            resolved = target
        }
        if let expect, fileSystem.fileType(at: resolved) != expect {
            let noun = expect == .directory ? "a directory" : "a file"
            error("\(named) is not \(noun); fix the path", at: pointer())
            return nil
        }
        return absolute
    }

    // MARK: Schemas

    private func checkSchemas() {
        for definition in manifest.schemas {
            let pointer = "/schemas/" + definition.id.replacingOccurrences("~", "~0").replacingOccurrences("/", "~1")
            switch definition.source {
            case .file(let path):
                guard let absolute = checkPath(path, field: "schema file", owner: "of schema '\(definition.id)'", at: pointer) else { continue }
                do {
                    let bytes = try fileSystem.readFile(at: absolute, limit: limits.maxBytes)
                    let schema = try JSONParser.parse(bytes)
                    for problem in schemaChecker.problems(in: schema) {
                        error("schema '\(definition.id)' (\(path)): \(problem)", at: pointer)
                    }
                } catch let failure as FileSystemError {
                    error(failure.message, at: pointer)
                } catch let failure as JSONParseError {
                    error("schema file '\(path)' is not valid JSON: \(failure); fix the file", at: pointer)
                } catch {
                    self.error("cannot read schema file '\(path)': \(error)", at: pointer)
                }
            case .inline(let schema):
                for problem in schemaChecker.problems(in: schema) {
                    error("schema '\(definition.id)': \(problem)", at: pointer)
                }
            }
        }
    }

    /// The schema of a definition, read from its file when it has one; `nil` when unreadable
    /// (the file's own check reports why).
    func loadedSchema(_ source: SchemaSource) -> JSONValue? {
        switch source {
        case .inline(let schema):
            return schema
        case .file(let path):
            guard Path.problemWithRelativePath(path) == nil,
                  let bytes = try? fileSystem.readFile(at: Path.join(packRoot, Path.normalize(path)), limit: limits.maxBytes) else {
                return nil
            }
            return try? JSONParser.parse(bytes)
        }
    }

    /// The IDs a schema reference may name: this pack's, or any namespaced `other-pack.id`.
    func checkSchemaReference(_ reference: SchemaReference, field: String, at pointer: @autoclosure () -> String, mustBeObject: Bool = false) {
        switch reference {
        case .named(let id):
            let local = manifest.schemas.map(\.id)
            if let definition = manifest.schemas.first(where: { $0.id == id }) {
                if mustBeObject, let schema = loadedSchema(definition.source) {
                    for problem in schemaChecker.problems(in: schema, requireObjectType: true)
                    where problem.hasPrefix("a tool input schema") {
                        error("\(field) names schema '\(id)': \(problem)", at: pointer() + "/$ref")
                    }
                }
                return
            }
            // `other-pack/id` names another pack's schema; it resolves when the catalog is built.
            if let slash = id.firstIndex(of: "/") {
                if String(id[..<slash]) != manifest.name { return }
                if local.contains(String(id[id.index(after: slash)...])) { return }
            }
            error(ManifestMessages.dangling("schema", id, field: field, known: local), at: pointer() + "/$ref")
        case .file(let path):
            guard let absolute = checkPath(path, field: "schema file", owner: "(\(field))", at: pointer()) else { return }
            do {
                let bytes = try fileSystem.readFile(at: absolute, limit: limits.maxBytes)
                let schema = try JSONParser.parse(bytes)
                for problem in schemaChecker.problems(in: schema, requireObjectType: mustBeObject) {
                    error("\(field) (\(path)): \(problem)", at: pointer())
                }
            } catch let failure as FileSystemError {
                error(failure.message, at: pointer())
            } catch {
                self.error("schema file '\(path)' (\(field)) is not valid JSON: \(error); fix the file", at: pointer())
            }
        case .inline(let schema):
            for problem in schemaChecker.problems(in: schema, requireObjectType: mustBeObject) {
                error("\(field): \(problem)", at: pointer())
            }
        }
    }
}

/// A list of diagnostics shared by the checks of one ``ManifestValidator`` run (not shared across threads).
final class DiagnosticCollector {
    var diagnostics: [Diagnostic] = []
}
