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
        let name = normalizedHost(host)
        return name == "localhost" || name == "::1" || name.hasSuffix(".localhost") || isIPv4Loopback(name)
    }

    /// A dotted IPv4 literal in 127.0.0.0/8; a name that merely starts with `127.` (which any DNS
    /// can point anywhere) is not.
    private static func isIPv4Loopback(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in
            (1...3).contains(part.utf8.count) && part.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } && Int(part)! <= 255
        }
    }

    /// A host name or address as compared: lower-cased, without IPv6 brackets.
    static func normalizedHost(_ host: String) -> String {
        host.lowercased().trimmingCharacters(in: ["[", "]"])
    }

    /// Whether the server listens beyond loopback.
    public var listensBeyondLoopback: Bool { !Self.isLoopback(host) }

    /// Whether invoking and mutating requests need a token.
    public var requiresToken: Bool { tokens == .always || listensBeyondLoopback }
}
