import PackModel
@testable import PackLoading
import PackTestSupport
import Testing

/// `net` scopes are checked by a scan of their bytes; it must say what the straightforward
/// reading of the rule (split at ':' and '.', check each label) says, message for message.
@Suite(.tags(.small))
struct CapabilitySyntaxTests {
    /// The rule written the plain way, as the reference.
    static func reference(_ scope: String) -> String? {
        var host = Substring(scope)
        if let colon = scope.lastIndex(of: ":") {
            host = scope[..<colon]
            let port = scope[scope.index(after: colon)...]
            if port != "*" {
                guard let number = Int(port), (1...65535).contains(number) else {
                    return "has an invalid port '\(port)'; use 1-65535 or '*'"
                }
            }
        }
        var labels = host.split(separator: ".", omittingEmptySubsequences: false)
        if labels.first == "*" { labels.removeFirst() }
        if labels.isEmpty || labels.contains(where: { $0.isEmpty }) {
            return "is not a host pattern; use 'example.com:443' or '*.example.com:443'"
        }
        for label in labels {
            if label.contains("*") { return "uses '*' inside a name; '*' may only be the first label, as in '*.example.com'" }
            let allowed = label.utf8.allSatisfy {
                ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z"))
                    || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-")
            }
            if !allowed { return "is not a host pattern; use 'example.com:443' or '*.example.com:443'" }
        }
        return nil
    }

    @Test(arguments: [
        "api.example.org:443", "*.example.org:443", "example.org", "*", "*.", "*:80", "", ":443", "a..b:1",
        ".a:1", "a.:1", "a.b:0", "a.b:65535", "a.b:65536", "a.b:+80", "a.b:0080", "a.b:-1", "a.b:", "a.b:*",
        "a_b.*x.com:443", "*x.com", "a.*.b", "x.y_z", "[::1]:443", "exa mple.com", "caf\u{E9}.com:443",
        "a.b:99999999999999999999999",
    ])
    func aScopeGetsTheReferenceVerdict(_ scope: String) {
        #expect(CapabilitySyntax.problem(with: scope, kind: .net) == Self.reference(scope))
    }

    @Test
    func randomScopesGetTheReferenceVerdict() {
        var generator = SplitMix64(seed: 443)
        let alphabet = Array("ab9Z-_*.:+0 ")
        for _ in 0..<20_000 {
            let scope = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(CapabilitySyntax.problem(with: scope, kind: .net) == Self.reference(scope), "\(scope)")
        }
    }
}
