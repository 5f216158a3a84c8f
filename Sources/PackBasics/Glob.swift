/// A compiled path glob: `*` (within one path component), `**` (any number of components),
/// `?`, character classes `[abc]`, `[a-z]`, `[!abc]`, and alternatives `{a,b}` (not nested).
///
/// ```swift
/// let glob = try Glob("models/**/*.sql")
/// glob.matches("models/staging/orders.sql")  // true
/// ```
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    private enum Token: Sendable, Hashable {
        case literal(UInt8)
        case anyCharacter            // ?
        case star                    // *
        case globstar                // **/ or trailing **
        case characterClass(negated: Bool, ranges: [ClosedRange<UInt8>])
    }

    /// The pattern as written.
    public let pattern: String
    private let alternatives: [[Token]]

    /// The longest pattern accepted, in bytes.
    public static let maximumLength = 1024

    /// Compiles a glob.
    /// - Throws: ``GlobError`` naming the position of the problem.
    public init(_ pattern: String) throws(GlobError) {
        self.pattern = pattern
        let bytes = Array(pattern.utf8)
        if bytes.isEmpty { throw GlobError(pattern: pattern, offset: 0, reason: "is empty") }
        if bytes.count > Self.maximumLength {
            throw GlobError(pattern: pattern, offset: 0, reason: "is longer than \(Self.maximumLength) bytes")
        }
        var expanded: [[UInt8]] = [[]]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count else {
                    throw GlobError(pattern: pattern, offset: index, reason: "ends with a lone '\\'")
                }
                for i in expanded.indices { expanded[i] += [byte, bytes[index + 1]] }
                index += 2
                continue
            }
            if byte == UInt8(ascii: "{") {
                guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")) else {
                    throw GlobError(pattern: pattern, offset: index, reason: "has an unclosed '{'")
                }
                let body = bytes[(index + 1)..<close]
                if body.contains(UInt8(ascii: "{")) {
                    throw GlobError(pattern: pattern, offset: index, reason: "nests '{' alternatives, which are not supported")
                }
                let options = body.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
                if expanded.count * options.count > 64 {
                    throw GlobError(pattern: pattern, offset: index, reason: "expands to more than 64 alternatives")
                }
                expanded = expanded.flatMap { prefix in options.map { prefix + $0 } }
                index = close + 1
                continue
            }
            if byte == UInt8(ascii: "}") {
                throw GlobError(pattern: pattern, offset: index, reason: "has a '}' without a matching '{'")
            }
            for i in expanded.indices { expanded[i].append(byte) }
            index += 1
        }
        var alternatives: [[Token]] = []
        for alternative in expanded {
            alternatives.append(try Self.tokenize(alternative, pattern: pattern))
        }
        self.alternatives = alternatives
    }

    private static func tokenize(_ bytes: [UInt8], pattern: String) throws(GlobError) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\\"):
                tokens.append(.literal(bytes[index + 1]))
                index += 2
            case UInt8(ascii: "?"):
                tokens.append(.anyCharacter)
                index += 1
            case UInt8(ascii: "*"):
                if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*") {
                    let atStart = index == 0 || bytes[index - 1] == UInt8(ascii: "/")
                    let next = index + 2
                    let atEnd = next == bytes.count || bytes[next] == UInt8(ascii: "/")
                    guard atStart && atEnd else {
                        throw GlobError(pattern: pattern, offset: index,
                                        reason: "uses '**' inside a path component; '**' must stand alone between '/'")
                    }
                    tokens.append(.globstar)
                    index = next < bytes.count ? next + 1 : next
                } else {
                    tokens.append(.star)
                    index += 1
                }
            case UInt8(ascii: "["):
                var cursor = index + 1
                var negated = false
                if cursor < bytes.count && (bytes[cursor] == UInt8(ascii: "!") || bytes[cursor] == UInt8(ascii: "^")) {
                    negated = true
                    cursor += 1
                }
                var ranges: [ClosedRange<UInt8>] = []
                var first = true
                while cursor < bytes.count && (bytes[cursor] != UInt8(ascii: "]") || first) {
                    first = false
                    let low = bytes[cursor]
                    if cursor + 2 < bytes.count && bytes[cursor + 1] == UInt8(ascii: "-") && bytes[cursor + 2] != UInt8(ascii: "]") {
                        let high = bytes[cursor + 2]
                        guard low <= high else {
                            throw GlobError(pattern: pattern, offset: cursor, reason: "has a reversed range in '[...]'")
                        }
                        ranges.append(low...high)
                        cursor += 3
                    } else {
                        ranges.append(low...low)
                        cursor += 1
                    }
                }
                guard cursor < bytes.count else {
                    throw GlobError(pattern: pattern, offset: index, reason: "has an unclosed '['")
                }
                tokens.append(.characterClass(negated: negated, ranges: ranges))
                index = cursor + 1
            default:
                tokens.append(.literal(byte))
                index += 1
            }
        }
        return tokens
    }

    /// Whether a `/`-separated relative path matches the glob.
    public func matches(_ path: String) -> Bool {
        let bytes = Array(path.utf8)
        return alternatives.contains { Self.match($0, bytes) }
    }

    /// Iterative matcher with backtracking to the most recent `*` and `**`, so it runs in
    /// O(pattern × path) steps in the worst case.
    private static func match(_ tokens: [Token], _ path: [UInt8]) -> Bool {
        var t = 0, p = 0
        var starT = -1, starP = 0         // last '*' (cannot cross '/')
        var globT = -1, globP = 0         // last '**' (can cross '/')
        let slash = UInt8(ascii: "/")
        while p < path.count || t < tokens.count {
            if t < tokens.count {
                switch tokens[t] {
                case .literal(let byte):
                    if p < path.count && path[p] == byte { t += 1; p += 1; continue }
                case .anyCharacter:
                    if p < path.count && path[p] != slash { t += 1; p += 1; continue }
                case .characterClass(let negated, let ranges):
                    if p < path.count && path[p] != slash && ranges.contains(where: { $0.contains(path[p]) }) != negated {
                        t += 1; p += 1; continue
                    }
                case .star:
                    starT = t; starP = p; t += 1; continue
                case .globstar:
                    globT = t; globP = p; starT = -1; t += 1; continue
                }
            }
            if starT >= 0 && starP < path.count && path[starP] != slash {
                starP += 1; p = starP; t = starT + 1; continue
            }
            if globT >= 0 && globP < path.count {
                // Let '**' swallow one more whole component.
                guard let nextSlash = path[globP...].firstIndex(of: slash) else { return false }
                globP = nextSlash + 1; p = globP; t = globT + 1; starT = -1; continue
            }
            return false
        }
        return true
    }

    public var description: String { pattern }
}

/// A glob pattern that could not be compiled.
public struct GlobError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public var pattern: String
    /// The byte offset of the problem.
    public var offset: Int
    /// What is wrong, as a phrase completing "glob '…' …".
    public var reason: String

    public var description: String { "glob '\(pattern)' \(reason) (at offset \(offset))" }
}
