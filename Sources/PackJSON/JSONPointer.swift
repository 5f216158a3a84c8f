/// A JSON Pointer (RFC 6901) naming a location inside a JSON value.
///
/// The empty pointer `""` is the whole document; `/a~1b/0` names element 0 of the member
/// `a/b`. In pointer text `~` is written `~0` and `/` is written `~1`.
///
/// ```swift
/// let pointer = JSONPointer("/properties/a~1b")!
/// pointer.tokens                    // ["properties", "a/b"]
/// pointer.appending(index: 0)       // /properties/a~1b/0
/// pointer.uriFragment               // "#/properties/a~1b"
/// ```
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The unescaped reference tokens, outermost first.
    public var tokens: [String]

    /// Creates a pointer from unescaped reference tokens.
    public init(tokens: [String] = []) {
        self.tokens = tokens
    }

    /// The pointer to the whole document.
    public static let root = JSONPointer()

    /// Parses pointer text such as `/a~1b/0`, or returns `nil` if it is not a valid pointer.
    ///
    /// Valid text is empty or starts with `/`, and every `~` is followed by `0` or `1`.
    public init?(_ text: String) {
        if text.isEmpty {
            self.init()
            return
        }
        guard text.utf8.first == UInt8(ascii: "/") else { return nil }
        var tokens: [String] = []
        for raw in text.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            guard let token = Self.unescape(String(decoding: raw, as: UTF8.self)) else { return nil }
            tokens.append(token)
        }
        self.init(tokens: tokens)
    }

    /// Parses the URI fragment form such as `#/properties/a%20b`, or returns `nil`.
    ///
    /// The leading `#` is optional; percent-encoded bytes must decode to UTF-8.
    public init?(uriFragment: String) {
        var bytes = Array(uriFragment.utf8)
        if bytes.first == UInt8(ascii: "#") { bytes.removeFirst() }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, let high = Self.hexValue(bytes[index + 1]),
                    let low = Self.hexValue(bytes[index + 2])
                else { return nil }
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        guard let text = String(validating: decoded, as: UTF8.self) else { return nil }
        self.init(text)
    }

    /// Whether this is the pointer to the whole document.
    public var isRoot: Bool { tokens.isEmpty }

    /// The pointer to the enclosing value, or `nil` for the root.
    public var parent: JSONPointer? {
        isRoot ? nil : JSONPointer(tokens: Array(tokens.dropLast()))
    }

    /// Returns the pointer extended by one member name or array index token.
    public func appending(_ token: String) -> JSONPointer {
        JSONPointer(tokens: tokens + [token])
    }

    /// Returns the pointer extended by an array index.
    public func appending(index: Int) -> JSONPointer {
        appending(String(index))
    }

    /// Returns the pointer extended by all tokens of `other`.
    public func appending(_ other: JSONPointer) -> JSONPointer {
        JSONPointer(tokens: tokens + other.tokens)
    }

    /// The pointer text, such as `/a~1b/0`; empty for the root.
    public var description: String {
        var text = ""
        for token in tokens {
            text += "/"
            text += Self.escape(token)
        }
        return text
    }

    /// The URI fragment form, such as `#/properties/a%20b`: `#` followed by the pointer text
    /// with every character outside RFC 3986's fragment set percent-encoded as UTF-8.
    public var uriFragment: String {
        var output: [UInt8] = [UInt8(ascii: "#")]
        let hexDigits = Array("0123456789ABCDEF".utf8)
        for byte in description.utf8 {
            if Self.isFragmentSafe(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Returns the value this pointer names in `document`, or `nil` if there is none.
    ///
    /// Array tokens must be `0` or a decimal number without leading zeros; `-` (the position
    /// after the last element) names no existing value.
    public func resolve(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let object):
                guard let member = object[token] else { return nil }
                current = member
            case .array(let elements):
                guard let position = Self.arrayIndex(token), position < elements.count else { return nil }
                current = elements[position]
            case .null, .bool, .number, .string:
                return nil
            }
        }
        return current
    }

    /// Escapes a reference token: `~` becomes `~0` and `/` becomes `~1`.
    public static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else {
            return token
        }
        var output: [UInt8] = []
        for byte in token.utf8 {
            switch byte {
            case UInt8(ascii: "~"): output.append(contentsOf: "~0".utf8)
            case UInt8(ascii: "/"): output.append(contentsOf: "~1".utf8)
            default: output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Unescapes a reference token (`~1` to `/`, then `~0` to `~`), or returns `nil` when a `~`
    /// is not followed by `0` or `1`.
    public static func unescape(_ token: String) -> String? {
        guard token.utf8.contains(UInt8(ascii: "~")) else { return token }
        var output: [UInt8] = []
        var iterator = token.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "~") else {
                output.append(byte)
                continue
            }
            switch iterator.next() {
            case UInt8(ascii: "0"): output.append(UInt8(ascii: "~"))
            case UInt8(ascii: "1"): output.append(UInt8(ascii: "/"))
            default: return nil
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The array index a token names, or `nil` for anything but `0` or `[1-9][0-9]*`.
    static func arrayIndex(_ token: String) -> Int? {
        let bytes = token.utf8
        guard let first = bytes.first, first &- UInt8(ascii: "0") < 10 else { return nil }
        if first == UInt8(ascii: "0") { return bytes.count == 1 ? 0 : nil }
        var value = 0
        for byte in bytes {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (scaled, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, sumOverflow) = scaled.addingReportingOverflow(Int(digit))
            guard !overflow, !sumOverflow else { return nil }
            value = sum
        }
        return value
    }

    private static func isFragmentSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            // unreserved marks, sub-delims, and ":" "@" "/" "?" (RFC 3986 section 3.5)
            return "-._~!$&'()*+,;=:@/?".utf8.contains(byte)
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension JSONValue {
    /// Returns the value at `pointer`, or `nil` if there is none.
    public subscript(pointer: JSONPointer) -> JSONValue? {
        pointer.resolve(in: self)
    }
}
