import Synchronization

/// A file system held in memory, for tests and for packs built in code.
///
/// ```swift
/// let fs = InMemoryFileSystem(files: ["/packs/demo/PACK.yaml": "name: demo\n"])
/// ```
public final class InMemoryFileSystem: FileSystem {
    private enum Node: Sendable {
        case file([UInt8])
        case directory
        case symbolicLink(String)
    }

    private let nodes: Mutex<[String: Node]>

    /// Creates a file system holding `files` (path → UTF-8 text); parent directories are implied.
    public init(files: [String: String] = [:]) {
        var nodes: [String: Node] = ["/": .directory]
        for (path, text) in files {
            Self.insert(Path.normalize(path), node: .file(Array(text.utf8)), into: &nodes)
        }
        self.nodes = Mutex(nodes)
    }

    /// Adds or replaces a file with raw bytes.
    public func addFile(_ path: String, bytes: [UInt8]) {
        nodes.withLock { Self.insert(Path.normalize(path), node: .file(bytes), into: &$0) }
    }

    /// Adds a symbolic link at `path` pointing to `target` (absolute or relative to the link's folder).
    public func addSymbolicLink(_ path: String, target: String) {
        nodes.withLock { Self.insert(Path.normalize(path), node: .symbolicLink(target), into: &$0) }
    }

    private static func insert(_ path: String, node: Node, into nodes: inout [String: Node]) {
        var parent = Path.parent(path)
        while parent != "/" && parent != "." && nodes[parent] == nil {
            nodes[parent] = .directory
            parent = Path.parent(parent)
        }
        nodes[path] = node
    }

    public func readFile(at path: String, limit: Int?) throws(FileSystemError) -> [UInt8] {
        guard let resolved = resolvingSymbolicLinks(path) else {
            throw FileSystemError(.notFound, path: path, message: "cannot read '\(path)': no such file or directory")
        }
        let node = nodes.withLock { $0[resolved] }
        guard case .file(let bytes) = node else {
            throw FileSystemError(.isADirectory, path: path, message: "'\(path)' is a directory; expected a file")
        }
        if let limit, bytes.count > limit {
            throw FileSystemError(
                .tooLarge, path: path,
                message: "'\(path)' is \(bytes.count) bytes, over the limit of \(limit) bytes; make it smaller")
        }
        return bytes
    }

    public func fileType(at path: String) -> FileType? {
        switch nodes.withLock({ $0[Path.normalize(path)] }) {
        case .file: .file
        case .directory: .directory
        case .symbolicLink: .symbolicLink
        case nil: nil
        }
    }

    public func resolvedFileType(at path: String) -> FileType? {
        guard let resolved = resolvingSymbolicLinks(path) else { return nil }
        return fileType(at: resolved)
    }

    public func fileSize(at path: String) -> Int? {
        guard let resolved = resolvingSymbolicLinks(path),
              case .file(let bytes) = nodes.withLock({ $0[resolved] }) else { return nil }
        return bytes.count
    }

    public func contentsOfDirectory(at path: String) throws(FileSystemError) -> [String] {
        guard let resolved = resolvingSymbolicLinks(path), fileType(at: resolved) == .directory else {
            throw FileSystemError(.notFound, path: path, message: "cannot list '\(path)': no such directory")
        }
        let prefix = resolved == "/" ? "/" : resolved + "/"
        return nodes.withLock { nodes in
            nodes.keys.filter { $0.hasPrefix(prefix) && $0 != prefix && !$0.dropFirst(prefix.count).contains("/") }
                .map { String($0.dropFirst(prefix.count)) }
        }.sorted()
    }

    public func resolvingSymbolicLinks(_ path: String) -> String? {
        var resolved = "/"
        var pending = Path.normalize(path).split(separator: "/").map(String.init)
        var hops = 0
        while !pending.isEmpty {
            let component = pending.removeFirst()
            let candidate = Path.normalize(Path.join(resolved, component))
            switch nodes.withLock({ $0[candidate] }) {
            case .symbolicLink(let target):
                hops += 1
                if hops > 40 { return nil }
                let base = target.hasPrefix("/") ? target : Path.join(resolved, target)
                resolved = "/"
                pending = Path.normalize(base).split(separator: "/").map(String.init) + pending
            case .some:
                resolved = candidate
            case nil:
                return nil
            }
        }
        return resolved
    }

    public func writeFileAtomically(at path: String, contents: [UInt8]) throws(FileSystemError) {
        let parent = Path.parent(Path.normalize(path))
        guard isDirectory(parent) else {
            throw FileSystemError(.notFound, path: path, message: "cannot write '\(path)': no such directory '\(parent)'")
        }
        addFile(path, bytes: contents)
    }

    public func createDirectory(at path: String) throws(FileSystemError) {
        let normalized = Path.normalize(path)
        if let type = fileType(at: normalized), type != .directory {
            throw FileSystemError(.notADirectory, path: path, message: "'\(path)' exists and is not a directory")
        }
        nodes.withLock { Self.insert(normalized, node: .directory, into: &$0) }
    }
}
