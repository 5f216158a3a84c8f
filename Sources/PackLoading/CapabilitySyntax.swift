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
    ///
    /// A scan of the bytes, without splitting: every `net` scope of every manifest comes here.
    private static func netProblem(_ scope: String) -> String? {
        let bytes = scope.utf8
        var hostEnd = bytes.endIndex
        if let colon = bytes.lastIndex(of: UInt8(ascii: ":")) {
            hostEnd = colon
            let port = bytes[bytes.index(after: colon)...]
            if !port.elementsEqual(CollectionOfOne(UInt8(ascii: "*"))) && portNumber(port) == nil {
                return "has an invalid port '\(Substring(port))'; use 1-65535 or '*'"
            }
        }
        var host = bytes[..<hostEnd]
        if host.starts(with: "*.".utf8) {
            host = host.dropFirst(2)
        } else if host.elementsEqual(CollectionOfOne(UInt8(ascii: "*"))) {
            host = host.dropFirst()
        }
        let notHost = "is not a host pattern; use 'example.com:443' or '*.example.com:443'"
        // Empty labels first (as in 'a..b', '.a', 'a.'), then what the labels hold.
        var previousDot = true
        for byte in host {
            if byte == UInt8(ascii: ".") {
                if previousDot { return notHost }
                previousDot = true
            } else {
                previousDot = false
            }
        }
        if previousDot { return notHost }
        // Then label by label: the first label with a '*' or a character outside [A-Za-z0-9-] decides.
        let star = "uses '*' inside a name; '*' may only be the first label, as in '*.example.com'"
        var labelHasStar = false
        var labelHasOther = false
        for byte in host {
            if byte == UInt8(ascii: ".") {
                if labelHasStar { return star }
                if labelHasOther { return notHost }
            } else if byte == UInt8(ascii: "*") {
                labelHasStar = true
            } else if !(Identifiers.isLower(byte) || Identifiers.isUpper(byte) || Identifiers.isDigit(byte) || byte == UInt8(ascii: "-")) {
                labelHasOther = true
            }
        }
        if labelHasStar { return star }
        if labelHasOther { return notHost }
        return nil
    }

    /// A port in 1-65535 written in decimal (an optional '+' sign, as `Int` parsing allows).
    private static func portNumber(_ text: Substring.UTF8View) -> Int? {
        var digits = text[...]
        if digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard Identifiers.isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            if value > 65535 { return nil }
        }
        return value >= 1 ? value : nil
    }
}
