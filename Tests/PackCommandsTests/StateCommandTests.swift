import Foundation
import PackJSON
import PackKernel
import PackModel
import PackState
import PackTestSupport
import Testing

/// `quiver stats` and `quiver token`, each test with its own `--home` (the environment stays untouched).
@Suite(.tags(.medium))
struct StateCommandTests {
    /// A home whose database holds the given calls: (tool, version, model, outcome).
    func home(with calls: [(String, String, String?, InvocationOutcome)]) async throws -> String {
        let home = try TestPaths.temporaryDirectory("state-home")
        let store = try StateStore.open(home: home)
        for (tool, version, model, outcome) in calls {
            await store.record(InvocationRecord(tool: tool, version: version, caller: model, outcome: outcome,
                                                latency: .milliseconds(3), validationErrors: [], outputBytes: 5))
        }
        await store.flush()
        return home
    }

    @Test("stats without a database says nothing was recorded and succeeds")
    func statsWithoutADatabaseSaysNothingWasRecorded() async throws {
        let home = try TestPaths.temporaryDirectory("state-empty")
        let result = await quiver("stats", "--home", home)
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.hasPrefix("no invocations recorded yet"))
        #expect(!FileManager.default.fileExists(atPath: home + "/quiver.db"), "stats must not create the database")
        let json = await quiver("stats", "--home", home, "--json")
        #expect(try JSONParser.parse(json.standardOutput)["rates"] == [])
    }

    @Test("stats prints rates, intervals and the below-80% flag")
    func statsPrintsRatesIntervalsAndTheFlag() async throws {
        let calls = Array(repeating: ("demo/echo", "1.0.0", "model-a" as String?, InvocationOutcome.ok), count: 8)
            + Array(repeating: ("demo/echo", "1.0.0", "model-a" as String?, InvocationOutcome.timeout), count: 2)
            + [("demo/echo", "1.0.0", nil, .ok), ("demo/echo", "1.0.0", nil, .handlerError)]
        let home = try await home(with: calls)
        let result = await quiver("stats", "--home", home)
        #expect(result.exitCode == 0, "\(result.standardError)")
        #expect(result.standardOutput == """
            TOOL       VERSION  MODEL    CALLS  SUCCESS  95% CI
            demo/echo  1.0.0    model-a  10     80.0%    49.0%–94.3%
            demo/echo  1.0.0    unknown  2      50.0%    9.5%–90.5%   below 80%
            2 tool version × model pairs, 1 below 80%; 12 recent calls kept

            """)
    }

    @Test("stats --json carries the numbers and honours the filters")
    func statsJSONCarriesTheNumbersAndHonoursFilters() async throws {
        let home = try await home(with: [("a/x", "1.0.0", "m1", .ok), ("a/x", "1.0.0", "m2", .denied), ("b/y", "2.0.0", "m1", .ok)])
        let result = await quiver("stats", "--home", home, "--model", "m1", "--recent", "5", "--json")
        #expect(result.exitCode == 0)
        let report = try JSONParser.parse(result.standardOutput)
        let rates = try #require(report["rates"]?.arrayValue)
        #expect(rates.map { $0["tool"]?.stringValue } == ["a/x", "b/y"])
        #expect(rates[0]["calls"] == 1 && rates[0]["successes"] == 1 && rates[0]["flagged"] == false)
        #expect(report["threshold"] == 0.8)
        #expect(report["recent"]?.arrayValue?.count == 3)
        #expect(report["totals"]?["counted_calls"] == 3)

        let filtered = await quiver("stats", "--home", home, "--tool", "a/x", "--json")
        #expect(try JSONParser.parse(filtered.standardOutput)["rates"]?.arrayValue?.map { $0["model"]?.stringValue } == ["m1", "m2"])
    }

    @Test("stats on a file that is not a database fails with the path and the fix")
    func statsOnACorruptFileFails() async throws {
        let home = try TestPaths.temporaryDirectory("state-corrupt")
        try Data(String(repeating: "garbage ", count: 500).utf8).write(to: URL(fileURLWithPath: home + "/quiver.db"))
        let result = await quiver("stats", "--home", home)
        #expect(result.exitCode == 1)
        #expect(result.standardError.hasPrefix("error: '\(home)/quiver.db' is not a usable Quiver state database"))
        #expect(result.standardError.contains("delete it"))
    }

    @Test("a token is created once, listed by name, verified, and revoked")
    func aTokenIsCreatedListedVerifiedAndRevoked() async throws {
        let home = try TestPaths.temporaryDirectory("state-token")
        let created = await quiver("token", "create", "ci-bot", "--home", home)
        #expect(created.exitCode == 0)
        let token = created.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("qvr_") && token.count == 47)
        #expect(created.standardError.contains("warning: store this token now"))
        #expect(try await StateStore.open(home: home).verify(token: token)?.name == "ci-bot")

        let duplicate = await quiver("token", "create", "ci-bot", "--home", home)
        #expect(duplicate.exitCode == 1)
        #expect(duplicate.standardError.contains("a token named 'ci-bot' already exists"))

        let list = await quiver("token", "list", "--home", home)
        #expect(list.standardOutput.hasPrefix("NAME    CREATED"))
        #expect(list.standardOutput.contains("ci-bot"))
        #expect(!list.standardOutput.contains(token))
        let listJSON = try JSONParser.parse(await quiver("token", "list", "--home", home, "--json").standardOutput)
        #expect(listJSON["tokens"]?[0]?["name"] == "ci-bot")
        #expect(listJSON["tokens"]?[0]?["last_used_at"] != .null)

        let revoked = await quiver("token", "revoke", "ci-bot", "--home", home)
        #expect(revoked.exitCode == 0)
        #expect(revoked.standardOutput == "revoked token 'ci-bot'\n")
        #expect(try await StateStore.open(home: home).verify(token: token) == nil)
        let again = await quiver("token", "revoke", "ci-bot", "--home", home)
        #expect(again.exitCode == 1)
        #expect(again.standardError.contains("no token named 'ci-bot'"))
    }

    @Test("token create --json prints the token with its warning")
    func tokenCreateJSONPrintsTheTokenWithItsWarning() async throws {
        let home = try TestPaths.temporaryDirectory("state-token-json")
        let result = await quiver("token", "create", "laptop", "--home", home, "--json")
        let report = try JSONParser.parse(result.standardOutput)
        #expect(report["name"] == "laptop")
        #expect(report["token"]?.stringValue?.hasPrefix("qvr_") == true)
        #expect(report["warning"]?.stringValue?.contains("cannot show it again") == true)
    }

    @Test("a bad token name is a usage error")
    func aBadTokenNameIsAUsageError() async throws {
        let home = try TestPaths.temporaryDirectory("state-token-bad")
        let result = await quiver("token", "create", "has space", "--home", home)
        #expect(result.exitCode == 64)
        #expect(result.standardError.contains("invalid token name 'has space'"))
        #expect(!FileManager.default.fileExists(atPath: home + "/quiver.db"))
    }
}
