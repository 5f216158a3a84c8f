public import Foundation
public import PackJSON

/// How often one model's calls of one tool version succeeded, with a 95% confidence interval.
///
/// A call *succeeds* when its outcome is `ok`. Every other outcome (`input_invalid`, `denied`,
/// `handler_error`, `timeout`, `resource_exhausted`, `output_invalid`) counts as a failure of that
/// model's call: the question asked is "when this model calls this tool version, does it get a
/// result?", and a malformed input is as much a failed call as a crashing handler.
public struct SuccessRate: Sendable, Hashable {
    /// The tool ID, `pack/tool`.
    public var tool: String
    /// The pack version.
    public var version: String
    /// The calling model or client; `unknown` when the caller did not say.
    public var model: String
    /// Calls counted (never pruned by retention).
    public var calls: Int
    /// Calls whose outcome was `ok`.
    public var successes: Int
    /// The threshold the flags are computed against.
    public var threshold: Double
    /// Mean latency of the counted calls, in milliseconds.
    public var meanLatencyMilliseconds: Double
    /// When the first counted call was recorded.
    public var firstCalledAt: Date
    /// When the last counted call was recorded.
    public var lastCalledAt: Date

    /// The rate below which a tool version is flagged for a model, unless the store says otherwise.
    public static let defaultThreshold = 0.8

    /// Computes a rate from counters.
    ///
    /// - Parameters:
    ///   - threshold: The rate below which the result is flagged. (Default: 0.8)
    ///   - calls: Must be positive; a zero count yields rate 0 and the interval [0, 1].
    public init(tool: String, version: String, model: String, calls: Int, successes: Int, threshold: Double = defaultThreshold,
                meanLatencyMilliseconds: Double = 0, firstCalledAt: Date, lastCalledAt: Date) {
        self.tool = tool
        self.version = version
        self.model = model
        self.calls = calls
        self.successes = successes
        self.threshold = threshold
        self.meanLatencyMilliseconds = meanLatencyMilliseconds
        self.firstCalledAt = firstCalledAt
        self.lastCalledAt = lastCalledAt
    }

    /// `successes / calls`, between 0 and 1 (0 without calls).
    public var rate: Double { calls > 0 ? Double(successes) / Double(calls) : 0 }
    /// The 95% Wilson score interval of ``rate``.
    public var interval: ConfidenceInterval { ConfidenceInterval.wilson(successes: successes, trials: calls) }
    /// Whether ``rate`` is strictly below ``threshold`` (Default: 0.8).
    public var isFlagged: Bool { rate < threshold }
    /// Whether even the interval's upper bound is below the threshold: the rate is below it with
    /// 95% confidence, not just by chance over few calls.
    public var isConfidentlyBelowThreshold: Bool { interval.upper < threshold }

    /// The rate as JSON, with snake_case keys and Unix times in seconds.
    public var jsonValue: JSONValue {
        let interval = interval
        return [
            "tool": .string(tool), "version": .string(version), "model": .string(model),
            "calls": .number(JSONNumber(calls)), "successes": .number(JSONNumber(successes)),
            "rate": .number(JSONNumber(rate)),
            "ci95": ["lower": .number(JSONNumber(interval.lower)), "upper": .number(JSONNumber(interval.upper))],
            "flagged": .bool(isFlagged), "confidently_below_threshold": .bool(isConfidentlyBelowThreshold),
            "threshold": .number(JSONNumber(threshold)),
            "mean_latency_ms": .number(JSONNumber(meanLatencyMilliseconds)),
            "first_called_at": .number(JSONNumber(firstCalledAt.timeIntervalSince1970)),
            "last_called_at": .number(JSONNumber(lastCalledAt.timeIntervalSince1970)),
        ]
    }
}

/// A confidence interval for a proportion, both bounds between 0 and 1.
public struct ConfidenceInterval: Sendable, Hashable {
    /// The lower bound.
    public var lower: Double
    /// The upper bound.
    public var upper: Double

    /// Creates an interval.
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// The two-sided 95% normal quantile, Φ⁻¹(0.975).
    public static let z95 = 1.959963984540054

    /// The Wilson score interval for `successes` out of `trials`.
    ///
    /// With p = successes / trials, n = trials and z the normal quantile:
    /// `(p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)`. Unlike the textbook p ± z·√(p(1−p)/n),
    /// it stays inside [0, 1] and does not collapse to a point at 0/n or n/n, so it is honest for the
    /// small counts a new tool version starts with. For 8 of 10 it is [0.490, 0.943].
    ///
    /// - Parameters:
    ///   - z: The normal quantile. (Default: ``z95``, for 95%)
    /// - Returns: The interval, or [0, 1] when there are no trials.
    public static func wilson(successes: Int, trials: Int, z: Double = z95) -> ConfidenceInterval {
        guard trials > 0 else { return ConfidenceInterval(lower: 0, upper: 1) }
        let n = Double(trials)
        let p = Double(min(max(successes, 0), trials)) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let center = (p + z2 / (2 * n)) / denominator
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
        return ConfidenceInterval(lower: max(0, center - half), upper: min(1, center + half))
    }
}
