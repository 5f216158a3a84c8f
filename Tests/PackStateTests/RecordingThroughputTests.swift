import Foundation
import PackKernel
import PackModel
import PackState
import PackTestSupport
import Testing

/// The figures in docs/state.md come from this test (it prints them).
@Suite(.tags(.large))
struct RecordingThroughputTests {
    @Test("100,000 recorded calls are all written, with record() cheap on the caller's side")
    func aHundredThousandRecordedCallsAreAllWritten() async throws {
        let count = 100_000
        let home = try TestPaths.temporaryDirectory("state-bench")
        let store = try StateStore.open(home: home, configuration: .init(queueCapacity: count))
        let records = (0..<count).map { index in
            makeRecord("bench/tool-\(index % 10)", caller: "model-\(index % 3)", outcome: index % 7 == 0 ? .timeout : .ok)
        }
        let clock = ContinuousClock()
        let start = clock.now
        for record in records { await store.record(record) }
        let enqueued = clock.now
        await store.flush()
        let written = clock.now

        let totals = try await store.totals()
        #expect(totals.writtenRecords == count)
        #expect(totals.droppedRecords == 0)
        #expect(totals.storedInvocations == count)
        #expect(totals.countedCalls == count)
        #expect(try await store.successRates().count == 30)

        let perCall = (enqueued - start) / count
        print("state bench: record() \(perCall) per call on the caller's side; 100k written in \(written - start)")
        #expect(perCall < .microseconds(100), "record() must stay cheap: \(perCall)")
    }
}
