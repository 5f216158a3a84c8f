/// The state machine behind ``JSONParser``: one loop over the bytes with an explicit stack of
/// open containers, so that nesting costs heap memory, never stack frames.
struct ParserCore: ~Copyable {
    /// An open container (or the document itself).
    struct Frame {
        enum Kind { case document, array, object }

        var kind: Kind
        /// Where this container's children start on the value stack.
        var valueStart: Int
        /// Where this object's keys start on the key stack.
        var keyStart: Int
    }

    let bytes: UnsafePointer<UInt8>
    let end: Int
    let options: JSONParser.Options
    var position = 0
    /// The enclosing containers of `current`; `count` is the current depth minus one.
    private var frames: [Frame] = []
    private var current = Frame(kind: .document, valueStart: 0, keyStart: 0)
    /// Children of all open containers, innermost last.
    private var values = MoveStack<JSONValue>()
    /// Keys of all open objects, parallel to their values.
    private var keys = MoveStack<String>()
    /// Byte offsets of `keys`, recorded only when duplicate keys are rejected.
    private var keyOffsets: [Int] = []
    /// Reused buffer for strings with escapes or non-ASCII text.
    var scratch: [UInt8] = []

    init(bytes: UnsafePointer<UInt8>, end: Int, options: JSONParser.Options) {
        self.bytes = bytes
        self.end = end
        self.options = options
    }

    // MARK: - Structure

    mutating func parseDocument() throws(ParseFailure) -> JSONValue {
        if end >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            throw ParseFailure(
                code: .unexpectedCharacter,
                message: "a byte order mark is not allowed in JSON text; remove the leading U+FEFF", offset: 0)
        }
        skipWhitespace()
        var commaOffset = -1
        nextValue: while true {
            guard position < end else { throw endOfInput(expecting: "a JSON value") }
            var value: JSONValue
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if frames.count >= options.maxDepth {
                    throw ParseFailure(
                        code: .depthLimitExceeded,
                        message: "nesting depth exceeds the limit of \(options.maxDepth); raise 'maxDepth' or flatten the document",
                        offset: position)
                }
                let isObject = byte == UInt8(ascii: "{")
                position += 1
                skipWhitespace()
                if position < end, bytes[position] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    position += 1
                    value = isObject ? .object(JSONObject()) : .array([])
                } else {
                    frames.append(current)
                    current = Frame(kind: isObject ? .object : .array, valueStart: values.count, keyStart: keys.count)
                    if isObject { try parseMemberKey(after: "'{'") }
                    commaOffset = -1
                    continue nextValue
                }
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                value = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let scanned = try NumberScanner.scan(bytes, start: position, end: end)
                position = scanned.end
                value = .number(scanned.number)
            case UInt8(ascii: "]") where commaOffset >= 0:
                throw trailingComma(at: commaOffset, before: "']'")
            case UInt8(ascii: "N"), UInt8(ascii: "I"):
                throw ParseFailure(
                    code: .invalidNumber,
                    message: "invalid number: 'NaN' and 'Infinity' are not valid JSON; use null or a string instead",
                    offset: position)
            default:
                throw unexpected(byte, expecting: "a JSON value")
            }

            // Attach the finished value to the open containers, closing them as they end.
            while true {
                skipWhitespace()
                switch current.kind {
                case .document:
                    guard position == end else {
                        values.push(consume value)  // released without recursion on failure
                        throw ParseFailure(
                            code: .trailingCharacters,
                            message: "unexpected \(Self.describe(bytes[position])) after the JSON value; a document holds exactly one value",
                            offset: position)
                    }
                    return value
                case .array:
                    values.push(consume value)
                    guard position < end else { throw endOfInput(expecting: "',' or ']' after array element") }
                    let next = bytes[position]
                    if next == UInt8(ascii: ",") {
                        commaOffset = position
                        position += 1
                        skipWhitespace()
                        continue nextValue
                    }
                    guard next == UInt8(ascii: "]") else {
                        throw unexpected(next, expecting: "',' or ']' after array element")
                    }
                    position += 1
                    value = .array(values.popArray(from: current.valueStart))
                    current = frames.popLast() ?? Frame(kind: .document, valueStart: 0, keyStart: 0)
                case .object:
                    values.push(consume value)
                    guard position < end else { throw endOfInput(expecting: "',' or '}' after object member") }
                    let next = bytes[position]
                    if next == UInt8(ascii: ",") {
                        let comma = position
                        position += 1
                        skipWhitespace()
                        if position < end, bytes[position] == UInt8(ascii: "}") {
                            throw trailingComma(at: comma, before: "'}'")
                        }
                        try parseMemberKey(after: "','")
                        commaOffset = -1
                        continue nextValue
                    }
                    guard next == UInt8(ascii: "}") else {
                        throw unexpected(next, expecting: "',' or '}' after object member")
                    }
                    position += 1
                    value = .object(try finishObject())
                    current = frames.popLast() ?? Frame(kind: .document, valueStart: 0, keyStart: 0)
                }
            }
        }
    }

    /// Parses `"key" :` and leaves the position at the member's value.
    private mutating func parseMemberKey(after context: StaticString) throws(ParseFailure) {
        guard position < end else { throw endOfInput(expecting: "a string key after \(context)") }
        guard bytes[position] == UInt8(ascii: "\"") else {
            throw unexpected(bytes[position], expecting: "a string key after \(context)")
        }
        if options.rejectDuplicateKeys { keyOffsets.append(position) }
        keys.push(try parseString())
        skipWhitespace()
        guard position < end else { throw endOfInput(expecting: "':' after object key") }
        guard bytes[position] == UInt8(ascii: ":") else {
            throw unexpected(bytes[position], expecting: "':' after object key")
        }
        position += 1
        skipWhitespace()
    }

    /// Builds the object for the current frame, resolving duplicate keys.
    private mutating func finishObject() throws(ParseFailure) -> JSONObject {
        let start = current.keyStart
        let count = keys.count - start
        var duplicate: Int?
        var index: [String: Int]?
        if count <= JSONObject.indexThreshold {
            search: for later in 1..<max(count, 1) {
                let key = keys[start + later]
                for earlier in 0..<later where keys[start + earlier] == key {
                    duplicate = later
                    break search
                }
            }
        } else {
            var built: [String: Int] = [:]
            built.reserveCapacity(count)
            for position in 0..<count where built.updateValue(position, forKey: keys[start + position]) != nil {
                duplicate = position
                break
            }
            index = built
        }
        if let duplicate, options.rejectDuplicateKeys {
            let offsetIndex = keyOffsets.count - count + duplicate
            throw ParseFailure(
                code: .duplicateKey,
                message: "duplicate key '\(keys[start + duplicate])' in object; each key may appear only once",
                offset: keyOffsets.indices.contains(offsetIndex) ? keyOffsets[offsetIndex] : position)
        }
        if options.rejectDuplicateKeys { keyOffsets.removeLast(min(count, keyOffsets.count)) }
        let objectKeys = keys.popArray(from: start)
        let objectValues = values.popArray(from: current.valueStart)
        if duplicate == nil {
            return JSONObject(uniqueKeys: objectKeys, values: objectValues, index: index)
        }
        return JSONObject(Array(zip(objectKeys, objectValues)))
    }

    /// Releases partially built values without deep recursion after a failure.
    mutating func releaseAfterFailure() {
        var partial = JSONValue.array(values.popArray(from: 0))
        frames = []
        partial.dismantle()
    }

    // MARK: - Tokens

    @inline(__always)
    private mutating func skipWhitespace() {
        while position < end {
            let byte = bytes[position]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            position += 1
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(ParseFailure) {
        let count = literal.utf8CodeUnitCount
        let expected = literal.utf8Start
        var matched = 0
        while matched < count, position + matched < end, bytes[position + matched] == expected[matched] {
            matched += 1
        }
        guard matched == count else {
            if position + matched == end {
                throw endOfInput(expecting: "'\(literal)'")
            }
            throw ParseFailure(
                code: .unexpectedCharacter, message: "invalid literal; expected '\(literal)'", offset: position)
        }
        position += count
    }

    // MARK: - Errors

    static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        let hex = String(byte, radix: 16, uppercase: true)
        return "byte 0x\(byte < 0x10 ? "0" : "")\(hex)"
    }

    func unexpected(_ byte: UInt8, expecting expectation: String) -> ParseFailure {
        ParseFailure(code: .unexpectedCharacter, message: "expected \(expectation), found \(Self.describe(byte))", offset: position)
    }

    func endOfInput(expecting expectation: String) -> ParseFailure {
        ParseFailure(code: .unexpectedEndOfInput, message: "unexpected end of input; expected \(expectation)", offset: end)
    }

    private func trailingComma(at offset: Int, before closer: String) -> ParseFailure {
        ParseFailure(
            code: .trailingComma, message: "trailing comma before \(closer); remove the comma", offset: offset)
    }
}
