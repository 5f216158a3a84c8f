import PackJSON
import Testing

@Suite struct JSONParserTests {
    @Test func aTypicalDocumentParsesIntoTheExpectedValue() throws {
        let text = """
            {
              "name": "quiver",
              "version": 3,
              "ratio": -0.25,
              "enabled": true,
              "parent": null,
              "tags": ["a", "b", []],
              "nested": {"deep": {}}
            }
            """
        let value = try JSONParser.parse(text)
        let expected: JSONValue = [
            "name": "quiver", "version": 3, "ratio": -0.25, "enabled": true, "parent": nil,
            "tags": ["a", "b", []], "nested": ["deep": [:]],
        ]
        #expect(value == expected)
        #expect(value.objectValue?.keys == ["name", "version", "ratio", "enabled", "parent", "tags", "nested"])
    }

    @Test(arguments: ["0", "-0", "1.5e-3", "\"\"", "true", "false", "null", "[]", "{}", " \t\r\n 7 \n"])
    func scalarsAndEmptyContainersAreValidDocuments(text: String) throws {
        _ = try JSONParser.parse(text)
    }

    @Test(arguments: [
        (#""a\"b\\c\/d\b\f\n\r\t""#, "a\"b\\c/d\u{8}\u{c}\n\r\t"),
        (#""\u0041\u00e9\u20AC""#, "Aé€"),
        (#""\ud83d\ude00""#, "😀"),
        (#""\u0000""#, "\u{0}"),
        ("\"héllo wörld ✓ 😀\"", "héllo wörld ✓ 😀"),
        (#""a longer plain ascii string that crosses several eight byte words""#,
         "a longer plain ascii string that crosses several eight byte words"),
        (#""plain prefix beyond eight bytes then an escape\nand more""#, "plain prefix beyond eight bytes then an escape\nand more"),
    ])
    func stringEscapesAndUnicodeDecode(text: String, expected: String) throws {
        #expect(try JSONParser.parse(text) == .string(expected))
    }

    @Test func allInputFormsGiveTheSameValue() throws {
        let text = #"{"a": [1, 2.5, "x"], "b": {"c": null}}"#
        let fromString = try JSONParser.parse(text)
        let bytes = Array(text.utf8)
        #expect(try JSONParser.parse(bytes) == fromString)
        #expect(try JSONParser.parse(bytes[...]) == fromString)
        #expect(try JSONParser.parse(text[...]) == fromString)
        #expect(try JSONParser.parse(("  " + text + "  ").dropFirst(2).dropLast(2)) == fromString)
        #expect(try JSONParser.parse(text.utf8) == fromString)
        #expect(try JSONParser.parse(bytes.lazy.map { $0 }) == fromString)
    }

    @Test func duplicateKeysKeepTheLastValueAtTheFirstPosition() throws {
        let value = try JSONParser.parse(#"{"a": 1, "b": 2, "a": 3}"#)
        #expect(value.objectValue?.keys == ["a", "b"])
        #expect(value["a"] == 3)
    }

    @Test func duplicateKeysInLargeObjectsAreFoundToo() throws {
        let members = (0..<40).map { "\"k\($0)\": \($0)" } + ["\"k7\": \"again\""]
        let value = try JSONParser.parse("{" + members.joined(separator: ", ") + "}")
        #expect(value.objectValue?.count == 40)
        #expect(value["k7"] == "again")
        #expect(value["k39"] == 39)
    }

    @Test func rejectingDuplicateKeysNamesTheKeyAndItsPosition() throws {
        let options = JSONParser.Options(rejectDuplicateKeys: true)
        let error = try #require(throws: JSONParseError.self) {
            try JSONParser.parse("{\"a\": 1,\n  \"b\": 2,\n  \"a\": 3}", options: options)
        }
        #expect(error.code == .duplicateKey)
        #expect(error.message.contains("'a'"))
        #expect((error.line, error.column, error.offset) == (3, 3, 21))
        #expect(throws: Never.self) { try JSONParser.parse(#"{"a": {"a": 1}}"#, options: options) }
    }

    @Test func rejectingDuplicateKeysWorksAboveTheIndexThreshold() throws {
        let members = (0..<30).map { "\"k\($0)\": \($0)" } + ["\"k29\": 0"]
        let options = JSONParser.Options(rejectDuplicateKeys: true)
        let error = try #require(throws: JSONParseError.self) {
            try JSONParser.parse("{" + members.joined(separator: ",") + "}", options: options)
        }
        #expect(error.code == .duplicateKey)
        #expect(error.message.contains("'k29'"))
    }

    @Test func maxBytesRejectsLongerInput() throws {
        let options = JSONParser.Options(maxBytes: 8)
        #expect(throws: Never.self) { try JSONParser.parse("[1,2,3]", options: options) }
        let error = try #require(throws: JSONParseError.self) {
            try JSONParser.parse("[1,2,3,4,5]", options: options)
        }
        #expect(error.code == .sizeLimitExceeded)
        #expect(error.message.contains("limit of 8 bytes"))
        let fromBytes = try #require(throws: JSONParseError.self) {
            try JSONParser.parse(Array("[1,2,3,4,5]".utf8), options: options)
        }
        #expect(fromBytes.code == .sizeLimitExceeded)
        let fromLazyBytes = try #require(throws: JSONParseError.self) {
            try JSONParser.parse("[1,\n2,3,4,5]".utf8.lazy.map { $0 }, options: options)
        }
        #expect(fromLazyBytes.code == .sizeLimitExceeded)
        #expect((fromLazyBytes.offset, fromLazyBytes.line, fromLazyBytes.column) == (8, 2, 5))
        #expect(fromLazyBytes.message == "input of 12 bytes exceeds the limit of 8 bytes; raise 'maxBytes' or send a smaller document")
    }

    @Test func errorDescriptionsEndWithLineAndColumn() throws {
        let error = try #require(throws: JSONParseError.self) {
            try JSONParser.parse("{\n  \"a\": 1,\n  \"b\": 2 \"c\"\n}")
        }
        #expect(error.description == "expected ',' or '}' after object member, found '\"' at line 3, column 10")
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let error = try #require(throws: JSONParseError.self) { try JSONParser.parse("[\"é€😀\" x]") }
        #expect(error.offset == 13)
        #expect((error.line, error.column) == (1, 8))
    }
}
