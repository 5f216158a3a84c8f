/// `uri`, `uri-reference`, `iri`, `iri-reference` (RFC 3986 / 3987) and `uri-template` (RFC 6570).
enum URIFormats {
    private static func isAlpha(_ c: UInt32) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
    private static func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func isHex(_ c: UInt32) -> Bool {
        isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }
    private static func isUnreserved(_ c: UInt32) -> Bool {
        isAlpha(c) || isDigit(c) || c == 0x2D || c == 0x2E || c == 0x5F || c == 0x7E
    }
    private static func isSubDelim(_ c: UInt32) -> Bool {
        "!$&'()*+,;=".unicodeScalars.contains { $0.value == c }
    }
    /// RFC 3987 `ucschar` / `iprivate` (approximately: non-ASCII, not a control or surrogate).
    private static func isUCS(_ c: UInt32) -> Bool {
        c >= 0xA0 && !(0xD800...0xDFFF).contains(c) && !(0xFDD0...0xFDEF).contains(c) && c & 0xFFFE != 0xFFFE
    }

    /// Checks that `part` consists of allowed characters and well-formed `%XX` escapes.
    private static func scan(_ part: ArraySlice<UInt32>, international: Bool, extra: (UInt32) -> Bool) -> Bool {
        var index = part.startIndex
        while index < part.endIndex {
            let c = part[index]
            if c == 0x25 {
                guard index + 2 < part.endIndex, isHex(part[index + 1]), isHex(part[index + 2]) else { return false }
                index += 3
                continue
            }
            guard isUnreserved(c) || isSubDelim(c) || extra(c) || (international && isUCS(c)) else { return false }
            index += 1
        }
        return true
    }

    static func isURI(_ text: String, requireScheme: Bool, international: Bool) -> Bool {
        let scalars = Array(text.unicodeScalars.map(\.value))
        var rest = scalars[...]
        // Fragment and query.
        if let hash = rest.firstIndex(of: 0x23) {
            let fragment = rest[(hash + 1)...]
            guard scan(fragment, international: international, extra: { $0 == 0x3A || $0 == 0x40 || $0 == 0x2F || $0 == 0x3F })
            else { return false }
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: 0x3F) {
            let query = rest[(question + 1)...]
            guard scan(query, international: international, extra: { $0 == 0x3A || $0 == 0x40 || $0 == 0x2F || $0 == 0x3F })
            else { return false }
            rest = rest[..<question]
        }
        // Scheme: up to the first ':' if it comes before any '/'.
        var hasScheme = false
        if let colon = rest.firstIndex(of: 0x3A), !rest[..<colon].contains(0x2F) {
            let scheme = rest[..<colon]
            guard let first = scheme.first, isAlpha(first),
                scheme.allSatisfy({ isAlpha($0) || isDigit($0) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E })
            else { return false }
            hasScheme = true
            rest = rest[(colon + 1)...]
        }
        if requireScheme, !hasScheme { return false }
        // Authority.
        if rest.count >= 2, rest[rest.startIndex] == 0x2F, rest[rest.startIndex + 1] == 0x2F {
            let start = rest.startIndex + 2
            let end = rest[start...].firstIndex(of: 0x2F) ?? rest.endIndex
            guard isAuthority(rest[start..<end], international: international) else { return false }
            rest = rest[end...]
        }
        // Path: segments of pchar.
        return scan(rest, international: international, extra: { $0 == 0x3A || $0 == 0x40 || $0 == 0x2F })
    }

    private static func isAuthority(_ authority: ArraySlice<UInt32>, international: Bool) -> Bool {
        var host = authority
        if let at = authority.lastIndex(of: 0x40) {
            guard scan(authority[..<at], international: international, extra: { $0 == 0x3A }) else { return false }
            host = authority[(at + 1)...]
        }
        if host.first == 0x5B {
            guard let close = host.firstIndex(of: 0x5D) else { return false }
            let literal = host[(host.startIndex + 1)..<close]
            let port = host[(close + 1)...]
            guard port.isEmpty || (port.first == 0x3A && port.dropFirst().allSatisfy(isDigit)) else { return false }
            if literal.first == 0x76 || literal.first == 0x56 {  // IPvFuture
                return literal.count > 3 && literal.contains(0x2E)
            }
            let bytes = literal.compactMap { $0 < 0x80 ? UInt8($0) : nil }
            return bytes.count == literal.count && InternetFormats.ipv6(bytes[...])
        }
        if let colon = host.lastIndex(of: 0x3A) {
            guard host[(colon + 1)...].allSatisfy(isDigit) else { return false }
            host = host[..<colon]
        }
        return scan(host, international: international, extra: { _ in false })
    }

    /// RFC 6570 level 4 template syntax.
    @Sendable static func isURITemplate(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars.map(\.value))
        var index = 0
        while index < scalars.count {
            let c = scalars[index]
            if c == 0x7B {  // {
                guard let close = scalars[index...].firstIndex(of: 0x7D) else { return false }
                guard isExpression(scalars[(index + 1)..<close]) else { return false }
                index = close + 1
                continue
            }
            if c == 0x25 {
                guard index + 2 < scalars.count, isHex(scalars[index + 1]), isHex(scalars[index + 2]) else { return false }
                index += 3
                continue
            }
            let forbidden: Set<UInt32> = [0x20, 0x22, 0x3C, 0x3E, 0x5C, 0x5E, 0x60, 0x7C, 0x7D]
            if c < 0x20 || c == 0x7F || forbidden.contains(c) { return false }
            index += 1
        }
        return true
    }

    private static func isExpression(_ body: ArraySlice<UInt32>) -> Bool {
        var body = body
        if let first = body.first, "+#./;?&".unicodeScalars.contains(where: { $0.value == first }) {
            body = body.dropFirst()
        }
        guard !body.isEmpty else { return false }
        for spec in body.split(separator: 0x2C, omittingEmptySubsequences: false) {
            guard isVarSpec(spec) else { return false }
        }
        return true
    }

    private static func isVarSpec(_ spec: ArraySlice<UInt32>) -> Bool {
        var name = spec
        if spec.last == 0x2A {
            name = spec.dropLast()
        } else if let colon = spec.firstIndex(of: 0x3A) {
            let length = spec[(colon + 1)...]
            guard let first = length.first, first >= 0x31, first <= 0x39, length.count <= 4, length.allSatisfy(isDigit)
            else { return false }
            name = spec[..<colon]
        }
        guard !name.isEmpty, name.first != 0x2E, name.last != 0x2E else { return false }
        var index = name.startIndex
        var previousDot = false
        while index < name.endIndex {
            let c = name[index]
            if c == 0x2E {
                if previousDot { return false }
                previousDot = true
                index += 1
                continue
            }
            previousDot = false
            if c == 0x25 {
                guard index + 2 < name.endIndex, isHex(name[index + 1]), isHex(name[index + 2]) else { return false }
                index += 3
                continue
            }
            guard isAlpha(c) || isDigit(c) || c == 0x5F else { return false }
            index += 1
        }
        return true
    }
}
