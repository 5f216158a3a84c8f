import Foundation
import PackBasics
import PackJSON
import PackTestSupport
import Testing

/// `quiver call` and `quiver test` over the bundled example packs, with the example policy: the
/// same commands a new user runs, in process.
@Suite(.tags(.medium))
struct InvocationCommandTests {
    static let policy = Path.join(Path.parent(TestPaths.examplePacks), "policy.yaml")

    @Test
    func everyExampleToolTestPassesUnderTheExamplePolicy() async {
        let result = await quiver("test", "--packs", TestPaths.examplePacks, "--policy", Self.policy, "--json")
        #expect(result.exitCode == 0, "\(result.standardOutput)\n\(result.standardError)")
        let report = try? JSONParser.parse(result.standardOutput)
        let cases = report?["tests"]?.arrayValue ?? []
        #expect(cases.count >= 13, "\(result.standardOutput)")
        // The three C handlers are among them and pass.
        for tool in ["text-tools/text_stats", "text-tools/json_pick", "text-tools/data_files"] {
            #expect(result.standardOutput.contains(tool), "no test case of \(tool)")
        }
    }

    @Test
    func aToolWhoseDirectoryIsNotGrantedFailsWithoutReachingTheFiles() async {
        // The embedded default policy grants nothing, so data_files has no preopened directory.
        let home = (try? TestPaths.temporaryDirectory("home")) ?? NSTemporaryDirectory()
        setenv("QUIVER_HOME", home, 1)
        defer { unsetenv("QUIVER_HOME") }
        let result = await quiver("call", "data_files", "--input", #"{"op": "read", "path": "about.txt"}"#,
                                  "--packs", TestPaths.examplePacks, "--json")
        #expect(result.exitCode == 1)
        let value = try? JSONParser.parse(result.standardOutput)
        #expect(value?["outcome"] == "handler_error", "\(result.standardOutput)")
        #expect(value?["output"] == nil)
    }

    @Test
    func callPrintsTheOutcomeOutputAndLatencyAsJSON() async throws {
        let result = await quiver("call", "text_stats", "--input", #"{"text": "a bb ccc"}"#,
                                  "--packs", TestPaths.examplePacks, "--json")
        #expect(result.exitCode == 0, "\(result.standardError)")
        let value = try JSONParser.parse(result.standardOutput)
        #expect(value["outcome"] == "ok")
        #expect(value["output"]?["words"] == 3)
        #expect(value["output"]?["longest_word"] == "ccc")
        #expect(value["latency_ms"]?.numberValue != nil)
    }
}

/// `quiver call` as its own process, where a signal would end it.
@Suite(.tags(.medium))
struct CallProcessTests {
    @Test("a handler that exits without reading its input is a failed call, not a host killed by SIGPIPE",
          .timeLimit(.minutes(1)))
    func aHandlerThatIgnoresItsInputDoesNotKillTheHost() throws {
        let quiver = Path.join(TestPaths.repositoryRoot, ".build/debug/quiver")
        try #require(FileManager.default.isExecutableFile(atPath: quiver),
                     "build the binary first: swift build --product quiver (looked for \(quiver))")
        let root = try TestPaths.makeDirectory([
            "pack/PACK.yaml": """
                format: 1
                name: early
                version: 1.0.0
                description: a handler that exits without reading its input
                capabilities:
                  - exec: [sh]
                    reason: run the script
                tools:
                  - { name: run, description: d, input: { type: object }, handler: { process: [sh, tool.sh] } }

                """,
            "pack/tool.sh": "exit 0\n",
            "policy.yaml": "format: 1\ngrants:\n  - allow:\n      - exec: [sh]\n",
            // Larger than a pipe holds, so writing it must meet the closed pipe.
            "input.json": #"{"blob": ""# + String(repeating: "x", count: 2_000_000) + #""}"#,
        ], label: "sigpipe")
        var environment = ProcessInfo.processInfo.environment
        environment["QUIVER_HOME"] = try TestPaths.temporaryDirectory("quiver-home")
        let (status, text) = try runToCompletion(
            quiver, ["call", "early/run", "--packs", Path.join(root, "pack"), "--policy", Path.join(root, "policy.yaml"),
                     "--input", "@" + Path.join(root, "input.json")],
            environment: environment)
        // SIGPIPE would end it with status 13 (the signal), not 1.
        #expect(status == 1, "\(text)")
        #expect(text.contains("error:"), "\(text)")
    }
}
