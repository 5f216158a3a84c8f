/// `email`, `idn-email`, `hostname`, `idn-hostname`, `ipv4` and `ipv6`.
enum InternetFormats {
    // MARK: IP addresses

    /// Dotted-quad IPv4 with decimal octets 0–255 and no leading zeros.
    @Sendable static func isIPv4(_ text: String) -> Bool {
        ipv4(Array(text.utf8)[...])
    }

    static func ipv4(_ bytes: ArraySlice<UInt8>) -> Bool {
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
            if part.count > 1, part.first == UInt8(ascii: "0") { return false }
            let value = part.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            guard value <= 255 else { return false }
        }
        return true
    }

    /// RFC 4291 text forms, with `::` compression and an optional trailing IPv4 part; no zone.
    @Sendable static func isIPv6(_ text: String) -> Bool {
        ipv6(Array(text.utf8)[...])
    }

    static func ipv6(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 2 else { return false }
        var groups = 0
        var compressed = false
        var index = bytes.startIndex
        let end = bytes.endIndex
        if bytes[index] == UInt8(ascii: ":") {
            guard bytes[index + 1] == UInt8(ascii: ":") else { return false }
            compressed = true
            index += 2
            if index == end { return true }
        }
        while index < end {
            // Read one group (or a trailing IPv4 part).
            var cursor = index
            while cursor < end, PointerFormats.isHex(bytes[cursor]) { cursor += 1 }
            if cursor < end, bytes[cursor] == UInt8(ascii: ".") {
                guard ipv4(bytes[index..<end]) else { return false }
                groups += 2
                index = end
                break
            }
            let length = cursor - index
            guard length >= 1, length <= 4 else { return false }
            groups += 1
            index = cursor
            if index == end { break }
            guard bytes[index] == UInt8(ascii: ":") else { return false }
            index += 1
            if index < end, bytes[index] == UInt8(ascii: ":") {
                guard !compressed else { return false }
                compressed = true
                index += 1
                if index == end { break }
            } else if index == end {
                return false
            }
        }
        return compressed ? groups <= 7 : groups == 8
    }

    // MARK: Host names

    /// RFC 1123 host names; labels in Punycode (`xn--`) must decode to valid IDNA2008 U-labels.
    /// With `international`, labels may also be Unicode (IDNA2008 U-labels).
    static func isHostname(_ text: String, international: Bool) -> Bool {
        guard !text.isEmpty else { return false }
        var labels: [Substring] = []
        if international {
            let separators: Set<Character> = [".", "\u{3002}", "\u{FF0E}", "\u{FF61}"]
            labels = text.split(omittingEmptySubsequences: false, whereSeparator: { separators.contains($0) })
        } else {
            labels = text.split(separator: ".", omittingEmptySubsequences: false)
        }
        guard text.utf8.count <= 253 || international else { return false }
        var asciiLength = 0
        var unicodeLabels: [[Unicode.Scalar]] = []
        for label in labels {
            guard !label.isEmpty else { return false }
            if label.utf8.allSatisfy({ $0 < 0x80 }) {
                guard let decoded = asciiLabel(label) else { return false }
                unicodeLabels.append(decoded)
                asciiLength += label.utf8.count + 1
            } else {
                let scalars = Array(label.unicodeScalars)
                guard international, let encoded = Punycode.encode(scalars) else { return false }
                guard IDNA.isValidULabel(scalars), encoded.count + 4 <= 63 else { return false }
                unicodeLabels.append(scalars)
                asciiLength += encoded.count + 5
            }
        }
        return asciiLength - 1 <= 253 && IDNA.satisfiesBidiRule(unicodeLabels)
    }

    /// Checks an LDH label and returns its Unicode form (A-labels decoded), or `nil` if invalid.
    private static func asciiLabel(_ label: Substring) -> [Unicode.Scalar]? {
        let bytes = Array(label.utf8)
        guard bytes.count <= 63, bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else { return nil }
        for byte in bytes {
            let ok =
                (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "-")
            guard ok else { return nil }
        }
        if bytes.count >= 4, bytes[2] == UInt8(ascii: "-"), bytes[3] == UInt8(ascii: "-") {
            // Reserved "??--" labels: only "xn--" (an A-label) is allowed; it must decode to a
            // valid U-label and re-encode to itself (canonical Punycode).
            guard bytes[0] | 0x20 == UInt8(ascii: "x"), bytes[1] | 0x20 == UInt8(ascii: "n") else { return nil }
            let encoded = bytes[4...].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            guard let decoded = Punycode.decode(Array(encoded)), !decoded.isEmpty, IDNA.isValidULabel(decoded),
                Punycode.encode(decoded) == Array(encoded)
            else { return nil }
            return decoded
        }
        return label.unicodeScalars.map { $0 }
    }

    // MARK: E-mail

    /// RFC 5321 mailbox (`local@domain`); with `international`, RFC 6531 UTF-8 is allowed.
    static func isEmail(_ text: String, international: Bool) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        guard !local.isEmpty, !domain.isEmpty, local.utf8.count <= 64 else { return false }
        guard isLocalPart(local, international: international) else { return false }
        if domain.hasPrefix("["), domain.hasSuffix("]") {
            let literal = Array(domain.utf8.dropFirst().dropLast())[...]
            if literal.starts(with: Array("IPv6:".utf8)) { return ipv6(literal.dropFirst(5)) }
            return ipv4(literal)
        }
        return isHostname(String(domain), international: international)
    }

    private static func isLocalPart(_ local: Substring, international: Bool) -> Bool {
        let scalars = Array(local.unicodeScalars)
        if scalars.first == "\"" {
            guard scalars.count >= 2, scalars.last == "\"" else { return false }
            var index = 1
            while index < scalars.count - 1 {
                let scalar = scalars[index]
                if scalar == "\\" {
                    index += 1
                    guard index < scalars.count - 1, scalars[index].value >= 0x20, scalars[index].value != 0x7F else {
                        return false
                    }
                } else if scalar == "\"" || scalar.value < 0x20 || scalar.value == 0x7F {
                    return false
                } else if scalar.value >= 0x80, !international {
                    return false
                }
                index += 1
            }
            return true
        }
        let specials = Set("!#$%&'*+-/=?^_`{|}~".unicodeScalars)
        var previousDot = true
        for scalar in scalars {
            if scalar == "." {
                if previousDot { return false }
                previousDot = true
                continue
            }
            previousDot = false
            let ok =
                (scalar.properties.isASCIIHexDigit || (scalar.isASCII && scalar.properties.isAlphabetic))
                || (scalar.value >= 0x30 && scalar.value <= 0x39) || specials.contains(scalar)
                || (international && scalar.value >= 0x80)
            guard ok else { return false }
        }
        return !previousDot
    }
}
