import PackJSON
import Testing

/// One input the parser must reject, with where and how.
struct Rejection: Sendable, CustomTestStringConvertible {
    var bytes: [UInt8]
    var code: JSONParseError.Code
    var offset: Int
    var line = 1
    var column: Int

    init(_ text: String, _ code: JSONParseError.Code, at offset: Int, line: Int = 1, column: Int? = nil) {
        self.init(bytes: Array(text.utf8), code, at: offset, line: line, column: column)
    }

    init(bytes: [UInt8], _ code: JSONParseError.Code, at offset: Int, line: Int = 1, column: Int? = nil) {
        self.bytes = bytes
        self.code = code
        self.offset = offset
        self.line = line
        self.column = column ?? offset + 1
    }

    var testDescription: String {
        String(decoding: bytes, as: UTF8.self).debugDescription
    }
}

@Suite struct JSONParserRejectionTests {
    static let syntax: [Rejection] = [
        Rejection("[1, 2,]", .trailingComma, at: 5),
        Rejection(#"{"a": 1,}"#, .trailingComma, at: 7),
        Rejection("[1,\n 2,\n]", .trailingComma, at: 6, line: 2, column: 3),
        Rejection("[,1]", .unexpectedCharacter, at: 1),
        Rejection("[1 2]", .unexpectedCharacter, at: 3),
        Rejection(#"{"a" 1}"#, .unexpectedCharacter, at: 5),
        Rejection("{a: 1}", .unexpectedCharacter, at: 1),
        Rejection("{\"a\": 1\n\n   \"b\": 2}", .unexpectedCharacter, at: 12, line: 3, column: 4),
        Rejection("'a'", .unexpectedCharacter, at: 0),
        Rejection("True", .unexpectedCharacter, at: 0),
        Rejection("nul1", .unexpectedCharacter, at: 0),
        Rejection("\u{FEFF}1", .unexpectedCharacter, at: 0),
        Rejection(bytes: [0x5B, 0xC3, 0xA9, 0x5D], .unexpectedCharacter, at: 1),
        Rejection("[1] x", .trailingCharacters, at: 4),
        Rejection("1 2", .trailingCharacters, at: 2),
        Rejection("[1]]", .trailingCharacters, at: 3),
        Rejection(#"{"a":1}}"#, .trailingCharacters, at: 7),
        Rejection("", .unexpectedEndOfInput, at: 0),
        Rejection("   ", .unexpectedEndOfInput, at: 3),
        Rejection("[1,", .unexpectedEndOfInput, at: 3),
        Rejection("[1", .unexpectedEndOfInput, at: 2),
        Rejection(#"{"a":"#, .unexpectedEndOfInput, at: 5),
        Rejection(#"{"a""#, .unexpectedEndOfInput, at: 4),
        Rejection("tru", .unexpectedEndOfInput, at: 3),
        Rejection(#""abc"#, .unexpectedEndOfInput, at: 0),
        Rejection(#"["ab\"#, .unexpectedEndOfInput, at: 5),
    ]

    static let numbers: [Rejection] = [
        Rejection("01", .invalidNumber, at: 0),
        Rejection("-01", .invalidNumber, at: 1),
        Rejection("[00]", .invalidNumber, at: 1),
        Rejection("1.", .invalidNumber, at: 2),
        Rejection("1.e5", .invalidNumber, at: 2),
        Rejection("1e", .invalidNumber, at: 2),
        Rejection("1e+", .invalidNumber, at: 3),
        Rejection("-", .invalidNumber, at: 1),
        Rejection("NaN", .invalidNumber, at: 0),
        Rejection("[Infinity]", .invalidNumber, at: 1),
        Rejection("-Infinity", .invalidNumber, at: 1),
        Rejection("1e9999999999999", .invalidNumber, at: 2),
        Rejection("+1", .unexpectedCharacter, at: 0),
        Rejection(".5", .unexpectedCharacter, at: 0),
        Rejection("0x10", .trailingCharacters, at: 1),
    ]

    static let strings: [Rejection] = [
        Rejection("\"a\tb\"", .invalidString, at: 2),
        Rejection("\"a\u{1}\"", .invalidString, at: 2),
        Rejection("[\"line\nbreak\"]", .invalidString, at: 6),
        Rejection(#""\ud800""#, .invalidEscape, at: 1),
        Rejection(#""\udc00""#, .invalidEscape, at: 1),
        Rejection(#""\ud800\u0041""#, .invalidEscape, at: 1),
        Rejection(#""ab\ud800x""#, .invalidEscape, at: 3),
        Rejection(#""\x""#, .invalidEscape, at: 1),
        Rejection(#""\u12g4""#, .invalidEscape, at: 1),
        Rejection(#""\U0041""#, .invalidEscape, at: 1),
        Rejection(bytes: [0x22, 0xC0, 0xAF, 0x22], .invalidUTF8, at: 1),
        Rejection(bytes: [0x22, 0xE0, 0x80, 0xAF, 0x22], .invalidUTF8, at: 1),
        Rejection(bytes: [0x22, 0xF0, 0x80, 0x80, 0xAF, 0x22], .invalidUTF8, at: 1),
        Rejection(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8, at: 1),
        Rejection(bytes: [0x22, 0xED, 0xBF, 0xBF, 0x22], .invalidUTF8, at: 1),
        Rejection(bytes: [0x22, 0xC3, 0x22], .invalidUTF8, at: 1),
        Rejection(bytes: [0x22, 0xE2, 0x82, 0x22], .invalidUTF8, at: 1),
        Rejection(bytes: [0x22, 0xF0, 0x9F, 0x98], .invalidUTF8, at: 1),
        Rejection(bytes: [0x22, 0x80, 0x22], .invalidUTF8, at: 1),
        Rejection(bytes: [0x22, 0xFF, 0x22], .invalidUTF8, at: 1),
        Rejection(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], .invalidUTF8, at: 1),
        Rejection(bytes: [0x22] + Array("abcdefghijklmnop".utf8) + [0xC3, 0x28, 0x22], .invalidUTF8, at: 17),
    ]

    @Test(arguments: syntax + numbers + strings)
    func invalidInputIsRejectedAtTheRightPosition(_ rejection: Rejection) throws {
        let error = try #require(throws: JSONParseError.self) { try JSONParser.parse(rejection.bytes) }
        #expect(error.code == rejection.code, "\(error)")
        #expect(error.offset == rejection.offset, "\(error)")
        #expect(error.line == rejection.line, "\(error)")
        #expect(error.column == rejection.column, "\(error)")
        #expect(!error.message.isEmpty && error.message.first?.isLowercase == true)
        #expect(error.message.last != ".")
    }

    @Test(arguments: [
        ("[1 2]", "expected ',' or ']' after array element, found '2'"),
        ("[1, 2,]", "trailing comma before ']'; remove the comma"),
        ("01", "invalid number: leading zeros are not allowed; write '0' only before '.' or 'e'"),
        (#""\ud800""#, "lone high surrogate escape '\\uD800'; follow it with a low surrogate escape '\\uDC00'...'\\uDFFF'"),
        ("[1] x", "unexpected 'x' after the JSON value; a document holds exactly one value"),
        ("\"a\u{1}\"", "unescaped control character U+0001 in string; write it as an escape such as '\\n' or '\\u0001'"),
    ])
    func messagesExplainTheProblem(text: String, message: String) throws {
        let error = try #require(throws: JSONParseError.self) { try JSONParser.parse(text) }
        #expect(error.message == message)
    }
}
