/// An error thrown when JSON text cannot be parsed.
///
/// The description reads like
/// `expected ',' or '}' after object member at line 3, column 7`.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure; new kinds may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: Sendable, Hashable {
            case unexpectedEndOfInput, unexpectedCharacter, trailingCharacters, trailingComma
            case invalidNumber, invalidString, invalidEscape, invalidUTF8
            case depthLimitExceeded, sizeLimitExceeded, duplicateKey
        }

        private let kind: Kind

        private init(_ kind: Kind) {
            self.kind = kind
        }

        /// The text ended before the value was complete.
        public static let unexpectedEndOfInput = Code(.unexpectedEndOfInput)
        /// A character that cannot appear at this point.
        public static let unexpectedCharacter = Code(.unexpectedCharacter)
        /// Non-whitespace after the top-level value.
        public static let trailingCharacters = Code(.trailingCharacters)
        /// A comma directly before `]` or `}`.
        public static let trailingComma = Code(.trailingComma)
        /// A malformed number, such as `01`, `1.` or `-`.
        public static let invalidNumber = Code(.invalidNumber)
        /// A malformed string, such as one containing a raw control character.
        public static let invalidString = Code(.invalidString)
        /// A malformed escape sequence, including lone surrogate escapes.
        public static let invalidEscape = Code(.invalidEscape)
        /// Bytes that are not valid UTF-8.
        public static let invalidUTF8 = Code(.invalidUTF8)
        /// Arrays and objects nested deeper than ``JSONParser/Options/maxDepth``.
        public static let depthLimitExceeded = Code(.depthLimitExceeded)
        /// Input longer than ``JSONParser/Options/maxBytes``.
        public static let sizeLimitExceeded = Code(.sizeLimitExceeded)
        /// A repeated key while ``JSONParser/Options/rejectDuplicateKeys`` is set.
        public static let duplicateKey = Code(.duplicateKey)

        /// The code's name, such as "invalidNumber".
        public var description: String {
            "\(kind)"
        }
    }

    /// The kind of failure.
    public var code: Code
    /// What went wrong, without the position, such as "expected ':' after object key".
    public var message: String
    /// The zero-based byte offset of the failure.
    public var offset: Int
    /// The one-based line of the failure; lines end at line feeds.
    public var line: Int
    /// The one-based column of the failure, counted in Unicode scalars.
    public var column: Int

    /// Creates an error.
    public init(code: Code, message: String, offset: Int, line: Int, column: Int) {
        self.code = code
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The message followed by the position.
    public var description: String {
        "\(message) at line \(line), column \(column)"
    }

    /// Creates an error for `failure`, working out line and column from the input bytes.
    init(_ failure: ParseFailure, in bytes: UnsafeBufferPointer<UInt8>) {
        var line = 1
        var column = 1
        let end = min(max(failure.offset, 0), bytes.count)
        for position in 0..<end {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        self.init(code: failure.code, message: failure.message, offset: failure.offset, line: line, column: column)
    }
}
