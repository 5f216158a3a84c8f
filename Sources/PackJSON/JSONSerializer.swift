extension JSONValue {
    /// Returns the value as JSON text.
    ///
    /// Compact output has no whitespace; pretty output puts each member and element on its own
    /// line with two-space indentation and writes `"key": value`. Numbers are written exactly in
    /// normalized form (`1.0` becomes `1`, `1E2` becomes `100`); strings escape `"`, `\`, and
    /// control characters (`\n`, `\r`, `\t`, `\b`, `\f`, others as `\u00XX`). The serializer
    /// uses an explicit stack, so any depth is safe; note that pretty output indents every line
    /// by its depth, so its size grows with the square of the nesting depth.
    ///
    /// - Parameters:
    ///   - pretty: Whether to indent the output. (Default: `false`)
    ///   - sortedKeys: Whether to order object keys by Unicode code point instead of insertion
    ///     order. (Default: `false`)
    /// - Returns: The JSON text.
    public func serialized(pretty: Bool = false, sortedKeys: Bool = false) -> String {
        var writer = JSONWriter(style: pretty ? .pretty : .compact, keyOrder: sortedKeys ? .codePoint : .insertion)
        writer.write(self)
        return String(decoding: writer.output, as: UTF8.self)
    }

    /// Returns the value as UTF-8 encoded JSON text; see ``serialized(pretty:sortedKeys:)``.
    public func serializedBytes(pretty: Bool = false, sortedKeys: Bool = false) -> [UInt8] {
        var writer = JSONWriter(style: pretty ? .pretty : .compact, keyOrder: sortedKeys ? .codePoint : .insertion)
        writer.write(self)
        return writer.output
    }
}

/// Writes JSON text into a byte buffer without recursion.
struct JSONWriter {
    enum Style { case compact, pretty }
    enum KeyOrder { case insertion, codePoint, utf16 }
    enum NumberStyle { case exact, ecmaScript }

    let style: Style
    let keyOrder: KeyOrder
    var numberStyle: NumberStyle = .exact
    var output: [UInt8] = []

    init(style: Style, keyOrder: KeyOrder, numberStyle: NumberStyle = .exact) {
        self.style = style
        self.keyOrder = keyOrder
        self.numberStyle = numberStyle
        output.reserveCapacity(256)
    }

    /// An open container and the position of its next element or member.
    private enum Frame {
        case array([JSONValue], next: Int)
        case object(JSONObject, order: [Int]?, next: Int)
    }

    mutating func write(_ root: JSONValue) {
        var stack: [Frame] = []
        open(root, into: &stack)
        // Scalars are written straight from their container; only a non-empty child container
        // suspends the parent frame and pushes its own.
        while let frame = stack.popLast() {
            switch frame {
            case .array(let elements, var next):
                var descended = false
                while next < elements.count {
                    if next > 0 { output.append(UInt8(ascii: ",")) }
                    newline(depth: stack.count + 1)
                    next += 1
                    if elements[next - 1].isNonEmptyContainer {
                        stack.append(.array(elements, next: next))
                        open(elements[next - 1], into: &stack)
                        descended = true
                        break
                    }
                    writeLeaf(elements[next - 1])
                }
                if !descended {
                    newline(depth: stack.count)
                    output.append(UInt8(ascii: "]"))
                }
            case .object(let object, let order, var next):
                var descended = false
                let keys = object.keys
                let values = object.values
                while next < keys.count {
                    if next > 0 { output.append(UInt8(ascii: ",")) }
                    newline(depth: stack.count + 1)
                    let position = order?[next] ?? next
                    next += 1
                    writeString(keys[position])
                    output.append(UInt8(ascii: ":"))
                    if style == .pretty { output.append(UInt8(ascii: " ")) }
                    if values[position].isNonEmptyContainer {
                        stack.append(.object(object, order: order, next: next))
                        open(values[position], into: &stack)
                        descended = true
                        break
                    }
                    writeLeaf(values[position])
                }
                if !descended {
                    newline(depth: stack.count)
                    output.append(UInt8(ascii: "}"))
                }
            }
        }
    }

    /// Writes a scalar or empty container, or opens a non-empty container by pushing a frame.
    private mutating func open(_ value: JSONValue, into stack: inout [Frame]) {
        switch value {
        case .array(let elements) where !elements.isEmpty:
            output.append(UInt8(ascii: "["))
            stack.append(.array(elements, next: 0))
        case .object(let object) where !object.isEmpty:
            output.append(UInt8(ascii: "{"))
            stack.append(.object(object, order: memberOrder(object), next: 0))
        default:
            writeLeaf(value)
        }
    }

    /// Writes a scalar or an empty container.
    private mutating func writeLeaf(_ value: JSONValue) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): writeNumber(number)
        case .string(let string): writeString(string)
        case .array: output.append(contentsOf: "[]".utf8)
        case .object: output.append(contentsOf: "{}".utf8)
        }
    }

    private func memberOrder(_ object: JSONObject) -> [Int]? {
        let keys = object.keys
        switch keyOrder {
        case .insertion:
            return nil
        case .codePoint:
            return keys.indices.sorted { keys[$0].utf8.lexicographicallyPrecedes(keys[$1].utf8) }
        case .utf16:
            return keys.indices.sorted { keys[$0].utf8.lexicographicallyPrecedes(keys[$1].utf8, by: Self.utf16Order) }
        }
    }

    /// Orders UTF-8 bytes so that comparing byte strings gives UTF-16 code unit order.
    ///
    /// The orders differ only between U+E000...U+FFFF (lead bytes 0xEE and 0xEF) and
    /// supplementary characters (lead bytes 0xF0...0xF4), whose UTF-16 surrogates sort below
    /// U+E000. The first differing bytes of two strings are either both lead bytes or both
    /// continuation bytes, so moving 0xEE and 0xEF above 0xF0...0xF4 is enough, and it avoids
    /// transcoding every key to UTF-16.
    @inline(__always)
    private static func utf16Order(_ lhs: UInt8, _ rhs: UInt8) -> Bool {
        rank(lhs) < rank(rhs)
    }

    @inline(__always)
    private static func rank(_ byte: UInt8) -> UInt16 {
        switch byte {
        case 0xEE, 0xEF: UInt16(byte) + 8
        case 0xF0...0xF4: UInt16(byte) - 2
        default: UInt16(byte)
        }
    }

    private mutating func newline(depth: Int) {
        guard style == .pretty else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    private mutating func writeNumber(_ number: JSONNumber) {
        switch numberStyle {
        case .exact:
            number.appendText(to: &output)
        case .ecmaScript:
            number.appendECMAScriptText(to: &output)
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func writeString(_ string: String) {
        output.append(UInt8(ascii: "\""))
        if string.utf8.withContiguousStorageIfAvailable({ writeEscaped($0) }) == nil {
            Array(string.utf8).withUnsafeBufferPointer { writeEscaped($0) }
        }
        output.append(UInt8(ascii: "\""))
    }

    private mutating func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for position in 0..<bytes.count {
            let byte = bytes[position]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if runStart < position {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
            }
            runStart = position + 1
            output.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
            case 0x08: output.append(UInt8(ascii: "b"))
            case 0x0C: output.append(UInt8(ascii: "f"))
            case 0x0A: output.append(UInt8(ascii: "n"))
            case 0x0D: output.append(UInt8(ascii: "r"))
            case 0x09: output.append(UInt8(ascii: "t"))
            default:
                output.append(contentsOf: "u00".utf8)
                output.append(Self.hexDigits[Int(byte >> 4)])
                output.append(Self.hexDigits[Int(byte & 0x0F)])
            }
        }
        if runStart < bytes.count {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }
}
