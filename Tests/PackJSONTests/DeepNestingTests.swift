import PackJSON
import Testing

@Suite struct DeepNestingTests {
    private static func nestedArrays(_ depth: Int) -> [UInt8] {
        Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth)
    }

    @Test func theDefaultLimitAcceptsDepth512AndRejects513() throws {
        let accepted = try JSONParser.parse(Self.nestedArrays(512))
        #expect(accepted.arrayValue?.count == 1)
        let error = try #require(throws: JSONParseError.self) { try JSONParser.parse(Self.nestedArrays(513)) }
        #expect(error.code == .depthLimitExceeded)
        #expect(error.offset == 512)
        #expect(error.message == "nesting depth exceeds the limit of 512; raise 'maxDepth' or flatten the document")
    }

    @Test func objectsCountTowardsTheDepthLimit() throws {
        let options = JSONParser.Options(maxDepth: 3)
        #expect(throws: Never.self) { try JSONParser.parse(#"{"a": [{}]}"#, options: options) }
        let error = try #require(throws: JSONParseError.self) {
            try JSONParser.parse(#"{"a": [{"b": []}]}"#, options: options)
        }
        #expect(error.code == .depthLimitExceeded)
        #expect(error.offset == 13)
    }

    @Test func aMillionOpenBracketsWithAHugeLimitFailCleanly() throws {
        let input = Array(repeating: UInt8(ascii: "["), count: 1_000_000)
        let error = try #require(throws: JSONParseError.self) {
            try JSONParser.parse(input, options: .init(maxDepth: 1_000_000))
        }
        #expect(error.code == .unexpectedEndOfInput)
        #expect(error.offset == 1_000_000)
    }

    @Test func aMillionOpenBracketsHitTheDefaultLimitEarly() throws {
        let input = Array(repeating: UInt8(ascii: "["), count: 1_000_000)
        let error = try #require(throws: JSONParseError.self) { try JSONParser.parse(input) }
        #expect(error.code == .depthLimitExceeded)
    }

    @Test func aMillionLevelDocumentParsesComparesSerializesAndIsDismantled() throws {
        let depth = 1_000_000
        let input = Self.nestedArrays(depth)
        let options = JSONParser.Options(maxDepth: depth)
        var value = try JSONParser.parse(input, options: options)
        var same = try JSONParser.parse(input, options: options)
        #expect(value == same)
        #expect(value.hashValue == same.hashValue)
        #expect(value.serializedBytes() == input)
        #expect(value.canonicalized().utf8.count == input.count)
        var levels = 0
        var current = value
        while case .array(let elements) = current, let first = elements.first {
            levels += 1
            current = first
        }
        #expect(levels == depth - 1)
        current = .null
        value.dismantle()
        same.dismantle()
        #expect(value.isNull && same.isNull)
    }

    @Test func aFailureAfterADeepValueReleasesItSafely() throws {
        let input = Self.nestedArrays(300_000) + Array(" x".utf8)
        let error = try #require(throws: JSONParseError.self) {
            try JSONParser.parse(input, options: .init(maxDepth: 300_000))
        }
        #expect(error.code == .trailingCharacters)
        let inner = [UInt8(ascii: "[")] + Self.nestedArrays(300_000) + Array(",".utf8)
        let truncated = try #require(throws: JSONParseError.self) {
            try JSONParser.parse(inner, options: .init(maxDepth: 300_001))
        }
        #expect(truncated.code == .unexpectedEndOfInput)
    }

    @Test func deepObjectsRoundTripThroughPrettyOutput() throws {
        var text = ""
        for _ in 0..<2_000 { text += #"{"k":"# }
        text += "1"
        for _ in 0..<2_000 { text += "}" }
        let value = try JSONParser.parse(text, options: .init(maxDepth: 2_000))
        let pretty = value.serialized(pretty: true)
        #expect(try JSONParser.parse(pretty, options: .init(maxDepth: 2_000)) == value)
        #expect(value.serialized() == text)
    }
}
