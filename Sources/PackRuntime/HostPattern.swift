/// A host (and optional port) that `quiver.http` may reach, written as in a `net` grant.
///
/// Accepted forms: `api.example.com`, `api.example.com:443`, `*.example.com:443` (any subdomain,
/// not `example.com` itself), `*` (any host), `[::1]:8080`, and `*` as the port (`host:*`). A
/// pattern without a port matches every port. Hosts compare case-insensitively; a trailing dot on
/// the host asked for is ignored (patterns are written without one).
///
/// ```swift
/// let pattern = HostPattern("*.snowflakecomputing.com:443")!
/// pattern.matches(host: "acme.snowflakecomputing.com", port: 443)   // true
/// pattern.matches(host: "snowflakecomputing.com", port: 443)        // false
/// ```
public struct HostPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    private let host: Host
    private let port: Int?

    private enum Host: Sendable, Hashable {
        case any
        case exact(String)
        case subdomain(of: String)
    }

    /// Parses a pattern; `nil` when it is not one of the accepted forms.
    public init?(_ pattern: String) {
        guard !pattern.isEmpty, pattern.utf8.count <= 300 else { return nil }
        self.pattern = pattern
        var hostPart = Substring(pattern)
        var portPart: Substring?
        if pattern.hasPrefix("[") {
            guard let close = pattern.firstIndex(of: "]") else { return nil }
            hostPart = pattern[pattern.index(after: pattern.startIndex)..<close]
            let rest = pattern[pattern.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return nil }
                portPart = rest.dropFirst()
            }
            guard !hostPart.isEmpty, hostPart.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
            host = .exact(hostPart.lowercased())
        } else {
            if let colon = pattern.lastIndex(of: ":") {
                hostPart = pattern[..<colon]
                portPart = pattern[pattern.index(after: colon)...]
            }
            guard !hostPart.hasSuffix(".") else { return nil }
            let name = hostPart.lowercased()
            if name == "*" {
                host = .any
            } else if name.hasPrefix("*.") {
                let suffix = String(name.dropFirst(2))
                guard Self.isHostName(suffix) else { return nil }
                host = .subdomain(of: suffix)
            } else {
                guard Self.isHostName(name) else { return nil }
                host = .exact(name)
            }
        }
        if let portPart, portPart != "*" {
            guard let value = Int(portPart), (1...65_535).contains(value) else { return nil }
            port = value
        } else {
            port = nil
        }
    }

    /// Whether a connection to `host` on `port` is covered by this pattern.
    public func matches(host candidate: String, port candidatePort: Int) -> Bool {
        if let port, port != candidatePort { return false }
        let name = Self.normalized(Substring(candidate))
        switch host {
        case .any: return true
        case .exact(let exact): return name == exact
        case .subdomain(let suffix): return name.count > suffix.count + 1 && name.hasSuffix("." + suffix)
        }
    }

    /// The pattern as written.
    public var description: String { pattern }

    private static func normalized(_ host: Substring) -> String {
        let lowered = host.lowercased()
        return lowered.hasSuffix(".") ? String(lowered.dropLast()) : lowered
    }

    /// Letters, digits, `-` and `_` in dot-separated non-empty labels.
    private static func isHostName(_ name: String) -> Bool {
        guard !name.isEmpty else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.utf8.allSatisfy { byte in
                (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
            }
        }
    }
}
