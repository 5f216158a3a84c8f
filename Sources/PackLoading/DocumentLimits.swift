/// Limits applied to every manifest and front-matter document before and while it is parsed.
///
/// They keep hostile input (alias bombs, deep nesting, huge files) from crashing the host, hanging
/// it or allocating without bound. Each limit gives one clear diagnostic when exceeded.
public struct DocumentLimits: Sendable, Hashable {
    /// The largest manifest file accepted, in bytes. (Default: 1 MiB.)
    public var maxBytes: Int
    /// The deepest nesting of mappings and sequences accepted. (Default: 64.)
    public var maxDepth: Int
    /// The most values a document may expand to, aliases included. (Default: 100,000.)
    public var maxNodes: Int

    /// Creates limits.
    public init(maxBytes: Int = 1 << 20, maxDepth: Int = 64, maxNodes: Int = 100_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }

    /// The defaults.
    public static let `default` = DocumentLimits()
}

/// Positions of values and keys in a parsed document, by JSON pointer.
public struct SourceMap: Sendable, Hashable {
    /// A 1-based line and column.
    public struct Position: Sendable, Hashable {
        public var line: Int
        public var column: Int
        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    /// Where each value starts.
    public var values: [String: Position] = [:]
    /// Where the key of each mapping member starts (by the member's pointer).
    public var keys: [String: Position] = [:]

    /// Creates an empty map.
    public init() {}

    /// The best position for a pointer: the value itself, else its key, else the nearest parent.
    public func position(for pointer: String, preferKey: Bool = false) -> Position? {
        if preferKey, let key = keys[pointer] { return key }
        var current = pointer
        while true {
            if let position = values[current] { return position }
            if let key = keys[current] { return key }
            guard let slash = current.lastIndex(of: "/") else { return nil }
            current = String(current[..<slash])
        }
    }
}

/// A problem that stops a document from being read at all, with its position when known.
public struct DocumentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong and how to fix it.
    public var message: String
    /// The 1-based line, when known.
    public var line: Int?
    /// The 1-based column, when known.
    public var column: Int?

    /// Creates a document error.
    public init(_ message: String, line: Int? = nil, column: Int? = nil) {
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String {
        if let line, let column { return "\(line):\(column): \(message)" }
        return message
    }
}

/// Checks raw bytes before any parser sees them: binary content and UTF-8 validity.
enum ByteCheck {
    /// The first problem with `bytes` as a UTF-8 text document, or `nil`.
    static func problem(in bytes: [UInt8]) -> DocumentError? {
        // Most documents are plain ASCII without NUL: prove that 8 bytes at a time, else look closely.
        if isPlainASCII(bytes) { return nil }
        if let nul = bytes.firstIndex(of: 0) {
            let (line, column) = lineAndColumn(of: nul, in: bytes)
            return DocumentError("file is binary (it contains a NUL byte); a manifest must be UTF-8 text",
                                 line: line, column: column)
        }
        if let bad = firstInvalidUTF8(bytes) {
            let (line, column) = lineAndColumn(of: bad, in: bytes)
            return DocumentError("invalid UTF-8 at byte \(bad); save the file as UTF-8", line: line, column: column)
        }
        return nil
    }

    /// Whether every byte is ASCII and none is NUL.
    static func isPlainASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            let count = raw.count
            var index = 0
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            while index + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                // A high bit set, or a zero byte (the classic "has zero byte" test), fails the word.
                if word & highs != 0 || (word &- ones) & ~word & highs != 0 { return false }
                index += 8
            }
            while index < count {
                let byte = raw[index]
                if byte == 0 || byte >= 0x80 { return false }
                index += 1
            }
            return true
        }
    }

    /// The offset of the first byte that is not part of a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            var need = 0
            var min: UInt32 = 0
            var scalar: UInt32 = 0
            switch b {
            case 0xC2...0xDF: need = 1; min = 0x80; scalar = UInt32(b & 0x1F)
            case 0xE0...0xEF: need = 2; min = 0x800; scalar = UInt32(b & 0x0F)
            case 0xF0...0xF4: need = 3; min = 0x10000; scalar = UInt32(b & 0x07)
            default: return i
            }
            for k in 1...need {
                guard i + k < n, bytes[i + k] & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(bytes[i + k] & 0x3F)
            }
            if scalar < min || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += need + 1
        }
        return nil
    }

    /// 1-based line and column (in bytes) of an offset.
    static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }
}
