/// Which invocation rows the store keeps; success-rate counters are never pruned.
///
/// After every write batch the writer deletes rows beyond ``maximumInvocations`` (oldest first) and
/// rows older than ``maximumAge``. At the defaults a row takes about 150 bytes, so the table stays
/// near 15 MB.
public struct RetentionPolicy: Sendable, Hashable {
    /// The most invocation rows kept. (Default: 100,000)
    public var maximumInvocations: Int
    /// The oldest row kept. (Default: 30 days)
    public var maximumAge: Duration

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - maximumInvocations: The most rows kept; at least 0. (Default: 100,000)
    ///   - maximumAge: The oldest row kept. (Default: 30 days)
    public init(maximumInvocations: Int = 100_000, maximumAge: Duration = .seconds(30 * 24 * 3600)) {
        self.maximumInvocations = max(0, maximumInvocations)
        self.maximumAge = maximumAge
    }

    /// ``maximumAge`` in seconds.
    var maximumAgeSeconds: Double {
        Double(maximumAge.components.seconds) + Double(maximumAge.components.attoseconds) / 1e18
    }
}
