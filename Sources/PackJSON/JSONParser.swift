/// Parses strict RFC 8259 JSON from UTF-8 text.
///
/// The parser is iterative (an explicit stack, no recursion), so the nesting depth is bounded
/// only by ``Options/maxDepth``. It rejects invalid UTF-8 (overlong forms, encoded surrogates,
/// truncated sequences), lone surrogate escapes, trailing commas, leading zeros, `NaN` and
/// `Infinity`, raw control characters in strings, a byte order mark, and anything after the
/// top-level value. A repeated object key keeps the last value unless
/// ``Options/rejectDuplicateKeys`` is set.
///
/// ```swift
/// let value = try JSONParser.parse(#"{"name": "quiver", "version": 1}"#)
/// value["version"]?.numberValue?.intValue   // 1
/// ```
public struct JSONParser {
    /// Limits and checks applied while parsing.
    public struct Options: Sendable {
        /// The deepest nesting of arrays and objects accepted; the top-level container is at
        /// depth 1. (Default: 512)
        ///
        /// Parsing never recurses, so any limit is safe to parse with; releasing a parsed value
        /// thousands of levels deep should go through ``JSONValue/dismantle()``.
        public var maxDepth: Int
        /// The largest input accepted, in bytes, or `nil` for no limit. (Default: `nil`)
        public var maxBytes: Int?
        /// Whether a repeated key in one object is an error instead of replacing the earlier
        /// value. (Default: `false`)
        public var rejectDuplicateKeys: Bool

        /// Creates options.
        public init(maxDepth: Int = 512, maxBytes: Int? = nil, rejectDuplicateKeys: Bool = false) {
            self.maxDepth = maxDepth
            self.maxBytes = maxBytes
            self.rejectDuplicateKeys = rejectDuplicateKeys
        }
    }

    /// Parses UTF-8 encoded JSON text.
    ///
    /// Contiguous collections (`[UInt8]`, `ArraySlice<UInt8>`, `Data`) are read in place; others
    /// are copied first.
    ///
    /// - Parameters:
    ///   - bytes: The UTF-8 encoded text.
    ///   - options: Limits and checks. (Default: `Options()`)
    /// - Returns: The parsed value.
    /// - Throws: ``JSONParseError`` with the position of the first problem.
    public static func parse(
        _ bytes: some Collection<UInt8>, options: Options = .init()
    ) throws(JSONParseError) -> JSONValue {
        if let result = bytes.withContiguousStorageIfAvailable({ parse(buffer: $0, options: options) }) {
            return try result.get()
        }
        if let maxBytes = options.maxBytes, bytes.count > maxBytes {
            // Report the limit without copying the whole oversized input.
            let prefix = Array(bytes.prefix(maxBytes))
            return try prefix.withUnsafeBufferPointer { sizeFailure(count: bytes.count, limit: maxBytes, in: $0) }.get()
        }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { parse(buffer: $0, options: options) }.get()
    }

    /// Parses JSON text held in a string.
    ///
    /// - Parameters:
    ///   - text: The JSON text.
    ///   - options: Limits and checks. (Default: `Options()`)
    /// - Returns: The parsed value.
    /// - Throws: ``JSONParseError`` with the position of the first problem.
    public static func parse(_ text: String, options: Options = .init()) throws(JSONParseError) -> JSONValue {
        var text = text
        return try text.withUTF8 { parse(buffer: $0, options: options) }.get()
    }

    /// Parses JSON text held in a substring.
    ///
    /// - Parameters:
    ///   - text: The JSON text.
    ///   - options: Limits and checks. (Default: `Options()`)
    /// - Returns: The parsed value.
    /// - Throws: ``JSONParseError`` with the position of the first problem.
    public static func parse(_ text: Substring, options: Options = .init()) throws(JSONParseError) -> JSONValue {
        var text = text
        return try text.withUTF8 { parse(buffer: $0, options: options) }.get()
    }

    /// A size-limit failure positioned at the limit within `buffer`.
    private static func sizeFailure(
        count: Int, limit: Int, in buffer: UnsafeBufferPointer<UInt8>
    ) -> Result<JSONValue, JSONParseError> {
        let failure = ParseFailure(
            code: .sizeLimitExceeded,
            message: "input of \(count) bytes exceeds the limit of \(limit) bytes; raise 'maxBytes' or send a smaller document",
            offset: limit)
        return .failure(JSONParseError(failure, in: buffer))
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>, options: Options) -> Result<JSONValue, JSONParseError> {
        if let maxBytes = options.maxBytes, buffer.count > maxBytes {
            return sizeFailure(count: buffer.count, limit: maxBytes, in: buffer)
        }
        guard let base = buffer.baseAddress, !buffer.isEmpty else {
            return .failure(
                JSONParseError(
                    code: .unexpectedEndOfInput, message: "unexpected end of input; expected a JSON value",
                    offset: 0, line: 1, column: 1))
        }
        var core = ParserCore(bytes: base, end: buffer.count, options: options)
        do {
            return .success(try core.parseDocument())
        } catch {
            core.releaseAfterFailure()
            return .failure(JSONParseError(error, in: buffer))
        }
    }
}
