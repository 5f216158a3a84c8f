import Foundation
import PackBasics
import PackJSON
import PackModel
import PackRuntime
import Testing

extension AllRuntimeTests {
    /// Adversarial file access: escapes out of a preopen and writes into read-only grants. Kept forever;
    /// any escape found later becomes a case here.
    @Suite struct FileSandboxTests {
        /// The secret the guest must never read: it lives next to, not inside, the granted directory.
        static let secret = "TOP SECRET OUTSIDE THE SANDBOX"
        static let notes = "notes inside the sandbox\n"

        /// A world with `granted/` (mounted read-only at `/data`), `writable/` (mounted read-write at
        /// `/out`) and `outside/secret.txt`, plus symbolic links from `granted/` pointing out.
        struct World {
            var root: String
            var granted: String { Path.join(root, "granted") }
            var writable: String { Path.join(root, "writable") }
            var secretFile: String { Path.join(root, "outside/secret.txt") }
            var sandbox: SandboxPolicy {
                SandboxPolicy(directories: [
                    .init(hostPath: granted, guestPath: "/data"),
                    .init(hostPath: writable, guestPath: "/out", readOnly: false),
                ])
            }

            init() throws {
                root = try RuntimeFixtures.temporaryDirectory()
                try RuntimeFixtures.write(FileSandboxTests.secret, to: Path.join(root, "outside/secret.txt"))
                try RuntimeFixtures.write(FileSandboxTests.notes, to: Path.join(root, "granted/notes.txt"))
                try RuntimeFixtures.write("inner\n", to: Path.join(root, "granted/sub/inner.txt"))
                try RuntimeFixtures.write("kept\n", to: Path.join(root, "writable/kept.txt"))
                let links = [
                    ("granted/link_out", "../outside/secret.txt"),
                    ("granted/link_abs", Path.join(root, "outside/secret.txt")),
                    ("granted/link_dir", "../outside"),
                    ("granted/sub/link_up", "../../outside/secret.txt"),
                    ("granted/link_in", "notes.txt"),
                    ("granted/link_root", "/"),
                ]
                for (path, target) in links {
                    try FileManager.default.createSymbolicLink(atPath: Path.join(root, path), withDestinationPath: target)
                }
            }

            func remove() { try? FileManager.default.removeItem(atPath: root) }

            /// Runs `fs_probe` with `input` and returns its report.
            func probe(_ input: JSONValue) async throws -> (report: JSONValue, text: String) {
                let result = try await RuntimeFixtures.run("adversarial/fs_probe", input: input.serialized(), sandbox: sandbox)
                return (try result.json(), result.text + result.standardError)
            }
        }

        /// Paths that lead out of the preopen, in the guest's view. `HOST` is replaced by the world's
        /// real host path of the secret file.
        static let escapes = [
            "../outside/secret.txt",
            "/data/../outside/secret.txt",
            "/data/sub/../../outside/secret.txt",
            "/data/./../outside/secret.txt",
            "//data/../../outside/secret.txt",
            "/outside/secret.txt",
            "HOST",
            "/etc/passwd",
            "/proc/self/environ",
            "/data/link_out",
            "/data/link_abs",
            "/data/link_dir/secret.txt",
            "/data/sub/link_up",
            "/data/link_root/etc/passwd",
            "/data/link_root" + "HOST",
        ]

        @Test(arguments: escapes)
        func aGuestCannotReadOutsideItsPreopen(_ path: String) async throws {
            let world = try World()
            defer { world.remove() }
            let guestPath = path.replacingOccurrences(of: "HOST", with: world.secretFile)
            let (report, text) = try await world.probe(["read": [.string(guestPath)]])
            let attempt = try #require(report["read"]?[0])
            #expect(attempt["ok"] == false)
            #expect(attempt["content"] == nil)
            #expect(!text.contains(Self.secret))
        }

        @Test(arguments: ["/data/link_dir", "/data/..", "/", "/data/link_root", "HOST"])
        func aGuestCannotListOutsideItsPreopen(_ path: String) async throws {
            let world = try World()
            defer { world.remove() }
            let guestPath = path.replacingOccurrences(of: "HOST", with: world.root)
            let (report, text) = try await world.probe(["list": [.string(guestPath)]])
            #expect(report["list"]?[0]?["ok"] == false)
            #expect(!text.contains("secret.txt"))
            #expect(!text.contains("outside"))
        }

        @Test(arguments: ["/data/notes.txt", "/data/link_in", "/data/sub/../notes.txt"])
        func aGuestReadsWhatIsInsideItsPreopen(_ path: String) async throws {
            let world = try World()
            defer { world.remove() }
            let (report, _) = try await world.probe(["read": [.string(path)]])
            #expect(report["read"]?[0]?["ok"] == true)
            #expect(report["read"]?[0]?["content"] == .string(Self.notes))
        }

        /// Changes a guest must not make in a read-only directory, each as `fs_probe` input.
        static let readOnlyChanges: [JSONValue] = [
            ["write": ["/data/new.txt"]],
            ["write": ["/data/notes.txt"]],
            ["append": ["/data/notes.txt"]],
            ["mkdir": ["/data/newdir"]],
            ["remove": ["/data/notes.txt"]],
            ["remove": ["/data/link_in"]],
            ["symlink": [["notes.txt", "/data/newlink"]]],
            ["write_at": [["/data/sub", "created.txt"]]],
            ["write_at": [["/data", "created.txt"]]],
            ["write": ["/data/sub/inner.txt"]],
        ]

        @Test(arguments: readOnlyChanges)
        func aGuestCannotChangeAReadOnlyDirectory(_ input: JSONValue) async throws {
            let world = try World()
            defer { world.remove() }
            let before = try FileManager.default.subpathsOfDirectory(atPath: world.granted).sorted()
            let (report, _) = try await world.probe(input)
            let key = try #require(input.objectValue?.keys.first)
            #expect(report[key]?[0]?["ok"] == false)
            #expect(report[key]?[0]?["error"] == "Read-only file system", "\(report)")
            #expect(try FileManager.default.subpathsOfDirectory(atPath: world.granted).sorted() == before)
            #expect(RuntimeFixtures.read(Path.join(world.granted, "notes.txt")) == Self.notes)
            #expect(RuntimeFixtures.read(Path.join(world.granted, "sub/inner.txt")) == "inner\n")
        }

        @Test func aGuestChangesAWritableDirectory() async throws {
            let world = try World()
            defer { world.remove() }
            let (report, _) = try await world.probe([
                "write": ["/out/new.txt"], "mkdir": ["/out/dir"], "remove": ["/out/kept.txt"],
                "write_at": [["/out/dir", "inner.txt"]],
            ])
            for key in ["write", "mkdir", "remove", "write_at"] {
                #expect(report[key]?[0]?["ok"] == true, "\(key)")
            }
            #expect(RuntimeFixtures.read(Path.join(world.writable, "new.txt")) == "written by fs_probe\n")
            #expect(RuntimeFixtures.read(Path.join(world.writable, "kept.txt")) == nil)
            #expect(RuntimeFixtures.read(Path.join(world.writable, "dir/inner.txt")) == "")
        }

        @Test func aGuestCannotHoldMoreThanTheOpenFileLimit() async throws {
            let world = try World()
            defer { world.remove() }
            let result = try await RuntimeFixtures.run(
                "adversarial/fd_exhaustion", input: #"{"path": "/data/notes.txt"}"#, sandbox: world.sandbox)
            let report = try result.json()
            #expect(report == ["opened": 128, "error": "No file descriptors available"], "\(report)")
        }

        @Test func aMissingGrantedDirectoryIsReportedAsDenied() async throws {
            let sandbox = SandboxPolicy(directories: [.init(hostPath: "/nonexistent/quiver/granted", guestPath: "/data")])
            let failure = try #require(await RuntimeFixtures.failure("files", sandbox: sandbox))
            #expect(failure.outcome == .denied)
            #expect(failure.message.hasPrefix("a granted directory cannot be opened ("))
            #expect(failure.message.hasSuffix("; check that every granted host directory exists and is readable"))
        }

        @Test(arguments: [
            ("relative/host", "/data", "has host path 'relative/host', which is not absolute"),
            ("/tmp", "data", "is not an absolute guest path"),
            ("/tmp", "/data/../etc", "is not an absolute guest path"),
        ])
        func anUnusableDirectoryGrantIsRefusedBeforeRunning(hostPath: String, guestPath: String, problem: String) async throws {
            let sandbox = SandboxPolicy(directories: [.init(hostPath: hostPath, guestPath: guestPath)])
            let failure = try #require(await RuntimeFixtures.failure("files", sandbox: sandbox))
            guard case .permissionDenied(let message) = failure.reason else {
                Issue.record("expected a denial, got \(failure.reason)")
                return
            }
            #expect(message.contains(problem))
        }
    }
}
