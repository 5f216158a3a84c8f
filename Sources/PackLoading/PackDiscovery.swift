import PackBasics

/// Finds pack directories: a directory that holds a manifest is a pack; otherwise its
/// subdirectories are searched, to a bounded depth, skipping hidden and build folders.
public struct PackDiscovery: Sendable {
    /// Where files are read from.
    public let fileSystem: any FileSystem
    /// How deep below the starting directory to look. (Default: 3.)
    public var maxDepth: Int

    /// Creates a discovery.
    public init(fileSystem: any FileSystem = LocalFileSystem(), maxDepth: Int = 3) {
        self.fileSystem = fileSystem
        self.maxDepth = maxDepth
    }

    /// Pack directories at or under `directory`, sorted by path.
    public func packs(under directory: String) -> [String] {
        let loader = PackLoader(fileSystem: fileSystem)
        var found: [String] = []
        var pending: [(String, Int)] = [(Path.normalize(directory), 0)]
        while let (current, depth) = pending.popLast() {
            if loader.manifestFile(in: current) != nil {
                found.append(current)
                continue
            }
            guard depth < maxDepth, let entries = try? fileSystem.contentsOfDirectory(at: current) else { continue }
            for entry in entries where !entry.hasPrefix(".") && entry != "node_modules" {
                let child = Path.join(current, entry)
                if fileSystem.isDirectory(child) { pending.append((child, depth + 1)) }
            }
        }
        return found.sorted()
    }
}
