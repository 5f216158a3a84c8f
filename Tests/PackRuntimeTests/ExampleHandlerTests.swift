import Foundation
import PackBasics
import PackJSON
import PackModel
import PackRuntime
import Testing

extension AllRuntimeTests {
    /// The three example tools under `examples/handlers/`, through the runner, with exact outputs.
    @Suite struct ExampleHandlerTests {
        struct Case: Sendable, CustomTestStringConvertible {
            var input: String
            var output: String
            var testDescription: String { input }
        }

        @Test(arguments: [
            Case(
                input: #"{"record": {"name": "Ada", "born": 1815, "langs": ["en", "fr"]}, "fields": ["name", "langs", "died"]}"#,
                output: #"{"picked": {"name": "Ada", "langs": ["en", "fr"]}, "missing": ["died"]}"#),
            Case(
                input: #"{"fields": [], "record": {"a": {"deep": [1, {"x": null}]}}}"#,
                output: #"{"picked": {}, "missing": []}"#),
            Case(
                input: #"{"record": {"a": {"deep": [1, {"x": null}]}, "b": "q\"uote"}, "fields": ["b", "a"]}"#,
                output: #"{"picked": {"b": "q\"uote", "a": {"deep": [1, {"x": null}]}}, "missing": []}"#),
        ])
        func jsonTransformPicksTheAskedFields(_ example: Case) async throws {
            let result = try await RuntimeFixtures.run("json_transform", input: example.input)
            #expect(try result.json() == JSONParser.parse(example.output))
            #expect(result.standardError.isEmpty)
            #expect(result.fuelUsed > 0)
        }

        @Test(arguments: [
            Case(
                input: #"{"text": "Hello, w\u00f6rld!\nSecond line here"}"#,
                output: #"{"bytes": 31, "characters": 30, "words": 5, "lines": 2, "longest_word": "Hello,"}"#),
            Case(
                input: #"{"text": "  tabs\tand  spaces  "}"#,
                output: #"{"bytes": 20, "characters": 20, "words": 3, "lines": 1, "longest_word": "spaces"}"#),
            Case(
                input: #"{"text": ""}"#,
                output: #"{"bytes": 0, "characters": 0, "words": 0, "lines": 0, "longest_word": ""}"#),
            Case(
                input: #"{"text": "a\n\n"}"#,
                output: #"{"bytes": 3, "characters": 3, "words": 1, "lines": 2, "longest_word": "a"}"#),
        ])
        func textStatsCountsBytesCharactersWordsAndLines(_ example: Case) async throws {
            let result = try await RuntimeFixtures.run("text_stats", input: example.input)
            #expect(try result.json() == JSONParser.parse(example.output))
        }

        @Test func textStatsReportsAMissingFieldAsAHandlerError() async throws {
            let failure = try #require(await RuntimeFixtures.failure("text_stats", input: #"{"txt": 1}"#))
            #expect(failure.reason == .crashed(exitStatus: 2, message: "input needs a string 'text'"))
            #expect(failure.outcome == .handlerError)
        }

        /// A granted directory with a file, a subdirectory, and the sandbox that mounts it at `/pack/data`.
        private func grantedDirectory() throws -> (root: String, sandbox: SandboxPolicy) {
            let root = try RuntimeFixtures.temporaryDirectory()
            try RuntimeFixtures.write("first line\nsecond \"quoted\" line\n", to: Path.join(root, "notes.txt"))
            try RuntimeFixtures.write("inner\n", to: Path.join(root, "sub/inner.txt"))
            try RuntimeFixtures.write("", to: Path.join(root, "empty.txt"))
            return (root, SandboxPolicy(directories: [.init(hostPath: root, guestPath: "/pack/data")]))
        }

        @Test func filesListsTheGrantedDirectorySortedByName() async throws {
            let (root, sandbox) = try grantedDirectory()
            defer { try? FileManager.default.removeItem(atPath: root) }
            let result = try await RuntimeFixtures.run("files", input: #"{"op": "list"}"#, sandbox: sandbox)
            let expected = try JSONParser.parse(
                #"""
                {"entries": [
                  {"name": "empty.txt", "type": "file", "size": 0},
                  {"name": "notes.txt", "type": "file", "size": 32},
                  {"name": "sub", "type": "directory", "size": 0}
                ]}
                """#)
            #expect(try result.json() == expected)
        }

        @Test func filesListsASubdirectory() async throws {
            let (root, sandbox) = try grantedDirectory()
            defer { try? FileManager.default.removeItem(atPath: root) }
            let result = try await RuntimeFixtures.run("files", input: #"{"op": "list", "path": "sub"}"#, sandbox: sandbox)
            #expect(try result.json() == JSONParser.parse(#"{"entries": [{"name": "inner.txt", "type": "file", "size": 6}]}"#))
        }

        @Test func filesReadsAFileInTheGrantedDirectory() async throws {
            let (root, sandbox) = try grantedDirectory()
            defer { try? FileManager.default.removeItem(atPath: root) }
            let result = try await RuntimeFixtures.run("files", input: #"{"op": "read", "path": "notes.txt"}"#, sandbox: sandbox)
            let expected: JSONValue = ["path": "notes.txt", "size": 32, "content": "first line\nsecond \"quoted\" line\n"]
            #expect(try result.json() == expected)
        }

        @Test func filesReportsAMissingFileWithItsExitStatus() async throws {
            let (root, sandbox) = try grantedDirectory()
            defer { try? FileManager.default.removeItem(atPath: root) }
            let failure = try #require(
                await RuntimeFixtures.failure("files", input: #"{"op": "read", "path": "absent.txt"}"#, sandbox: sandbox))
            #expect(failure.reason == .crashed(exitStatus: 1, message: "cannot read 'absent.txt': No such file or directory"))
            #expect(failure.message == "handler exited with status 1: cannot read 'absent.txt': No such file or directory")
        }

        @Test func filesSeesNothingWithoutAGrant() async throws {
            let failure = try #require(await RuntimeFixtures.failure("files", input: #"{"op": "list"}"#))
            #expect(failure.reason == .crashed(exitStatus: 1, message: "cannot list '.': Capabilities insufficient"))
        }
    }
}
