import PackJSON
import Testing

@Suite struct JSONValueTests {
    @Test func numbersEqualByValueInsideContainers() throws {
        let left = try JSONParser.parse(#"{"a": [1, 2.50, 1e2]}"#)
        let right = try JSONParser.parse(#"{"a": [1.0, 25e-1, 100]}"#)
        #expect(left == right)
        #expect(left.hashValue == right.hashValue)
        #expect(Set([left, right]).count == 1)
    }

    @Test func objectsEqualRegardlessOfKeyOrder() throws {
        let left = try JSONParser.parse(#"{"a": 1, "b": {"c": 2, "d": [3]}}"#)
        let right = try JSONParser.parse(#"{"b": {"d": [3], "c": 2}, "a": 1}"#)
        #expect(left == right)
        #expect(left.hashValue == right.hashValue)
        #expect(left.serialized() != right.serialized())
    }

    @Test(arguments: [
        ("[1, 2]", "[2, 1]"), (#"{"a": 1}"#, #"{"a": 1, "b": 2}"#), (#"{"a": 1}"#, #"{"b": 1}"#),
        ("1", "\"1\""), ("null", "false"), ("0", "false"), ("[]", "{}"), ("[[1]]", "[[2]]"),
        (#"{"a": [1, {"b": 2}]}"#, #"{"a": [1, {"b": 3}]}"#), ("\"é\"", "\"e\""),
    ])
    func differentValuesAreNotEqual(lhs: String, rhs: String) throws {
        #expect(try JSONParser.parse(lhs) != JSONParser.parse(rhs))
    }

    @Test func literalsBuildTheMatchingCases() {
        let value: JSONValue = ["s": "x", "i": 3, "d": 0.5, "b": true, "n": nil, "a": [1], "o": ["k": "v"]]
        #expect(value["s"] == .string("x"))
        #expect(value["i"] == .number(JSONNumber(3)))
        #expect(value["d"]?.numberValue == JSONNumber(text: "0.5"))
        #expect(value["b"]?.boolValue == true)
        #expect(value["n"]?.isNull == true)
        #expect(value["a"]?[0] == 1)
        #expect(value["o"]?["k"]?.stringValue == "v")
        #expect(value["missing"] == nil)
        #expect(value["a"]?[1] == nil)
        #expect(value["a"]?[-1] == nil)
        #expect(value[0] == nil)
        #expect(JSONValue.string("x")["k"] == nil)
    }

    @Test(arguments: [
        ("null", "null"), ("true", "boolean"), ("1", "number"), ("1.5", "number"), ("\"\"", "string"),
        ("[]", "array"), ("{}", "object"),
    ])
    func typeNamesFollowJSONSchemaTypeNames(text: String, expected: String) throws {
        #expect(try JSONParser.parse(text).typeName == expected)
    }

    @Test func accessorsReturnNilForOtherKinds() {
        let value: JSONValue = 1
        #expect(value.stringValue == nil)
        #expect(value.boolValue == nil)
        #expect(value.arrayValue == nil)
        #expect(value.objectValue == nil)
        #expect(!value.isNull)
        #expect(value.numberValue?.intValue == 1)
    }

    @Test func hashingIsConsistentBeyondTheHashedDepth() throws {
        let deepLeft = try JSONParser.parse(String(repeating: "[", count: 20) + "1.0" + String(repeating: "]", count: 20))
        let deepRight = try JSONParser.parse(String(repeating: "[", count: 20) + "1" + String(repeating: "]", count: 20))
        let deepOther = try JSONParser.parse(String(repeating: "[", count: 20) + "2" + String(repeating: "]", count: 20))
        #expect(deepLeft == deepRight)
        #expect(deepLeft.hashValue == deepRight.hashValue)
        #expect(deepLeft != deepOther)
        #expect(Set([deepLeft, deepRight, deepOther]).count == 2)
    }
}

@Suite struct JSONObjectTests {
    @Test func membersKeepInsertionOrderAndUpdatesKeepPosition() {
        var object: JSONObject = ["b": 1, "a": 2]
        object["c"] = 3
        object["b"] = 4
        #expect(object.keys == ["b", "a", "c"])
        #expect(object.values == [4, 2, 3])
        #expect(object.map(\.key) == ["b", "a", "c"])
        object["a"] = nil
        #expect(object.keys == ["b", "c"])
        #expect(object.count == 2)
        #expect(!object.isEmpty)
        #expect(JSONObject().isEmpty)
    }

    @Test func laterDuplicatePairsReplaceEarlierValues() {
        let object = JSONObject([("a", 1), ("b", 2), ("a", 3)])
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == 3)
    }

    @Test(arguments: [5, 16, 17, 100, 2_000])
    func lookupsWorkBelowAndAboveTheIndexThreshold(count: Int) {
        var object = JSONObject()
        for index in 0..<count {
            object["key\(index)"] = .number(JSONNumber(index))
        }
        for index in 0..<count {
            #expect(object["key\(index)"] == .number(JSONNumber(index)))
        }
        #expect(object["key\(count)"] == nil)
        object["key0"] = nil
        #expect(object["key0"] == nil)
        #expect(object["key\(count - 1)"] == .number(JSONNumber(count - 1)))
        #expect(object.count == count - 1)
        #expect(object.position(of: "key1") == 0)
    }

    @Test func largeObjectsEqualAndHashIgnoringOrder() {
        let pairs = (0..<50).map { ("k\($0)", JSONValue.number(JSONNumber($0))) }
        let forward = JSONObject(pairs)
        let backward = JSONObject(pairs.reversed())
        #expect(forward == backward)
        #expect(forward.hashValue == backward.hashValue)
        var changed = backward
        changed["k10"] = "ten"
        #expect(forward != changed)
    }
}
