import ArgumentParser
import Foundation
import PackBasics
import PackJSON
import PackModel
import PackState

/// `quiver stats`: success rates per tool version and model from `$QUIVER_HOME/quiver.db`.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show model success rates per tool version, with 95% confidence intervals.",
        discussion: """
            A call succeeds when its outcome is 'ok'; every other outcome counts as a failure. Rates below 80% are \
            flagged. Counts are all-time (retention prunes individual records, never the counts). See docs/state.md.
            """)

    @OptionGroup var state: StateHomeOption

    @Option(help: "Only this tool (pack/tool).")
    var tool: String?

    @Option(help: "Only this model or client.")
    var model: String?

    @Option(help: "Also list the N most recent calls.")
    var recent: Int = 0

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let path = StateStore.databasePath(home: state.home)
        guard FileManager.default.fileExists(atPath: path) else {
            if json {
                Console.json(["database": .string(path), "rates": [], "recent": [], "totals": .null])
            } else {
                Console.out("no invocations recorded yet (\(path) does not exist)")
            }
            return
        }
        let store = try state.open()
        let rates: [SuccessRate], recentCalls: [StoredInvocation], totals: StateTotals
        do {
            rates = try await store.successRates(tool: tool, model: model)
            recentCalls = recent > 0 ? try await store.recentInvocations(limit: recent, tool: tool) : []
            totals = try await store.totals()
        } catch {
            // Not `catch let error as StateError`: that pattern crashes the 6.3.1 compiler here.
            Console.error("\(error)")
            throw ExitCode.failure
        }
        let threshold = store.configuration.successThreshold
        if json {
            Console.json([
                "database": .string(path), "threshold": .number(JSONNumber(threshold)),
                "rates": .array(rates.map(\.jsonValue)), "recent": .array(recentCalls.map(\.jsonValue)),
                "totals": totals.jsonValue,
            ])
            return
        }
        guard !rates.isEmpty else {
            Console.out(tool == nil && model == nil ? "no invocations recorded yet" : "no invocations match")
            return
        }
        let below = "below \(Self.percent(threshold, digits: 0))"
        var rows: [[String]] = [["TOOL", "VERSION", "MODEL", "CALLS", "SUCCESS", "95% CI", ""]]
        for rate in rates {
            rows.append([
                rate.tool, rate.version, rate.model, String(rate.calls), Self.percent(rate.rate),
                Self.percent(rate.interval.lower) + "–" + Self.percent(rate.interval.upper),
                rate.isFlagged ? below : "",
            ])
        }
        for line in TextTable.render(rows) { Console.out(line) }
        let flagged = rates.filter(\.isFlagged).count
        Console.out("\(rates.count) tool version × model pairs, \(flagged) \(below); \(totals.storedInvocations) recent calls kept")
        if !recentCalls.isEmpty {
            Console.out("")
            var recentRows: [[String]] = [["TIME", "TOOL", "VERSION", "MODEL", "OUTCOME", "LATENCY"]]
            for call in recentCalls {
                recentRows.append([
                    call.time.formatted(.iso8601), call.tool, call.version, call.model, call.outcome.rawValue,
                    String(format: "%.1f ms", Double(call.latencyMicroseconds) / 1000),
                ])
            }
            for line in TextTable.render(recentRows) { Console.out(line) }
        }
    }

    /// `0.8` → `80.0%`.
    static func percent(_ value: Double, digits: Int = 1) -> String {
        String(format: "%.\(digits)f%%", value * 100)
    }
}

/// `--home`: where `quiver.db` lives, for the commands that read or write state.
///
/// An option rather than only `QUIVER_HOME`, so tests (and scripts) can point one command at a
/// directory without changing the environment of the whole process.
struct StateHomeOption: ParsableArguments {
    @Option(name: .customLong("home"), help: "The Quiver home holding quiver.db. (Default: $QUIVER_HOME, else ~/.quiver)")
    var directory: String?

    /// The chosen home directory.
    var home: String { directory.map(LocalFileSystem.absolute) ?? PackSelection.home }

    /// Opens (creating if needed) the store, printing the error and exiting 1 when it cannot.
    func open() throws -> StateStore {
        try Self.open(home: home)
    }

    /// Opens (creating if needed) the store of `home`, printing the error with a hint and exiting
    /// 1 when it cannot.
    static func open(home: String) throws -> StateStore {
        do {
            return try StateStore.open(home: home)
        } catch {
            Console.error(error.message)
            Console.err("hint: set QUIVER_HOME to a writable directory, or move the file aside to start afresh")
            throw ExitCode.failure
        }
    }
}
