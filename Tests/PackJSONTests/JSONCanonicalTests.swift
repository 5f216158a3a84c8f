import PackJSON
import PackTestSupport
import Testing

@Suite struct JSONCanonicalTests {
    @Test(arguments: [
        ("1e21", "1e+21"), ("1e-7", "1e-7"), ("0.000001", "0.000001"), ("-0", "0"), ("-0.0", "0"),
        ("333333333.33333329", "333333333.3333333"), ("1E30", "1e+30"), ("4.50", "4.5"), ("2e-3", "0.002"),
        ("0.000001234", "0.000001234"), ("0.0000001234", "1.234e-7"), ("123456789012345680000", "123456789012345680000"),
        ("1e20", "100000000000000000000"), ("9007199254740993", "9007199254740992"),
        ("12345678901234567890123", "1.2345678901234568e+22"), ("5e-324", "5e-324"),
        ("1.7976931348623157e308", "1.7976931348623157e+308"), ("-1.5e-10", "-1.5e-10"),
        ("295147905179352830000", "295147905179352830000"), ("0.1", "0.1"), ("100", "100"),
        ("1e400", "1e+400"),
    ])
    func numbersUseTheECMAScriptForm(text: String, expected: String) throws {
        #expect(try JSONParser.parse(text).canonicalized() == expected)
    }

    @Test func theRFC8785SampleObjectIsCanonicalized() throws {
        let input = #"""
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """#
        let expected = #"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"# +
            #""string":"€$\u000f\nA'B\"\\\\\"/"}"#
        #expect(try JSONParser.parse(input).canonicalized() == expected)
    }

    @Test func keysSortByUTF16CodeUnits() throws {
        // U+1F600 (surrogates D83D DE00) sorts before U+FB33 in UTF-16 but after it by code point.
        let value: JSONValue = ["\u{FB33}": 1, "😀": 2, "a": 3, "\r": 4, "1": 5, "\u{80}": 6, "ö": 7, "€": 8]
        #expect(value.canonicalized() == "{\"\\r\":4,\"1\":5,\"a\":3,\"\u{80}\":6,\"ö\":7,\"€\":8,\"😀\":2,\"\u{FB33}\":1}")
        #expect(value.serialized(sortedKeys: true).hasSuffix("\"\u{FB33}\":1,\"😀\":2}"))
    }

    @Test func equalValuesHaveIdenticalCanonicalText() throws {
        let first = try JSONParser.parse(#"{"b": [1.0, 2e0], "a": {"y": 0.50, "x": "\u0041"}}"#)
        let second = try JSONParser.parse(#"{"a":{"x":"A","y":0.5},"b":[1,2]}"#)
        #expect(first == second)
        #expect(first.canonicalized() == second.canonicalized())
        #expect(first.canonicalized() == #"{"a":{"x":"A","y":0.5},"b":[1,2]}"#)
    }
}

@Suite struct CanonicalKeyOrderTests {
    @Test func keyOrderMatchesUTF16CodeUnitOrderForTrickyCharacters() throws {
        let pool = ["a", "\u{7F}", "\u{80}", "é", "€", "\u{D7FF}", "\u{E000}", "\u{FB33}", "\u{FFFF}", "\u{10000}", "😀", "\u{10FFFF}"]
        var generator = SplitMix64(seed: 7)
        var keys = Set<String>()
        while keys.count < 200 {
            let length = Int(generator.next() % 3) + 1
            keys.insert((0..<length).map { _ in pool[Int(generator.next() % UInt64(pool.count))] }.joined())
        }
        let object = JSONObject(keys.map { ($0, JSONValue.null) })
        let canonical = try JSONParser.parse(JSONValue.object(object).canonicalized())
        let expected = keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
        #expect(canonical.objectValue?.keys == expected)
    }
}
