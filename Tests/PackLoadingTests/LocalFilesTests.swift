import Foundation
import PackBasics
import PackLoading
import PackModel
import PackTestSupport
import Testing

/// Loading from the real disk: the shortcuts that save system calls (typed directory listings,
/// reads without a `stat` first, one `read` per file) must see what the slow way saw.
@Suite(.tags(.medium))
struct LocalFilesTests {
    let skillManifest = header + """
        skills:
          - path: skills/guide

        """

    @Test(.timeLimit(.minutes(1)))
    func aNamedPipeInPlaceOfSKILLmdIsReportedInsteadOfWaitedOn() throws {
        let root = try TestPaths.makeDirectory(["PACK.yaml": skillManifest])
        try FileManager.default.createDirectory(atPath: Path.join(root, "skills/guide"), withIntermediateDirectories: true)
        #expect(mkfifo(Path.join(root, "skills/guide/SKILL.md"), 0o600) == 0)
        let result = PackLoader().load(at: root)
        expectDiagnostics(result.diagnostics) { diagnostics in
            diagnostics.check(.error, contains: "skill 'skills/guide' has no SKILL.md", file: "PACK.yaml", line: 6)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aManifestThatIsNotARegularFileIsPassedOverForTheNextName() throws {
        let yml = header.replacingOccurrences(of: "name: demo", with: "name: from-yml")
        // A named pipe, a directory and a loop of links named PACK.yaml: each is skipped, as discovery does.
        for make in ["fifo", "directory", "loop"] {
            let root = try TestPaths.makeDirectory(["PACK.yml": yml])
            let path = Path.join(root, "PACK.yaml")
            switch make {
            case "fifo": #expect(mkfifo(path, 0o600) == 0)
            case "directory": try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            default: #expect(symlink(path, path) == 0)
            }
            let result = PackLoader().load(at: root)
            #expect(result.manifestFile == "PACK.yml", "\(make)")
            #expect(result.manifest?.name == "from-yml", "\(make)")
            #expect(PackDiscovery().packs(under: root) == [root], "\(make)")
        }
    }

    @Test
    func aMissingOrMisplacedSKILLmdIsNamedWithItsFix() throws {
        let missing = try TestPaths.makeDirectory(["PACK.yaml": skillManifest, "skills/guide/README.md": "# guide\n"])
        expectDiagnostics(PackLoader().load(at: missing).diagnostics) { diagnostics in
            diagnostics.check(.error, contains: "skill 'skills/guide' has no SKILL.md; add 'skills/guide/SKILL.md'", file: "PACK.yaml", line: 6)
        }
        let directory = try TestPaths.makeDirectory(["PACK.yaml": skillManifest, "skills/guide/SKILL.md/x": "x"])
        expectDiagnostics(PackLoader().load(at: directory).diagnostics) { diagnostics in
            diagnostics.check(.error, contains: "skill 'skills/guide' has no SKILL.md", file: "PACK.yaml", line: 6)
        }
        let notADirectory = try TestPaths.makeDirectory(["PACK.yaml": skillManifest, "skills/guide": "a file"])
        expectDiagnostics(PackLoader().load(at: notADirectory).diagnostics) { diagnostics in
            diagnostics.check(.error, contains: "skill 'skills/guide' is not a directory; fix the path", file: "PACK.yaml", line: 6)
        }
    }

    @Test
    func discoveryFollowsLinkedPackDirectoriesAndSkipsFilesAndHiddenFolders() throws {
        let elsewhere = try TestPaths.makeDirectory(["linked/PACK.yaml": header])
        let root = try TestPaths.makeDirectory([
            "alpha/PACK.yaml": header,
            "group/beta/PACK.yaml": header,
            ".hidden/PACK.yaml": header,
            "notes.txt": "not a pack",
        ])
        try FileManager.default.createSymbolicLink(atPath: Path.join(root, "gamma"), withDestinationPath: Path.join(elsewhere, "linked"))
        try FileManager.default.createSymbolicLink(atPath: Path.join(root, "dangling"), withDestinationPath: Path.join(elsewhere, "nothing"))
        let found = PackDiscovery().packs(under: root).map { String($0.dropFirst(root.count + 1)) }
        #expect(found == ["alpha", "gamma", "group/beta"])
    }

    @Test
    func discoveryOfAWideLevelFindsEveryPackInOrder() throws {
        // 300 directories at one level are asked for their manifests on every processor at once.
        var files: [String: String] = ["notes/README.md": "not a pack"]
        for index in 0..<300 where index % 7 != 3 { files[String(format: "p%03d/PACK.yaml", index)] = header }
        for index in 0..<300 where index % 7 == 3 { files[String(format: "p%03d/nested/PACK.yaml", index)] = header }
        let root = try TestPaths.makeDirectory(files)
        let expected = (0..<300).map { String(format: $0 % 7 == 3 ? "p%03d/nested" : "p%03d", $0) }
        let found = PackDiscovery().packs(under: root).map { String($0.dropFirst(root.count + 1)) }
        #expect(found == expected)
    }

    @Test
    func theTypedListingAgreesWithLstat() throws {
        let root = try TestPaths.makeDirectory(["file.txt": "x", "directory/inner.txt": "y"])
        try FileManager.default.createSymbolicLink(atPath: Path.join(root, "link"), withDestinationPath: "file.txt")
        #expect(mkfifo(Path.join(root, "pipe"), 0o600) == 0)
        let fileSystem = LocalFileSystem()
        let typed = try fileSystem.typedContentsOfDirectory(at: root)
        #expect(typed.map(\.name) == ["directory", "file.txt", "link", "pipe"])
        #expect(typed.map(\.name) == (try fileSystem.contentsOfDirectory(at: root)))
        let expected: [String: FileType] = ["directory": .directory, "file.txt": .file, "link": .symbolicLink, "pipe": .other]
        for entry in typed {
            #expect(fileSystem.fileType(at: Path.join(root, entry.name)) == expected[entry.name], "\(entry.name)")
            // A file system may leave the type unknown (nil); a wrong type is an error.
            #expect(entry.type == nil || entry.type == expected[entry.name], "\(entry.name)")
        }
    }

    @Test(arguments: [0, 1, 4095, 4096, 4097, 200_000])
    func aFileIsReadWhole(size: Int) throws {
        let root = try TestPaths.temporaryDirectory()
        let path = Path.join(root, "data")
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try LocalFileSystem().readFile(at: path) == bytes)
        #expect(try LocalFileSystem().readFile(at: path, limit: size) == bytes)
        if size > 0 {
            #expect(throws: FileSystemError.self) { try LocalFileSystem().readFile(at: path, limit: size - 1) }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aPipeWithAWriterIsReadToItsEndButNotAsARegularFile() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        // More than a pipe holds (64 KiB), so the reader waits on the writer more than once.
        let text = Array(String(repeating: "quiver ", count: 300_000).utf8)
        let (readEnd, writeEnd) = (ends[0], ends[1])
        let writer = Thread {
            text.withUnsafeBytes { raw in
                var written = 0
                while written < raw.count {
                    let count = write(writeEnd, raw.baseAddress! + written, raw.count - written)
                    if count <= 0 { break }
                    written += count
                }
            }
            close(writeEnd)
        }
        writer.start()
        defer { close(readEnd) }
        let refused = #expect(throws: FileSystemError.self) { try LocalFileSystem().readRegularFile(at: "/proc/self/fd/\(readEnd)", limit: nil) }
        #expect(refused?.code == .notARegularFile)
        #expect(try LocalFileSystem().readFile(at: "/proc/self/fd/\(readEnd)") == text)
    }
}
