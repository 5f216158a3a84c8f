import Foundation
import PackJSON
import PackState
import PackTestSupport
import Testing

@Suite(.tags(.small))
struct SuccessRateTests {
    /// Wilson 95% bounds worked out by hand from (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n).
    @Test("the Wilson interval matches hand-computed bounds", arguments: [
        (8, 10, 0.4902, 0.9433),
        (0, 10, 0.0, 0.2775),
        (10, 10, 0.7225, 1.0),
        (50, 100, 0.4038, 0.5962),
        (95, 100, 0.8882, 0.9785),
        (1, 1, 0.2065, 1.0),
    ])
    func wilsonIntervalMatchesHandComputedBounds(successes: Int, trials: Int, lower: Double, upper: Double) {
        let interval = ConfidenceInterval.wilson(successes: successes, trials: trials)
        #expect(abs(interval.lower - lower) < 0.00006, "lower of \(successes)/\(trials): \(interval.lower)")
        #expect(abs(interval.upper - upper) < 0.00006, "upper of \(successes)/\(trials): \(interval.upper)")
    }

    @Test("no trials give the whole interval")
    func noTrialsGiveTheWholeInterval() {
        #expect(ConfidenceInterval.wilson(successes: 0, trials: 0) == ConfidenceInterval(lower: 0, upper: 1))
    }

    @Test("a rate is flagged exactly when it is below the threshold")
    func aRateIsFlaggedExactlyWhenBelowTheThreshold() {
        let date = Date(timeIntervalSince1970: 0)
        let atThreshold = SuccessRate(tool: "p/t", version: "1", model: "m", calls: 10, successes: 8, firstCalledAt: date, lastCalledAt: date)
        #expect(atThreshold.rate == 0.8)
        #expect(!atThreshold.isFlagged)
        let below = SuccessRate(tool: "p/t", version: "1", model: "m", calls: 10, successes: 7, firstCalledAt: date, lastCalledAt: date)
        #expect(below.isFlagged)
        // 7/10 could still be 80% by chance (upper bound 0.89); 50/100 could not (upper bound 0.60).
        #expect(!below.isConfidentlyBelowThreshold)
        let clearlyBelow = SuccessRate(tool: "p/t", version: "1", model: "m", calls: 100, successes: 50, firstCalledAt: date, lastCalledAt: date)
        #expect(clearlyBelow.isConfidentlyBelowThreshold)
        let strict = SuccessRate(tool: "p/t", version: "1", model: "m", calls: 10, successes: 9, threshold: 0.95,
                                 firstCalledAt: date, lastCalledAt: date)
        #expect(strict.isFlagged)
    }

    @Test("a rate serializes with its interval and flag")
    func aRateSerializesWithItsIntervalAndFlag() {
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        let rate = SuccessRate(tool: "p/t", version: "1.2.0", model: "m", calls: 10, successes: 8, firstCalledAt: date, lastCalledAt: date)
        let json = rate.jsonValue
        #expect(json["tool"] == "p/t")
        #expect(json["calls"] == 10)
        #expect(json["flagged"] == false)
        #expect(abs((json["ci95"]?["lower"]?.numberValue?.doubleValue ?? 0) - 0.4902) < 0.0001)
        #expect(json["last_called_at"] == 1_700_000_000)
    }
}
