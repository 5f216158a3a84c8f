extension ParserCore {
    /// Parses the string whose opening quote is at `position`.
    ///
    /// Plain ASCII strings without escapes (the common case) become a `String` straight from
    /// the input bytes; anything else takes the validating slow path.
    mutating func parseString() throws(ParseFailure) -> String {
        let start = position + 1
        var index = start
        // Eight bytes at a time: stop at the first word holding '"', '\\', a control character
        // or a non-ASCII byte (SWAR "has zero byte" tricks on the XOR with each target).
        while index + 8 <= end {
            let word = UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let special =
                ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | (word &- (ones &* 0x20)) | word
            if special & highs != 0 { break }
            index += 8
        }
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                position = index + 1
                return String(decoding: UnsafeBufferPointer(start: bytes + start, count: index - start), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
            index += 1
        }
        return try parseStringSlowly(start: start, resumeAt: index)
    }

    private mutating func parseStringSlowly(start: Int, resumeAt resume: Int) throws(ParseFailure) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: bytes + start, count: resume - start))
        var index = resume
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                position = index + 1
                return String(decoding: scratch, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                index = try parseEscape(at: index)
            } else if byte < 0x20 {
                let code = String(byte, radix: 16, uppercase: true)
                throw ParseFailure(
                    code: .invalidString,
                    message: "unescaped control character U+\(byte < 0x10 ? "000" : "00")\(code) in string; write it as an escape such as '\\n' or '\\u00\(byte < 0x10 ? "0" : "")\(code)'",
                    offset: index)
            } else if byte >= 0x80 {
                let length = try validateUTF8Sequence(at: index)
                scratch.append(contentsOf: UnsafeBufferPointer(start: bytes + index, count: length))
                index += length
            } else {
                scratch.append(byte)
                index += 1
            }
        }
        throw ParseFailure(
            code: .unexpectedEndOfInput, message: "unterminated string; add the closing '\"'", offset: start - 1)
    }

    /// Decodes the escape sequence at `index` (a backslash) into `scratch` and returns the
    /// offset after it.
    private mutating func parseEscape(at index: Int) throws(ParseFailure) -> Int {
        guard index + 1 < end else {
            throw ParseFailure(
                code: .unexpectedEndOfInput, message: "unexpected end of input in escape sequence", offset: end)
        }
        let decoded: UInt8
        switch bytes[index + 1] {
        case UInt8(ascii: "\""): decoded = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): decoded = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): decoded = UInt8(ascii: "/")
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
            return try parseUnicodeEscape(at: index)
        default:
            throw ParseFailure(
                code: .invalidEscape,
                message: "invalid escape sequence '\\\(Self.printable(bytes[index + 1]))'; use one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX",
                offset: index)
        }
        scratch.append(decoded)
        return index + 2
    }

    private mutating func parseUnicodeEscape(at index: Int) throws(ParseFailure) -> Int {
        let unit = try hexQuad(at: index + 2, escapeStart: index)
        var scalarValue = UInt32(unit)
        var next = index + 6
        if (0xD800...0xDBFF).contains(unit) {
            guard next + 1 < end, bytes[next] == UInt8(ascii: "\\"), bytes[next + 1] == UInt8(ascii: "u"),
                case let low = try hexQuad(at: next + 2, escapeStart: next), (0xDC00...0xDFFF).contains(low)
            else {
                throw ParseFailure(
                    code: .invalidEscape,
                    message: "lone high surrogate escape '\\u\(Self.hex(unit))'; follow it with a low surrogate escape '\\uDC00'...'\\uDFFF'",
                    offset: index)
            }
            scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            next += 6
        } else if (0xDC00...0xDFFF).contains(unit) {
            throw ParseFailure(
                code: .invalidEscape,
                message: "lone low surrogate escape '\\u\(Self.hex(unit))'; precede it with a high surrogate escape '\\uD800'...'\\uDBFF'",
                offset: index)
        }
        appendUTF8(scalarValue)
        return next
    }

    private func hexQuad(at index: Int, escapeStart: Int) throws(ParseFailure) -> UInt16 {
        guard index + 4 <= end else {
            throw ParseFailure(
                code: .unexpectedEndOfInput, message: "unexpected end of input in '\\u' escape", offset: end)
        }
        var value: UInt16 = 0
        for offset in 0..<4 {
            let byte = bytes[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default:
                throw ParseFailure(
                    code: .invalidEscape, message: "invalid '\\u' escape; expected four hexadecimal digits",
                    offset: escapeStart)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case ..<0x80:
            scratch.append(UInt8(scalar))
        case ..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Checks the multi-byte UTF-8 sequence at `index` (RFC 3629 section 4) and returns its length.
    private func validateUTF8Sequence(at index: Int) throws(ParseFailure) -> Int {
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            secondRange = 0x80...0x9F
        case 0xF0:
            length = 4
            secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            secondRange = 0x80...0x8F
        case 0x80...0xBF:
            throw utf8Failure("unexpected continuation byte 0x\(Self.hex(lead))", at: index)
        case 0xC0, 0xC1:
            throw utf8Failure("overlong encoding (lead byte 0x\(Self.hex(lead)))", at: index)
        default:
            throw utf8Failure("byte 0x\(Self.hex(lead)) never appears in UTF-8", at: index)
        }
        guard index + 1 < end, bytes[index + 1] & 0xC0 == 0x80 else {
            throw utf8Failure("truncated \(length)-byte sequence", at: index)
        }
        guard secondRange.contains(bytes[index + 1]) else {
            if lead == 0xED { throw utf8Failure("encoded UTF-16 surrogate", at: index) }
            if lead == 0xF4 { throw utf8Failure("code point above U+10FFFF", at: index) }
            throw utf8Failure("overlong encoding", at: index)
        }
        for offset in 2..<length {
            guard index + offset < end, bytes[index + offset] & 0xC0 == 0x80 else {
                throw utf8Failure("truncated \(length)-byte sequence", at: index)
            }
        }
        return length
    }

    private func utf8Failure(_ detail: String, at index: Int) -> ParseFailure {
        ParseFailure(
            code: .invalidUTF8, message: "invalid UTF-8 in string: \(detail); the input must be UTF-8 encoded",
            offset: index)
    }

    private static func hex(_ value: some BinaryInteger) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        let width = value > 0xFF ? 4 : 2
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func printable(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? String(Character(Unicode.Scalar(byte))) : "x" + hex(byte)
    }
}
