import Foundation
import PackBasics

/// Paths tests need: the repository root, `../shared`, fixtures, and fresh temporary directories.
public enum TestPaths {
    /// The repository root (the directory holding Package.swift), found from this file's path.
    public static let repositoryRoot: String = {
        var directory = Path.parent(#filePath)
        while directory != "/" {
            if FileManager.default.fileExists(atPath: Path.join(directory, "Package.swift")) { return directory }
            directory = Path.parent(directory)
        }
        return Path.parent(Path.parent(Path.parent(#filePath)))
    }()

    /// `../shared` beside the repository: test corpora and peer benchmarks (the same layout exists in CI).
    public static var shared: String { Path.normalize(Path.join(repositoryRoot, "../shared")) }

    /// The bundled example packs.
    public static var examplePacks: String { Path.join(repositoryRoot, "examples/packs") }

    /// A new, empty temporary directory (removed by the caller or left for the OS to clean).
    public static func temporaryDirectory(_ label: String = "quiver-test") throws -> String {
        let base = FileManager.default.temporaryDirectory.path
        let path = Path.join(base, "\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Copies `Tests/Fixtures/<name>` to a temporary directory and returns the copy's path, so a
    /// test never changes the checked-in fixture.
    public static func fixture(named name: String) throws -> String {
        let source = Path.join(repositoryRoot, "Tests/Fixtures", name)
        guard FileManager.default.fileExists(atPath: source) else {
            throw FixtureError(message: "no fixture '\(name)' in Tests/Fixtures")
        }
        let destination = Path.join(try temporaryDirectory("fixture"), name)
        try FileManager.default.copyItem(atPath: source, toPath: destination)
        return destination
    }

    /// Writes files (relative path → text) under a new temporary directory and returns it.
    public static func makeDirectory(_ files: [String: String], label: String = "pack") throws -> String {
        let root = try temporaryDirectory(label)
        for (path, text) in files {
            let absolute = Path.join(root, path)
            try FileManager.default.createDirectory(atPath: Path.parent(absolute), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: absolute))
        }
        return root
    }
}

/// A fixture that could not be prepared.
public struct FixtureError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
