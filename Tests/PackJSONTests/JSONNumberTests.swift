import PackJSON
import PackTestSupport
import Testing

@Suite struct JSONNumberTests {
    @Test(arguments: [
        ("1", "1.0"), ("1", "1e0"), ("1", "10e-1"), ("1", "0.1e1"), ("100", "1E2"), ("-0", "0"),
        ("0", "0.000e5"), ("12.5", "125e-1"), ("0.1", "1e-1"), ("1e400", "10e399"),
        ("12345678901234567890123", "1.2345678901234567890123e22"),
        ("9223372036854775808", "9.223372036854775808e18"), ("1e30", "1000000000000000000000000000000"),
    ])
    func literalsWithTheSameValueAreEqualAndHashEqually(lhs: String, rhs: String) throws {
        let left = try #require(JSONNumber(text: lhs))
        let right = try #require(JSONNumber(text: rhs))
        #expect(left == right)
        #expect(left.hashValue == right.hashValue)
        #expect(!(left < right) && !(right < left))
    }

    @Test(arguments: [
        ("0.1", "0.10000000000000001"), ("1e400", "1e401"), ("9007199254740992", "9007199254740993"),
        ("12345678901234567890123", "12345678901234567890124"), ("1", "1.0000000000000000000001"),
        ("-1e-400", "1e-400"),
    ])
    func nearbyButDifferentValuesStayDistinct(smaller: String, larger: String) throws {
        let low = try #require(JSONNumber(text: smaller))
        let high = try #require(JSONNumber(text: larger))
        #expect(low != high)
        #expect(low < high)
        #expect(!(high < low))
    }

    @Test(arguments: [
        "12345678901234567890123", "1e+400", "0.1", "-0.000001", "1.0000000000000000000001",
        "-9223372036854775808", "9223372036854775807", "9223372036854775808", "3.141592653589793",
        "5e-324", "1.7976931348623157e+308", "1e-400",
    ])
    func textRoundTripsToTheSameValue(text: String) throws {
        let number = try #require(JSONNumber(text: text))
        let again = try #require(JSONNumber(text: number.description))
        #expect(again == number)
    }

    @Test(arguments: [
        ("1.0", "1"), ("1E2", "100"), ("-0", "0"), ("0.5", "0.5"), ("1e400", "1e+400"),
        ("12345678901234567890123", "12345678901234567890123"), ("1e-7", "1e-7"), ("0.000001", "0.000001"),
        ("-1.50", "-1.5"), ("1.0000000000000000000001", "1.0000000000000000000001"),
        ("1e22", "10000000000000000000000"), ("123456789012345678901234567890123456789012", "1.23456789012345678901234567890123456789012e+41"),
    ])
    func descriptionIsNormalizedExactText(text: String, expected: String) throws {
        #expect(try #require(JSONNumber(text: text)).description == expected)
    }

    @Test(arguments: ["", "+1", "01", "-", "1.", ".5", "1e", "1e+", "NaN", "Infinity", "-Infinity", " 1", "1 ", "0x10", "1_000"])
    func invalidLiteralsAreRejected(text: String) {
        #expect(JSONNumber(text: text) == nil)
    }

    @Test func integersKeepExactInt64Values() throws {
        #expect(JSONNumber(text: "9223372036854775807")?.int64Value == Int64.max)
        #expect(JSONNumber(text: "-9223372036854775808")?.int64Value == Int64.min)
        #expect(JSONNumber(text: "9223372036854775808")?.int64Value == nil)
        #expect(JSONNumber(text: "1e2")?.intValue == 100)
        #expect(JSONNumber(text: "2.5")?.intValue == nil)
    }

    @Test(arguments: [
        ("1", true), ("1.0", true), ("1e2", true), ("10000000000000000000000", true), ("1e400", true),
        ("1.5", false), ("1e-1", false), ("1.0000000000000000000001", false), ("-0.0", true),
    ])
    func isIntegerFollowsTheMathematicalValue(text: String, expected: Bool) throws {
        #expect(try #require(JSONNumber(text: text)).isInteger == expected)
    }

    @Test func doublesStandForTheirShortestText() throws {
        #expect(JSONNumber(0.1) == JSONNumber(text: "0.1"))
        #expect(JSONNumber(1.0) == JSONNumber(1))
        #expect(JSONNumber(-0.0) == JSONNumber(0))
        #expect(JSONNumber(1e30) == JSONNumber(text: "1e30"))
        #expect(JSONNumber(exactly: .nan) == nil)
        #expect(JSONNumber(exactly: .infinity) == nil)
        #expect(JSONNumber(Double.nan) == JSONNumber(0))
        #expect(JSONNumber(0.1).description == "0.1")
    }

    @Test func doubleValueIsTheNearestDouble() throws {
        #expect(JSONNumber(text: "0.1")?.doubleValue == 0.1)
        #expect(JSONNumber(text: "12345678901234567890123")?.doubleValue == 1.2345678901234568e22)
        #expect(JSONNumber(text: "1e400")?.doubleValue == .infinity)
        #expect(JSONNumber(text: "-9007199254740993")?.doubleValue == -9007199254740992)
    }

    @Test func orderingMixesIntegersDoublesAndDecimals() throws {
        let texts = ["-1e400", "-9223372036854775809", "-9223372036854775808", "-1.5", "-1", "0", "1e-400", "0.1",
                     "0.10000000000000001", "1", "1.5", "9007199254740993", "9223372036854775807",
                     "9223372036854775808", "1e20", "12345678901234567890123", "1e400"]
        let numbers = try texts.map { try #require(JSONNumber(text: $0)) }
        #expect(numbers.shuffled().sorted() == numbers)
        for (lower, higher) in zip(numbers, numbers.dropFirst()) {
            #expect(lower < higher, "\(lower) < \(higher)")
        }
    }

    @Test(arguments: [
        ("10", "5", true), ("10", "3", false), ("0.3", "0.1", true), ("0.3", "0.2", false), ("1e400", "5", true),
        ("7.5", "2.5", true), ("1", "0.01", true), ("0.0075", "0.0001", true), ("0.00751", "0.0001", false),
        ("12345678901234567890123", "3", true), ("12345678901234567890123", "41", false), ("5", "0", false),
        ("0", "7", true), ("-9", "3", true), ("-9223372036854775808", "-1", true),
        ("123456789012345678901234567890", "123456789012345678901234567890", true),
        ("246913578024691357802469135780", "123456789012345678901234567890", true),
        ("246913578024691357802469135781", "123456789012345678901234567890", false),
    ])
    func isMultipleIsExact(value: String, divisor: String, expected: Bool) throws {
        let number = try #require(JSONNumber(text: value))
        let step = try #require(JSONNumber(text: divisor))
        #expect(number.isMultiple(of: step) == expected)
    }
}

@Suite struct JSONNumberRandomizedTests {
    @Test func randomDoublesAgreeBetweenTextAndDoubleConstruction() throws {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<20_000 {
            let bits = generator.next()
            let value = Double(bitPattern: bits)
            guard value.isFinite else { continue }
            let fromText = try #require(JSONNumber(text: "\(value)"))
            let fromDouble = JSONNumber(value)
            #expect(fromText == fromDouble, "\(value)")
            #expect(fromText.hashValue == fromDouble.hashValue)
            #expect(fromText.doubleValue == value || (value == 0 && fromText.doubleValue == 0))
            #expect(JSONNumber(text: fromText.description) == fromText)
        }
    }

    @Test func scaledSpellingsOfTheSameValueAreEqual() throws {
        var generator = SplitMix64(seed: 9)
        for _ in 0..<20_000 {
            let mantissa = generator.next() % 1_000_000_000_000_000_000
            let exponent = Int(generator.next() % 80) - 40
            let zeros = Int(generator.next() % 6)
            let plain = try #require(JSONNumber(text: "\(mantissa)e\(exponent)"))
            let padded = try #require(
                JSONNumber(text: "\(mantissa)\(String(repeating: "0", count: zeros))e\(exponent - zeros)"))
            #expect(plain == padded, "\(mantissa)e\(exponent)")
            #expect(plain.hashValue == padded.hashValue)
            let fraction = try #require(JSONNumber(text: "0.\(String(repeating: "0", count: zeros))\(mantissa)e\(exponent + zeros + String(mantissa).count)"))
            #expect(fraction == plain, "\(mantissa)e\(exponent) vs fraction form")
        }
    }
}

