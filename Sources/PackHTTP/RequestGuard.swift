import Foundation
import Hummingbird

/// Refuses requests whose `Host` or `Origin` names a host the server does not answer to.
///
/// A web page on another site can make a browser send requests to `127.0.0.1` through a DNS name
/// it controls (DNS rebinding); such requests carry that name in `Host`, and cross-site requests
/// carry the page's `Origin`. Accepting only loopback names, the listening address and names the
/// host allowed closes both doors.
struct RequestGuard: Sendable {
    private let allowed: Set<String>

    init(configuration: ServerConfiguration) {
        var names: Set<String> = []
        let host = ServerConfiguration.normalizedHost(configuration.host)
        if host != "0.0.0.0" && host != "::" { names.insert(host) }
        for name in configuration.allowedHosts { names.insert(ServerConfiguration.normalizedHost(name)) }
        allowed = names
    }

    /// Checks the request's `Host` and `Origin` headers.
    func check(_ request: Request) throws(APIError) {
        guard let authority = request.head.authority, !authority.isEmpty else {
            throw APIError(.badRequest, "missing_host", "the request has no Host header; HTTP/1.1 clients must send one")
        }
        let host = Self.hostName(ofAuthority: authority)
        guard isAllowed(host) else {
            throw APIError(.forbidden, "forbidden_host",
                           "this server does not answer to the host name '\(host)'; use 127.0.0.1 or localhost, or start it with --allow-host \(host)")
        }
        if let origin = request.headers[.origin] {
            guard let originHost = Self.hostName(ofOrigin: origin), isAllowed(originHost) else {
                throw APIError(.forbidden, "forbidden_origin",
                               "requests from the origin '\(origin)' are refused; only pages served by this host may call the API")
            }
        }
    }

    /// Loopback names and addresses (the same rule that decides whether tokens are needed), the
    /// listening address, and the names the host allowed.
    private func isAllowed(_ host: String) -> Bool {
        ServerConfiguration.isLoopback(host) || allowed.contains(host) || allowed.contains("*")
    }

    /// The host part of `host[:port]` or `[v6]:port`, lower-cased.
    static func hostName(ofAuthority authority: String) -> String {
        if authority.hasPrefix("["), let end = authority.firstIndex(of: "]") {
            return ServerConfiguration.normalizedHost(String(authority[authority.index(after: authority.startIndex)..<end]))
        }
        if let colon = authority.lastIndex(of: ":") { return ServerConfiguration.normalizedHost(String(authority[..<colon])) }
        return ServerConfiguration.normalizedHost(authority)
    }

    /// The host of an origin such as `http://localhost:7878`; `nil` for `null` or garbage.
    static func hostName(ofOrigin origin: String) -> String? {
        guard let range = origin.range(of: "://") else { return nil }
        let rest = origin[range.upperBound...]
        let authority = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard !authority.isEmpty else { return nil }
        return hostName(ofAuthority: authority)
    }

}
