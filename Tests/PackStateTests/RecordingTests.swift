import Foundation
import PackKernel
import PackModel
import PackState
import PackTestSupport
import Testing

@Suite(.tags(.small))
struct RecordingTests {
    @Test("recorded calls become success rates per tool version and model")
    func recordedCallsBecomeSuccessRatesPerToolVersionAndModel() async throws {
        let store = try StateStore.inMemory()
        for outcome in [InvocationOutcome.ok, .ok, .ok, .timeout] { await store.record(makeRecord(caller: "model-a", outcome: outcome)) }
        for outcome in [InvocationOutcome.ok, .inputInvalid] { await store.record(makeRecord(caller: "model-b", outcome: outcome)) }
        await store.record(makeRecord(version: "2.0.0", caller: nil))
        await store.record(makeRecord("demo/other", caller: "  "))
        await store.flush()

        let rates = try await store.successRates()
        #expect(rates.map { "\($0.tool) \($0.version) \($0.model) \($0.successes)/\($0.calls)" } == [
            "demo/echo 1.0.0 model-a 3/4",
            "demo/echo 1.0.0 model-b 1/2",
            "demo/echo 2.0.0 unknown 1/1",
            "demo/other 1.0.0 unknown 1/1",
        ])
        #expect(rates[0].rate == 0.75 && rates[0].isFlagged)
        #expect(rates[1].isFlagged)
        #expect(!rates[2].isFlagged)
        #expect(abs(rates[0].meanLatencyMilliseconds - 2) < 1e-9)

        #expect(try await store.successRates(tool: "demo/other").count == 1)
        #expect(try await store.successRates(model: "model-b").map(\.successes) == [1])
        #expect(try await store.successRates(tool: "demo/echo", model: "unknown").map(\.version) == ["2.0.0"])
    }

    @Test("every outcome other than ok counts as a failure", arguments: InvocationOutcome.allCases)
    func everyOutcomeOtherThanOkCountsAsAFailure(_ outcome: InvocationOutcome) async throws {
        let store = try StateStore.inMemory()
        await store.record(makeRecord(outcome: outcome))
        await store.flush()
        let rate = try #require(try await store.successRates().first)
        #expect(rate.successes == (outcome == .ok ? 1 : 0))
    }

    @Test("recent invocations come back newest first with their fields")
    func recentInvocationsComeBackNewestFirst() async throws {
        let clock = ManualClock()
        let store = try StateStore.inMemory(now: clock.function)
        await store.record(makeRecord("demo/a", outcome: .ok, latency: .microseconds(1500), outputBytes: 42))
        clock.advance(by: 1)
        await store.record(makeRecord("demo/b", outcome: .outputInvalid, validationErrors: ["at /x: expected a string"]))
        await store.flush()

        let recent = try await store.recentInvocations()
        #expect(recent.map(\.tool) == ["demo/b", "demo/a"])
        #expect(recent[0].outcome == .outputInvalid)
        #expect(recent[0].validationErrors == ["at /x: expected a string"])
        #expect(recent[1].latencyMicroseconds == 1500)
        #expect(recent[1].outputBytes == 42)
        #expect(recent[1].time == clock.now.addingTimeInterval(-1))
        #expect(try await store.recentInvocations(limit: 1).map(\.tool) == ["demo/b"])
        #expect(try await store.recentInvocations(tool: "demo/a").count == 1)
    }

    @Test("what a caller controls is bounded before it is stored")
    func whatACallerControlsIsBounded() async throws {
        let store = try StateStore.inMemory()
        let errors = (0..<30).map { "at /\($0): " + String(repeating: "x", count: 1000) }
        await store.record(makeRecord(caller: String(repeating: "m", count: 2000), outcome: .inputInvalid, validationErrors: errors))
        await store.flush()
        let stored = try #require(try await store.recentInvocations().first)
        #expect(stored.model.count == StateStore.maximumTextLength)
        #expect(stored.validationErrors.count == StateStore.maximumValidationErrors + 1)
        #expect(stored.validationErrors.last == "… 10 more")
        #expect(stored.validationErrors[0].count == StateStore.maximumTextLength + 1)
    }

    @Test("retention keeps the newest rows up to the limit, and the rates keep counting")
    func retentionKeepsTheNewestRowsUpToTheLimit() async throws {
        let store = try StateStore.inMemory(configuration: .init(retention: RetentionPolicy(maximumInvocations: 5), batchSize: 3))
        for index in 0..<12 { await store.record(makeRecord(caller: "model-\(index % 2)", outcome: index < 6 ? .ok : .timeout)) }
        await store.flush()

        let totals = try await store.totals()
        #expect(totals.storedInvocations == 5)
        #expect(totals.countedCalls == 12)
        #expect(totals.countedSuccesses == 6)
        #expect(totals.writtenRecords == 12)
        let recent = try await store.recentInvocations(limit: 100)
        #expect(recent.count == 5)
        #expect(recent.allSatisfy { $0.outcome == .timeout })
        #expect(try await store.successRates().map(\.calls) == [6, 6])
    }

    @Test("retention drops rows older than the maximum age")
    func retentionDropsRowsOlderThanTheMaximumAge() async throws {
        let clock = ManualClock()
        let store = try StateStore.inMemory(configuration: .init(retention: RetentionPolicy(maximumAge: .seconds(3600))), now: clock.function)
        await store.record(makeRecord("demo/old"))
        await store.flush()
        clock.advance(by: 3601)
        await store.record(makeRecord("demo/new"))
        await store.flush()

        #expect(try await store.recentInvocations().map(\.tool) == ["demo/new"])
        let totals = try await store.totals()
        #expect(totals.storedInvocations == 1)
        #expect(totals.countedCalls == 2)
        #expect(try await store.successRates().map(\.tool) == ["demo/new", "demo/old"])
    }

    @Test("a full queue drops records and counts them instead of blocking")
    func aFullQueueDropsRecordsAndCountsThem() async throws {
        let directory = try TestPaths.temporaryDirectory("state-queue")
        let store = try StateStore.open(home: directory, configuration: .init(queueCapacity: 10, batchSize: 10))
        // Another process holds the write lock, so the writer waits and the queue fills.
        let holder = try SQLiteClient.holdWriteLock(on: StateStore.databasePath(home: directory), seconds: 1)
        let started = ContinuousClock.now
        for _ in 0..<100 { await store.record(makeRecord()) }
        #expect(ContinuousClock.now - started < .milliseconds(500), "record() must not wait for the database")
        await store.flush()
        holder.waitUntilExit()

        let totals = try await store.totals()
        #expect(totals.droppedRecords >= 80)
        #expect(totals.writtenRecords + totals.droppedRecords == 100)
        #expect(totals.failedRecords == 0)
        #expect(totals.storedInvocations == totals.writtenRecords)
        #expect(totals.pendingRecords == 0)
    }

    @Test("records survive closing and reopening the file")
    func recordsSurviveReopening() async throws {
        let directory = try TestPaths.temporaryDirectory("state-reopen")
        do {
            let store = try StateStore.open(home: directory)
            await store.record(makeRecord(caller: "model-a"))
            await store.flush()
        }
        let reopened = try StateStore.open(home: directory)
        #expect(try await reopened.successRates().map(\.model) == ["model-a"])
        #expect(reopened.path == directory + "/quiver.db")
    }
}
