import Dispatch
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
    ///
    /// The search goes a level at a time. Asking each directory of a level whether it holds a
    /// manifest is one `stat` each, so a wide level (a store of a thousand packs) is asked on
    /// every processor at once.
    public func packs(under directory: String) -> [String] {
        let loader = PackLoader(fileSystem: fileSystem)
        var found: [String] = []
        var level = [Path.normalize(directory)]
        var depth = 0
        while !level.isEmpty {
            let isPack = Self.map(level) { loader.manifestFile(in: $0) != nil }
            var next: [String] = []
            for (current, isPack) in zip(level, isPack) {
                if isPack {
                    found.append(current)
                    continue
                }
                guard depth < maxDepth, let entries = try? fileSystem.typedContentsOfDirectory(at: current) else { continue }
                for (name, type) in entries where !name.hasPrefix(".") && name != "node_modules" && type != .file {
                    let child = Path.join(current, name)
                    // The listing's type saves a `stat` per entry; a link or an unknown type is looked up.
                    if type == .directory || fileSystem.isDirectory(child) { next.append(child) }
                }
            }
            level = next
            depth += 1
        }
        return found.sorted()
    }

    /// `items.map(transform)`, spread over the processors when there are enough items to pay for it.
    private static func map(_ items: [String], _ transform: @escaping @Sendable (String) -> Bool) -> [Bool] {
        let chunkSize = 64
        guard items.count >= 2 * chunkSize else { return items.map(transform) }
        let chunks = (items.count + chunkSize - 1) / chunkSize
        let results = UnsafeMutableBufferPointer<Bool>.allocate(capacity: items.count)
        defer { results.deallocate() }
        nonisolated(unsafe) let output = results
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            // Each chunk writes only its own slots.
            for index in chunk * chunkSize..<min(items.count, (chunk + 1) * chunkSize) {
                output.initializeElement(at: index, to: transform(items[index]))
            }
        }
        return Array(results)
    }
}
