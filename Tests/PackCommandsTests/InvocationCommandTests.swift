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
