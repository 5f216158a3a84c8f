#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PackBasics
import PackJSON
import PackModel

/// The result of loading one pack: its manifest when it could be read, and every diagnostic.
public struct PackLoadResult: Sendable {
    /// The pack directory (absolute).
    public var root: String
    /// The manifest file that was read, relative to the root (`PACK.yaml`), when one was found.
    public var manifestFile: String?
    /// The decoded manifest; present even with errors when identity could be read, for reports.
    public var manifest: Manifest?
    /// The parsed document, for tools that need the raw values (such as `quiver show`).
    public var document: JSONValue?
    /// Every diagnostic, sorted by location.
    public var diagnostics: [Diagnostic]

    /// Whether the pack loaded without errors; only valid packs contribute anything.
    public var isValid: Bool { manifest != nil && !diagnostics.containsErrors }
}

/// Loads one pack directory: finds its manifest, parses it within limits, decodes and validates it.
///
/// Loading never throws and never runs pack code: every problem becomes a ``Diagnostic``.
///
/// ```swift
/// let result = PackLoader().load(at: "/path/to/pack")
/// if result.isValid { print(result.manifest!.identity) }
/// ```
public struct PackLoader: Sendable {
    /// Where files are read from.
    public let fileSystem: any FileSystem
    /// Limits on manifest documents.
    public let limits: DocumentLimits

    /// Creates a loader.
    public init(fileSystem: any FileSystem = LocalFileSystem(), limits: DocumentLimits = .default) {
        self.fileSystem = fileSystem
        self.limits = limits
    }

    /// The manifest file of a pack directory: `PACK.yaml`, `PACK.yml`, `PACK.toml` or `PACK.json`, in that order.
    public func manifestFile(in root: String) -> (name: String, format: ManifestFormat)? {
        Self.manifestNames.first { fileSystem.isFile(Path.join(root, $0.name)) }
    }

    /// The manifest names a pack directory is searched for, in order of preference.
    static let manifestNames: [(name: String, format: ManifestFormat)] = [
        ("PACK.yaml", .yaml), ("PACK.yml", .yaml), ("PACK.toml", .toml), ("PACK.json", .json),
    ]

    /// Loads the pack at `root` (a directory, or a manifest file inside one).
    public func load(at root: String) -> PackLoadResult {
        var directory = Path.normalize(root)
        var candidates = Self.manifestNames
        if let format = ManifestFormat(fileName: directory), fileSystem.isFile(directory) {
            candidates = [(Path.lastComponent(directory), format)]
            directory = Path.parent(directory)
        }
        var result = PackLoadResult(root: directory, manifestFile: nil, manifest: nil, document: nil, diagnostics: [])
        // Each candidate is read straight away; a missing one is the read's error, so the usual
        // pack costs no `stat` before its read.
        for (name, format) in candidates {
            let bytes: [UInt8]
            do {
                bytes = try fileSystem.readRegularFile(at: Path.join(directory, name), limit: limits.maxBytes)
            } catch where [.notFound, .isADirectory, .notADirectory, .notARegularFile].contains(error.code) {
                continue
            } catch {
                result.manifestFile = name
                let message = error.code == .tooLarge
                    ? "manifest is over the limit of \(limits.maxBytes) bytes; move large schemas into files under 'schemas/'"
                    : error.message
                result.diagnostics = [.error(message, at: SourceLocation(file: name))]
                return result
            }
            return load(bytes: bytes, format: format, file: name, root: directory)
        }
        let message = fileSystem.isDirectory(directory)
            ? "no PACK.yaml in '\(directory)'; create one with 'quiver create' or point at a pack directory"
            : "'\(directory)' is not a directory; point at a pack directory that holds a PACK.yaml"
        result.diagnostics = [.error(message, at: SourceLocation(file: directory))]
        return result
    }

    /// Loads a pack from manifest bytes already read, checking files against `root`.
    public func load(bytes: [UInt8], format: ManifestFormat, file: String, root: String) -> PackLoadResult {
        var result = PackLoadResult(root: root, manifestFile: file, manifest: nil, document: nil, diagnostics: [])
        let document: JSONValue
        do {
            (document, _) = try ManifestDocument.parse(bytes, format: format, limits: limits)
        } catch {
            result.diagnostics = [.error(error.message, at: SourceLocation(file: file, line: error.line, column: error.column))]
            return result
        }
        result.document = document
        var decoder = ManifestDecoder(file: file)
        let manifest = decoder.decode(document)
        var diagnostics = decoder.diagnostics
        if let manifest {
            diagnostics += ManifestValidator(manifest: manifest, document: document, packRoot: root, file: file,
                                             fileSystem: fileSystem, limits: limits).validate()
        }
        result.manifest = manifest
        result.diagnostics = locate(diagnostics, bytes: bytes, format: format, file: file).sortedByLocation()
        return result
    }

    /// Turns pointer locations into line and column. Positions are recorded only when there are
    /// diagnostics to place, so valid manifests are parsed once, without a source map.
    private func locate(_ diagnostics: [Diagnostic], bytes: [UInt8], format: ManifestFormat, file: String) -> [Diagnostic] {
        guard diagnostics.contains(where: { $0.location?.file == file && $0.location?.pointer != nil }) else { return diagnostics }
        guard format == .yaml, let (_, map) = try? ManifestDocument.parse(bytes, format: format, limits: limits, recordPositions: true) else {
            return diagnostics.map { diagnostic in
                guard var location = diagnostic.location, var pointer = location.pointer else { return diagnostic }
                if pointer.hasSuffix(ManifestDecoder.keyMarker) { pointer.removeLast(ManifestDecoder.keyMarker.count) }
                location.pointer = pointer
                return diagnostic.located(at: location)
            }
        }
        return diagnostics.map { diagnostic in
            guard var location = diagnostic.location, location.file == file, var pointer = location.pointer else { return diagnostic }
            var preferKey = false
            if pointer.hasSuffix(ManifestDecoder.keyMarker) {
                pointer.removeLast(ManifestDecoder.keyMarker.count)
                preferKey = true
            }
            location.pointer = pointer
            if let position = map.position(for: pointer, preferKey: preferKey) {
                location.line = position.line
                location.column = position.column
            } else {
                location.line = 1
                location.column = 1
            }
            return diagnostic.located(at: location)
        }
    }
}

extension PackLoader {
    /// Loads many packs concurrently, in chunks (one task per chunk); results keep the input order.
    public func loadAll(_ roots: [String]) async -> [PackLoadResult] {
        await loadAll(roots) { _, result in result }
    }

    /// Loads many packs concurrently and turns each result into a summary on the task that loaded
    /// it; summaries keep the input order.
    ///
    /// A caller that needs only a report (such as `quiver validate`) gets it without holding every
    /// manifest and document: each result is summarised and freed where it was made, in parallel,
    /// instead of all of them being freed on the caller's thread at the end.
    ///
    /// Loading is CPU-bound (parsing and validation), so the work follows the number of active
    /// processors; small inputs load on the calling task. Each processor gets several chunks, so
    /// one that is slowed down (a bigger pack, another process) does not hold the rest back.
    /// - Parameter summarise: Called with each root's index in `roots` and its result.
    public func loadAll<Summary: Sendable>(
        _ roots: [String], summarise: @escaping @Sendable (_ index: Int, _ result: PackLoadResult) -> Summary
    ) async -> [Summary] {
        let workers = max(1, min(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), roots.count / 32))
        if workers == 1 { return roots.enumerated().map { summarise($0.offset, load(at: $0.element)) } }
        let chunks = min(roots.count / 16, workers * 8)
        let chunk = (roots.count + chunks - 1) / chunks
        return await withTaskGroup(of: (Int, [Summary]).self) { group in
            for part in 0..<chunks {
                let range = min(roots.count, part * chunk)..<min(roots.count, (part + 1) * chunk)
                let slice = Array(roots[range])
                group.addTask {
                    (part, slice.enumerated().map { summarise(range.lowerBound + $0.offset, load(at: $0.element)) })
                }
            }
            var parts = [[Summary]](repeating: [], count: chunks)
            for await (part, loaded) in group { parts[part] = loaded }
            return parts.flatMap { $0 }
        }
    }
}
