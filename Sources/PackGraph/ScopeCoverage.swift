import PackBasics

/// Whether one scope pattern covers another: everything the narrower pattern allows, the wider
/// one allows too.
///
/// The answers are sound but not complete: "covers" is only said when it is certain, so a host
/// pattern can never let a pack widen what it allows. In particular a pattern is never covered
/// through a string match of its wildcards: `${project}/*` does not cover `${project}/**` (the
/// first stays in one directory), and `${project}/a?` does not cover `${project}/a*`.
public enum ScopeCoverage {
    /// Whether path glob `wide` covers path glob `narrow`.
    ///
    /// Both are `/`-separated globs such as `${project}/dist/**` (see ``Glob``); `${name}`
    /// variables are literal text. Components are compared one by one: a `**` of `wide` absorbs
    /// any number of components of `narrow` (including `**`), a component of `narrow` with
    /// wildcards is covered only by an equal component or by `*`, and a literal component is
    /// covered when the `wide` component matches it as a glob.
    ///
    /// Complexity: O(components of `wide` × components of `narrow`).
    public static func pathPattern(_ wide: String, covers narrow: String) -> Bool {
        if wide == narrow { return true }
        let wideParts = wide.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let narrowParts = narrow.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let width = narrowParts.count + 1
        // covered[i * width + j]: wideParts[i...] covers narrowParts[j...]; filled from the end.
        var covered = Array(repeating: false, count: (wideParts.count + 1) * width)
        covered[wideParts.count * width + narrowParts.count] = true
        for i in stride(from: wideParts.count - 1, through: 0, by: -1) {
            for j in stride(from: narrowParts.count, through: 0, by: -1) {
                let result: Bool
                if wideParts[i] == "**" {
                    result = covered[(i + 1) * width + j] || (j < narrowParts.count && covered[i * width + j + 1])
                } else {
                    result = j < narrowParts.count && component(wideParts[i], covers: narrowParts[j])
                        && covered[(i + 1) * width + j + 1]
                }
                covered[i * width + j] = result
            }
        }
        return covered[0]
    }

    /// Whether network pattern `wide` covers `narrow`.
    ///
    /// Patterns are `host`, `host:port`, `*.domain` or `*.domain:port`, with `*` as a port for
    /// any port (no port means any port too); `*` alone covers everything. `*.example.com` covers
    /// every name under `example.com` (`api.example.com`, `*.eu.example.com`) but not
    /// `example.com` itself. Host names compare without regard to case.
    public static func hostPattern(_ wide: String, covers narrow: String) -> Bool {
        if wide == narrow || wide == "*" { return true }
        let (wideHost, widePort) = splitHostPort(wide)
        let (narrowHost, narrowPort) = splitHostPort(narrow)
        if let widePort, widePort != "*" {
            guard narrowPort == widePort else { return false }
        }
        let wideName = wideHost.lowercased(), narrowName = narrowHost.lowercased()
        if wideName == narrowName || wideName == "*" { return true }
        guard wideName.hasPrefix("*.") else { return false }
        let suffix = wideName.dropFirst()   // ".example.com"
        return narrowName.count > suffix.count && narrowName.hasSuffix(suffix)
    }

    private static func splitHostPort(_ pattern: String) -> (host: String, port: String?) {
        guard let colon = pattern.lastIndex(of: ":") else { return (pattern, nil) }
        return (String(pattern[..<colon]), String(pattern[pattern.index(after: colon)...]))
    }

    /// Whether one path component of a wide pattern covers one of a narrow pattern (neither is `**`
    /// on the wide side).
    private static func component(_ wide: String, covers narrow: String) -> Bool {
        if wide == narrow { return true }
        if narrow == "**" { return false }
        if hasWildcards(narrow) { return wide == "*" }
        guard let glob = try? Glob(escapingVariables(wide)) else { return false }
        return glob.matches(narrow)
    }

    /// Whether `component` has glob syntax outside `${name}` variables.
    private static func hasWildcards(_ component: String) -> Bool {
        withoutVariables(component).contains { "*?[]{}\\".contains($0) }
    }

    private static func withoutVariables(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let start = rest.firstRange(of: "${") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                return result + rest[start.lowerBound...]
            }
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }

    /// `wide` with the braces of `${name}` variables escaped, so ``Glob`` reads them literally.
    private static func escapingVariables(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let start = rest.firstRange(of: "${") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                return result + rest[start.lowerBound...]
            }
            result += "$\\{" + rest[start.upperBound..<end] + "\\}"
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }
}
