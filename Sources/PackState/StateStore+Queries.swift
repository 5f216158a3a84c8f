public import Foundation
import GRDB
public import PackJSON
public import PackModel
import Synchronization

/// One stored call, as ``StateStore/recentInvocations(limit:tool:)`` returns it.
public struct StoredInvocation: Sendable, Hashable {
    /// The row ID; larger is newer.
    public var id: Int64
    /// When the call was recorded.
    public var time: Date
    /// The tool ID, `pack/tool`.
    public var tool: String
    /// The pack version.
    public var version: String
    /// The calling model or client; `unknown` when the caller did not say.
    public var model: String
    /// How the call ended.
    public var outcome: InvocationOutcome
    /// Latency in microseconds.
    public var latencyMicroseconds: Int64
    /// The size of the output in bytes.
    public var outputBytes: Int
    /// Validation messages, at most ``StateStore/maximumValidationErrors`` (plus a "… N more" line).
    public var validationErrors: [String]

    /// The call as JSON, with snake_case keys and the time in Unix seconds.
    public var jsonValue: JSONValue {
        [
            "id": .number(JSONNumber(id)), "time": .number(JSONNumber(time.timeIntervalSince1970)),
            "tool": .string(tool), "version": .string(version), "model": .string(model),
            "outcome": .string(outcome.rawValue), "latency_us": .number(JSONNumber(latencyMicroseconds)),
            "output_bytes": .number(JSONNumber(outputBytes)),
            "validation_errors": .array(validationErrors.map { .string($0) }),
        ]
    }
}

/// What the store holds, and what happened to records since it was opened.
public struct StateTotals: Sendable, Hashable {
    /// Invocation rows kept (bounded by the retention policy).
    public var storedInvocations: Int
    /// The oldest kept row's time, if any.
    public var oldestInvocation: Date?
    /// The newest kept row's time, if any.
    public var newestInvocation: Date?
    /// Calls counted in the success-rate counters (all time; never pruned).
    public var countedCalls: Int
    /// Counted calls whose outcome was `ok`.
    public var countedSuccesses: Int
    /// Records waiting for the writer now.
    public var pendingRecords: Int
    /// Records written by this process since the store was opened.
    public var writtenRecords: Int
    /// Records dropped since the store was opened because the queue was full.
    public var droppedRecords: Int
    /// Records lost since the store was opened because a write failed (see ``lastWriteError``).
    public var failedRecords: Int
    /// The message of the last failed write, if any.
    public var lastWriteError: String?

    /// The totals as JSON, with snake_case keys and times in Unix seconds.
    public var jsonValue: JSONValue {
        [
            "stored_invocations": .number(JSONNumber(storedInvocations)),
            "oldest_invocation": oldestInvocation.map { .number(JSONNumber($0.timeIntervalSince1970)) } ?? .null,
            "newest_invocation": newestInvocation.map { .number(JSONNumber($0.timeIntervalSince1970)) } ?? .null,
            "counted_calls": .number(JSONNumber(countedCalls)), "counted_successes": .number(JSONNumber(countedSuccesses)),
            "pending_records": .number(JSONNumber(pendingRecords)), "written_records": .number(JSONNumber(writtenRecords)),
            "dropped_records": .number(JSONNumber(droppedRecords)), "failed_records": .number(JSONNumber(failedRecords)),
            "last_write_error": lastWriteError.map { .string($0) } ?? .null,
        ]
    }
}

extension StateStore {
    /// Success rates per tool version and model, ordered by tool, version and model.
    ///
    /// Reads the all-time counters, which retention never prunes. Records still queued are not
    /// included; call ``flush()`` first when that matters.
    ///
    /// - Parameters:
    ///   - tool: Only this tool ID (`pack/tool`). (Default: every tool)
    ///   - model: Only this model. (Default: every model)
    /// - Throws: ``StateError`` when the database cannot be read.
    public func successRates(tool: String? = nil, model: String? = nil) async throws(StateError) -> [SuccessRate] {
        let threshold = configuration.successThreshold
        return try await reading { db in
            try Row.fetchAll(db, sql: """
                SELECT tool, version, model, calls, successes, latency_us_total, first_time, last_time
                FROM success_counts
                WHERE (?1 IS NULL OR tool = ?1) AND (?2 IS NULL OR model = ?2)
                ORDER BY tool, version, model
                """, arguments: [tool, model]).map { row in
                let calls: Int = row["calls"]
                let latency: Int64 = row["latency_us_total"]
                return SuccessRate(
                    tool: row["tool"], version: row["version"], model: row["model"], calls: calls, successes: row["successes"],
                    threshold: threshold, meanLatencyMilliseconds: calls > 0 ? Double(latency) / Double(calls) / 1000 : 0,
                    firstCalledAt: Date(timeIntervalSince1970: row["first_time"]),
                    lastCalledAt: Date(timeIntervalSince1970: row["last_time"]))
            }
        }
    }

    /// The newest stored calls, newest first.
    ///
    /// - Parameters:
    ///   - limit: The most calls returned. (Default: 50)
    ///   - tool: Only this tool ID. (Default: every tool)
    /// - Throws: ``StateError`` when the database cannot be read.
    public func recentInvocations(limit: Int = 50, tool: String? = nil) async throws(StateError) -> [StoredInvocation] {
        try await reading { db in
            try Row.fetchAll(db, sql: """
                SELECT id, time, tool, version, model, outcome, latency_us, output_bytes, validation_errors
                FROM invocations WHERE (?1 IS NULL OR tool = ?1) ORDER BY id DESC LIMIT ?2
                """, arguments: [tool, max(0, limit)]).map { row in
                let errors: String? = row["validation_errors"]
                let outcome: String = row["outcome"]
                return StoredInvocation(
                    id: row["id"], time: Date(timeIntervalSince1970: row["time"]), tool: row["tool"], version: row["version"],
                    model: row["model"], outcome: InvocationOutcome(rawValue: outcome) ?? .handlerError,
                    latencyMicroseconds: row["latency_us"], outputBytes: row["output_bytes"],
                    validationErrors: errors.flatMap { try? JSONParser.parse($0).arrayValue?.compactMap(\.stringValue) } ?? [])
            }
        }
    }

    /// Row counts, counters, and the fate of records since the store was opened.
    ///
    /// - Throws: ``StateError`` when the database cannot be read.
    public func totals() async throws(StateError) -> StateTotals {
        let stored = try await reading { db in
            let row = try Row.fetchOne(db, sql: "SELECT count(*) AS n, min(time) AS oldest, max(time) AS newest FROM invocations")
            let counts = try Row.fetchOne(db, sql: "SELECT total(calls) AS calls, total(successes) AS successes FROM success_counts")
            let count: Int = row?["n"] ?? 0
            let oldest: Double? = row?["oldest"], newest: Double? = row?["newest"]
            let calls: Double = counts?["calls"] ?? 0, successes: Double = counts?["successes"] ?? 0
            return (count: count, oldest: oldest, newest: newest, calls: Int(calls), successes: Int(successes))
        }
        let snapshot = queue.withLock { $0 }
        return StateTotals(
            storedInvocations: stored.count, oldestInvocation: stored.oldest.map(Date.init(timeIntervalSince1970:)),
            newestInvocation: stored.newest.map(Date.init(timeIntervalSince1970:)),
            countedCalls: stored.calls, countedSuccesses: stored.successes, pendingRecords: snapshot.pending.count,
            writtenRecords: snapshot.written, droppedRecords: snapshot.dropped, failedRecords: snapshot.failed,
            lastWriteError: snapshot.lastWriteError?.message)
    }

    /// Runs a read, mapping database failures to ``StateError``.
    func reading<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StateError) -> T {
        do {
            return try await database.read(body)
        } catch let error as StateError {
            throw error
        } catch {
            throw Self.failure(displayPath, error)
        }
    }

    /// Runs a write transaction, mapping database failures to ``StateError``.
    func writing<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StateError) -> T {
        do {
            return try await database.write(body)
        } catch let error as StateError {
            throw error
        } catch {
            throw Self.failure(displayPath, error)
        }
    }

    /// The database file, or `:memory:`, as messages name it.
    var displayPath: String { path ?? ":memory:" }

    /// A database failure as a ``StateError`` (a non-Sendable underlying error is kept as text).
    static func failure(_ path: String, _ error: any Error) -> StateError {
        .databaseFailure(path, error as? DatabaseError ?? StateUnderlyingError(description: "\(error)"))
    }
}
