import PackBasics
import PackModel

/// Syntax of capability scopes.
enum CapabilitySyntax {
    /// Placeholders a path scope may start with.
    static let pathRoots = ["${project}", "${pack}", "${home}", "${tmp}"]

    /// Why `scope` is not valid for `kind`, or `nil`.
    static func problem(with scope: String, kind: CapabilityKind) -> String? {
        switch kind {
        case .fsRead, .fsWrite:
            guard let root = pathRoots.first(where: { scope == $0 || scope.hasPrefix($0 + "/") }) else {
                return "must start with one of " + pathRoots.map { "'\($0)'" }.joined(separator: ", ")
                    + "; write '${project}/\(scope.hasPrefix("/") ? String(scope.dropFirst()) : scope)'"
            }
            let rest = String(scope.dropFirst(root.count))
            if rest.split(separator: "/").contains("..") { return "contains '..'; name the directory directly" }
            if !rest.isEmpty {
                do { _ = try Glob(String(rest.dropFirst())) } catch { return "is not a valid glob: \(error)" }
            }
            return nil
        case .net:
            return netProblem(scope)
        case .env, .secret:
            return Identifiers.isEnvironmentName(scope) ? nil : "is not a variable name; use letters, digits and '_' such as 'API_TOKEN'"
        case .exec:
            if scope.isEmpty || scope.contains(" ") { return "must be one command name without arguments, such as 'git'" }
            return nil
        default:
            return "is not allowed: this capability takes no scopes"
        }
    }

    /// `host:port`, `*.domain:port`, `host` (any port), with `port` a number or `*`.
    private static func netProblem(_ scope: String) -> String? {
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
            guard label.utf8.allSatisfy({ Identifiers.isLower($0) || Identifiers.isUpper($0) || Identifiers.isDigit($0) || $0 == UInt8(ascii: "-") }) else {
                return "is not a host pattern; use 'example.com:443' or '*.example.com:443'"
            }
        }
        return nil
    }
}
