import Foundation
/// How `quiver serve` listens and whom it lets in.
public struct ServerConfiguration: Sendable {
    /// When invoking and mutating requests need a bearer token.
    public enum TokenRequirement: String, Sendable, CaseIterable {
        /// Only when the server listens beyond loopback (the default).
        case automatic
        /// Always, even on loopback.
        case always
    }

    /// The address to listen on. (Default: `127.0.0.1`)
    public var host: String
    /// The port; 0 picks a free one. (Default: 7878)
    public var port: Int
    /// When tokens are required.
    public var tokens: TokenRequirement
    /// Extra host names accepted in `Host` and `Origin` headers, besides the loopback names and
    /// the listening address (for a server reached under another name).
    public var allowedHosts: [String]

    /// Creates a configuration.
    public init(host: String = "127.0.0.1", port: Int = 7878, tokens: TokenRequirement = .automatic, allowedHosts: [String] = []) {
        self.host = host
        self.port = port
        self.tokens = tokens
        self.allowedHosts = allowedHosts
    }

    /// Whether `host` is a loopback address or name.
    public static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased().trimmingCharacters(in: ["[", "]"])
        return name == "localhost" || name == "::1" || name.hasPrefix("127.") || name.hasSuffix(".localhost")
    }

    /// Whether the server listens beyond loopback.
    public var listensBeyondLoopback: Bool { !Self.isLoopback(host) }

    /// Whether invoking and mutating requests need a token.
    public var requiresToken: Bool { tokens == .always || listensBeyondLoopback }
}
