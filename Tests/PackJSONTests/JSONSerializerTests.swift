import PackJSON
import Testing

@Suite struct JSONSerializerTests {
    @Test func compactOutputHasNoWhitespaceAndKeepsInsertionOrder() {
        let value: JSONValue = ["z": 1, "a": [true, false, nil], "m": ["x": "y"], "e": [], "o": [:]]
        #expect(value.serialized() == #"{"z":1,"a":[true,false,null],"m":{"x":"y"},"e":[],"o":{}}"#)
        #expect(value.description == value.serialized())
    }

    @Test func sortedKeysOrderEveryObjectByCodePoint() {
        let value: JSONValue = ["b": ["d": 1, "c": 2], "a": 0, "é": 3, "Z": 4]
        #expect(value.serialized(sortedKeys: true) == #"{"Z":4,"a":0,"b":{"c":2,"d":1},"é":3}"#)
    }

    @Test func prettyOutputIndentsByTwoSpaces() {
        let value: JSONValue = ["name": "quiver", "tags": ["a", []], "empty": [:], "n": 1.5]
        let expected = """
            {
              "name": "quiver",
              "tags": [
                "a",
                []
              ],
              "empty": {},
              "n": 1.5
            }
            """
        #expect(value.serialized(pretty: true) == expected)
        #expect(JSONValue.array([]).serialized(pretty: true) == "[]")
        #expect(JSONValue.string("x").serialized(pretty: true) == "\"x\"")
    }

    @Test(arguments: [
        ("quote\"backslash\\slash/", #""quote\"backslash\\slash/""#),
        ("\n\r\t\u{8}\u{c}", #""\n\r\t\b\f""#),
        ("\u{0}\u{1}\u{1f}\u{7f}", #""\u0000\u0001\u001f"# + "\u{7f}\""),
        ("é€😀", "\"é€😀\""),
        ("\u{2028}", "\"\u{2028}\""),
    ])
    func stringsAreEscapedMinimally(string: String, expected: String) {
        #expect(JSONValue.string(string).serialized() == expected)
    }

    @Test(arguments: [
        #"{"a":[1,2.5,-0.001,"x",{"b":null}],"c":true}"#,
        #"[12345678901234567890123,1e+400,0.10000000000000000001,-9223372036854775808]"#,
        #"{"\u0000\n":"\"\\","é😀":[[],{}]}"#,
        #""just a string""#,
        "3.141592653589793",
    ])
    func serializingParsedTextGivesEqualValues(text: String) throws {
        let value = try JSONParser.parse(text)
        let compact = value.serialized()
        #expect(try JSONParser.parse(compact) == value)
        #expect(try JSONParser.parse(value.serialized(pretty: true, sortedKeys: true)) == value)
        #expect(try JSONParser.parse(compact).serialized() == compact)
    }

    @Test func exactNumbersSurviveSerialization() throws {
        let value = try JSONParser.parse("[12345678901234567890123, 1e400, 0.1, 1.0, 1E2]")
        #expect(value.serialized() == "[12345678901234567890123,1e+400,0.1,1,100]")
    }
}
