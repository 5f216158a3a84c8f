import PackJSON

/// What the server needs from persistent state (PackState provides it; tests may pass less).
///
/// Each part is optional: without `verifyToken` a server that requires tokens refuses every
/// invoking request; without `stats` the statistics endpoint answers `503 no_state`.
public struct ServerServices: Sendable {
    /// Whether a bearer token is valid.
    public var verifyToken: (@Sendable (String) async -> Bool)?
    /// Model success rates as `{"threshold": 0.8, "rates": [...]}`.
    public var stats: (@Sendable () async throws -> JSONValue)?
    /// The most recent invocations as `{"invocations": [...]}`, newest first.
    public var recentInvocations: (@Sendable (Int) async throws -> JSONValue)?

    /// Creates the services.
    public init(verifyToken: (@Sendable (String) async -> Bool)? = nil, stats: (@Sendable () async throws -> JSONValue)? = nil,
                recentInvocations: (@Sendable (Int) async throws -> JSONValue)? = nil) {
        self.verifyToken = verifyToken
        self.stats = stats
        self.recentInvocations = recentInvocations
    }
}
