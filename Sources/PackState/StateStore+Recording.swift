import Foundation
import GRDB
import PackJSON
public import PackKernel
import PackModel
import Synchronization

/// Records waiting for the writer, and what happened to earlier ones.
struct RecordQueue: Sendable {
    var pending: [PendingRecord] = []
    /// Records the writer has taken and not yet written; they count against the capacity too.
    var inFlight = 0
    /// The running writer, if any; `nil` exactly when `pending` is empty and nothing is being written.
    var writer: Task<Void, Never>?
    /// The writer's pause before its first batch, while it lasts.
    var gathering: Task<Void, Never>?
    /// A flush is waiting: the writer starts at once.
    var hurries = false
    var written = 0
    var dropped = 0
    var failed = 0
    var lastWriteError: StateError?
}

/// One record stamped with the time it was handed over, bounded for storage.
struct PendingRecord: Sendable {
    var time: Double
    var tool: String
    var version: String
    var model: String
    var outcome: InvocationOutcome
    var latencyMicroseconds: Int64
    var outputBytes: Int
    var validationErrors: [String]
}

extension StateStore: InvocationRecorder {
    /// The most validation messages stored per call; more are cut with a final "… N more".
    public static let maximumValidationErrors = 20
    /// The most characters stored per validation message, and for a model name.
    public static let maximumTextLength = 500
    /// How long a new writer waits before its first batch, so that the records of calls close
    /// together share one transaction (and one wake-up of the writer) instead of one each;
    /// ``flush()`` cuts the wait short. (2 ms)
    public static let gatheringWindow = Duration.milliseconds(2)

    /// Queues one call for the writer and returns at once; see ``enqueue(_:)``.
    public func record(_ record: InvocationRecord) async {
        enqueue(record)
    }

    /// Queues one call for the writer without waiting for the database.
    ///
    /// Costs a lock and an append (about a microsecond). When ``Configuration/queueCapacity``
    /// records are already waiting or being written, the record is dropped and counted
    /// (``StateTotals/droppedRecords``): a slow disk never blocks a tool call nor grows memory
    /// without bound.
    public func enqueue(_ record: InvocationRecord) {
        let pending = PendingRecord(record, time: now().timeIntervalSince1970)
        queue.withLock { queue in
            guard queue.pending.count + queue.inFlight < configuration.queueCapacity else {
                queue.dropped += 1
                return
            }
            queue.pending.append(pending)
            if queue.writer == nil {
                // An unstructured task, because record() must return before anything is written and
                // no caller scope outlives the batch. There is at most one (it retires when the queue
                // is empty), it holds the store alive until then, and flush() awaits it.
                queue.writer = Task { await self.drain() }
            }
        }
    }

    /// Waits until every record queued before the call is written (or has failed to be).
    public func flush() async {
        while let writer = queue.withLock({ queue in
            if queue.writer != nil {
                queue.hurries = true
                queue.gathering?.cancel()
            }
            return queue.writer
        }) {
            await writer.value
        }
    }

    /// Waits ``gatheringWindow`` (unless a flush is waiting), then writes batches until the queue
    /// is empty, and retires.
    private func drain() async {
        // A task of its own, so that flush() can cut the pause short without cancelling the writer.
        let gathering = Task { _ = try? await Task.sleep(for: Self.gatheringWindow) }
        if queue.withLock({ queue in
            queue.gathering = gathering
            return queue.hurries
        }) {
            gathering.cancel()
        }
        await gathering.value
        queue.withLock { $0.gathering = nil }
        while true {
            // Everything waiting is taken at once (no shifting of the queue under the lock that
            // record() needs) and written in batches.
            let taken: [PendingRecord] = queue.withLock { queue in
                if queue.pending.isEmpty {
                    queue.writer = nil
                    queue.hurries = false
                    return []
                }
                let taken = queue.pending
                queue.pending = []
                queue.inFlight = taken.count
                return taken
            }
            if taken.isEmpty { return }
            for start in stride(from: 0, to: taken.count, by: configuration.batchSize) {
                let batch = taken[start..<min(taken.count, start + configuration.batchSize)]
                let cutoff = now().timeIntervalSince1970 - configuration.retention.maximumAgeSeconds
                let keep = configuration.retention.maximumInvocations
                do {
                    try await database.write { db in
                        let newest = try Self.insert(batch, into: db)
                        try Self.prune(db, newest: newest, keepingAtMost: keep, notBefore: cutoff)
                    }
                    queue.withLock { queue in
                        queue.written += batch.count
                        queue.inFlight -= batch.count
                    }
                } catch {
                    let failure = Self.failure(displayPath, error)
                    queue.withLock { queue in
                        queue.failed += batch.count
                        queue.inFlight -= batch.count
                        queue.lastWriteError = failure
                    }
                }
            }
        }
    }

    /// Inserts the rows through one prepared statement and adds the batch to the counters.
    ///
    /// - Returns: The ID of the last row inserted.
    private static func insert(_ batch: ArraySlice<PendingRecord>, into db: Database) throws -> Int64 {
        let row = try db.cachedStatement(sql: """
            INSERT INTO invocations (time, tool, version, model, outcome, latency_us, output_bytes, validation_errors)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        struct Key: Hashable { var tool, version, model: String }
        struct Counts { var calls = 0, successes = 0, latency: Int64 = 0, first = Double.infinity, last = -Double.infinity }
        var counts: [Key: Counts] = [:]
        for record in batch {
            let errors: String? = record.validationErrors.isEmpty
                ? nil : JSONValue.array(record.validationErrors.map { .string($0) }).serialized()
            row.setUncheckedArguments([
                record.time, record.tool, record.version, record.model, record.outcome.rawValue,
                record.latencyMicroseconds, record.outputBytes, errors,
            ])
            try row.execute()
            let key = Key(tool: record.tool, version: record.version, model: record.model)
            var count = counts[key, default: Counts()]
            count.calls += 1
            if record.outcome == .ok { count.successes += 1 }
            count.latency &+= record.latencyMicroseconds
            count.first = min(count.first, record.time)
            count.last = max(count.last, record.time)
            counts[key] = count
        }
        let newest = db.lastInsertedRowID
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO success_counts (tool, version, model, calls, successes, latency_us_total, first_time, last_time)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (tool, version, model) DO UPDATE SET
                calls = calls + excluded.calls,
                successes = successes + excluded.successes,
                latency_us_total = latency_us_total + excluded.latency_us_total,
                first_time = min(first_time, excluded.first_time),
                last_time = max(last_time, excluded.last_time)
            """)
        for (key, count) in counts {
            upsert.setUncheckedArguments([key.tool, key.version, key.model, count.calls, count.successes, count.latency, count.first, count.last])
            try upsert.execute()
        }
        return newest
    }

    /// Deletes rows past the retention bounds. IDs only grow (AUTOINCREMENT) and rows leave oldest
    /// first, so "beyond the newest `keep`" is a range delete on the primary key.
    private static func prune(_ db: Database, newest: Int64, keepingAtMost keep: Int, notBefore cutoff: Double) throws {
        try db.cachedStatement(sql: "DELETE FROM invocations WHERE id <= ?").execute(arguments: [newest - Int64(keep)])
        try db.cachedStatement(sql: "DELETE FROM invocations WHERE time < ?").execute(arguments: [cutoff])
    }
}

extension PendingRecord {
    /// Bounds what a caller controls: the model name and the validation messages.
    init(_ record: InvocationRecord, time: Double) {
        self.time = time
        self.tool = record.tool
        self.version = record.version
        let caller = record.caller.map(Self.trimmed) ?? ""
        self.model = caller.isEmpty ? "unknown" : String(caller.prefix(StateStore.maximumTextLength))
        self.outcome = record.outcome
        let parts = record.latency.components
        self.latencyMicroseconds = max(0, parts.seconds &* 1_000_000 &+ parts.attoseconds / 1_000_000_000_000)
        self.outputBytes = record.outputBytes
        var errors = record.validationErrors.prefix(StateStore.maximumValidationErrors).map { message in
            message.count > StateStore.maximumTextLength ? String(message.prefix(StateStore.maximumTextLength)) + "…" : message
        }
        if record.validationErrors.count > StateStore.maximumValidationErrors {
            errors.append("… \(record.validationErrors.count - StateStore.maximumValidationErrors) more")
        }
        self.validationErrors = errors
    }

    /// `text` without leading and trailing white space and newlines; most names have none, and
    /// they are returned without Foundation's (costly) trimming.
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        // Unicode's White_Space property is exactly Foundation's whitespacesAndNewlines.
        if first.properties.isWhitespace || last.properties.isWhitespace {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return text
    }
}
