/// A URI reference split into its RFC 3986 components, with reference resolution.
///
/// Only what schema identification needs: splitting, resolving a relative reference against a
/// base (RFC 3986 section 5.2), removing dot segments, and lower-casing the scheme and host.
/// Nothing here touches the network.
struct URIReference: Sendable, Hashable {
    var scheme: String?
    var authority: String?
    var path: String
    var query: String?
    var fragment: String?

    /// Splits `text` with the RFC 3986 appendix B grammar; never fails.
    init(_ text: String) {
        let bytes = Array(text.utf8)
        func slice(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        var end = bytes.count
        fragment = nil
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) {
            fragment = slice((hash + 1)..<bytes.count)
            end = hash
        }
        query = nil
        if let question = bytes[..<end].firstIndex(of: UInt8(ascii: "?")) {
            query = slice((question + 1)..<end)
            end = question
        }
        var start = 0
        scheme = nil
        if let colon = bytes[..<end].firstIndex(of: UInt8(ascii: ":")), colon > 0, Self.isSchemeStart(bytes[0]),
            bytes[1..<colon].allSatisfy(Self.isSchemeByte)
        {
            scheme = slice(0..<colon).lowercased()
            start = colon + 1
        }
        authority = nil
        if end - start >= 2, bytes[start] == UInt8(ascii: "/"), bytes[start + 1] == UInt8(ascii: "/") {
            let authorityStart = start + 2
            let authorityEnd = bytes[authorityStart..<end].firstIndex(of: UInt8(ascii: "/")) ?? end
            authority = Self.normalizeAuthority(slice(authorityStart..<authorityEnd))
            start = authorityEnd
        }
        path = slice(start..<end)
    }

    private static func isSchemeStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        isSchemeStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ".")
    }

    init(scheme: String?, authority: String?, path: String, query: String?, fragment: String?) {
        self.scheme = scheme
        self.authority = authority
        self.path = path
        self.query = query
        self.fragment = fragment
    }

    private static func normalizeAuthority(_ authority: String) -> String {
        // Lower-case the host; keep user info as written.
        guard authority.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return authority }
        guard let at = authority.lastIndex(of: "@") else { return authority.lowercased() }
        return String(authority[...at]) + authority[authority.index(after: at)...].lowercased()
    }

    /// Whether the reference has a scheme (is an absolute URI, possibly with a fragment).
    var isAbsolute: Bool { scheme != nil }

    /// The reference with its fragment removed.
    var withoutFragment: URIReference {
        var copy = self
        copy.fragment = nil
        return copy
    }

    /// The reference as text.
    var text: String {
        var result = ""
        if let scheme { result += scheme + ":" }
        if let authority { result += "//" + authority }
        result += path
        if let query { result += "?" + query }
        if let fragment { result += "#" + fragment }
        return result
    }

    /// Resolves this (possibly relative) reference against `base` (RFC 3986 section 5.2.2).
    func resolved(against base: URIReference) -> URIReference {
        if scheme != nil {
            return URIReference(
                scheme: scheme, authority: authority, path: Self.removeDotSegments(path), query: query,
                fragment: fragment)
        }
        if authority != nil {
            return URIReference(
                scheme: base.scheme, authority: authority, path: Self.removeDotSegments(path), query: query,
                fragment: fragment)
        }
        if path.isEmpty {
            return URIReference(
                scheme: base.scheme, authority: base.authority, path: base.path, query: query ?? base.query,
                fragment: fragment)
        }
        let merged: String
        if path.hasPrefix("/") {
            merged = path
        } else if base.authority != nil, base.path.isEmpty {
            merged = "/" + path
        } else if let slash = base.path.lastIndex(of: "/") {
            merged = String(base.path[...slash]) + path
        } else {
            merged = path
        }
        return URIReference(
            scheme: base.scheme, authority: base.authority, path: Self.removeDotSegments(merged), query: query,
            fragment: fragment)
    }

    /// RFC 3986 section 5.2.4.
    static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var input = Substring(path)
        var output: [Substring] = []
        var absolute = false
        if input.hasPrefix("/") {
            absolute = true
            input = input.dropFirst()
        }
        let segments = input.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case ".":
                if isLast { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        let joined = output.joined(separator: "/")
        return absolute ? "/" + joined : joined
    }
}

/// Percent-decoding and JSON Pointer helpers for URI fragments.
enum URIFragment {
    /// Decodes `%XX` escapes (as UTF-8); returns `nil` for malformed escapes.
    static func percentDecoded(_ text: String) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.popFirst().flatMap(hex), let low = iterator.popFirst().flatMap(hex) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Splits a JSON Pointer (`/a/b~1c`) into unescaped tokens; `nil` if it is not a pointer.
    static func pointerTokens(_ pointer: String) -> [String]? {
        let bytes = Array(pointer.utf8)
        if bytes.isEmpty { return [] }
        guard bytes[0] == UInt8(ascii: "/") else { return nil }
        var tokens: [String] = []
        var start = 1
        for index in 1...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "/") {
            let raw = String(decoding: bytes[start..<index], as: UTF8.self)
            guard let token = unescapeToken(raw[...]) else { return nil }
            tokens.append(token)
            start = index + 1
        }
        return tokens
    }

    private static func unescapeToken(_ raw: Substring) -> String? {
        guard raw.utf8.contains(UInt8(ascii: "~")) else { return String(raw) }
        var result = ""
        var iterator = raw.makeIterator()
        while let character = iterator.next() {
            if character == "~" {
                switch iterator.next() {
                case "0": result.append("~")
                case "1": result.append("/")
                default: return nil
                }
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// Escapes one token for a JSON Pointer (`~` → `~0`, `/` → `~1`).
    static func escapeToken(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        return token.replacing("~", with: "~0").replacing("/", with: "~1")
    }

    /// Percent-encodes the characters a URI fragment cannot hold as they are.
    static func encodeForFragment(_ text: String) -> String {
        guard text.utf8.contains(where: { !isFragmentByte($0) }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 8)
        let digits: [UInt8] = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            if isFragmentByte(byte) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 15)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// RFC 3986 `fragment` characters that need no percent-encoding.
    @inline(__always)
    private static func isFragmentByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "!"), UInt8(ascii: "$"),
            UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"),
            UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "/"),
            UInt8(ascii: "?"):
            return true
        default:
            return false
        }
    }

    /// Builds a JSON Pointer text from tokens.
    static func pointer(_ tokens: some Sequence<String>) -> String {
        var result = ""
        for token in tokens {
            result += "/" + escapeToken(token)
        }
        return result
    }
}
