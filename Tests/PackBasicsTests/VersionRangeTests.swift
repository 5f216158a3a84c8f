import Foundation
import PackBasics
import PackTestSupport
import Testing

@Suite struct VersionRangeTests {
    private func version(_ text: String) throws -> Version { try Version(text) }

    @Test(arguments: [
        ("^1.2.3", ">=1.2.3 <2.0.0-0"),
        ("^0.2.3", ">=0.2.3 <0.3.0-0"),
        ("^0.0.3", ">=0.0.3 <0.0.4-0"),
        ("~1.2.3", ">=1.2.3 <1.3.0-0"),
        ("~>1.2", ">=1.2.0 <1.3.0-0"),
        ("1.2.x", ">=1.2.0 <1.3.0-0"),
        ("1.2", ">=1.2.0 <1.3.0-0"),
        ("1.x || >=2.5.0 <3", ">=1.0.0 <2.0.0-0||>=2.5.0 <3.0.0-0"),
        ("1.2.3 - 2.3", ">=1.2.3 <2.4.0-0"),
        (">1.2", ">=1.3.0"),
        ("<=1.2", "<1.3.0-0"),
        (">= 1.2.3  < 2", ">=1.2.3 <2.0.0-0"),
        ("=v1.2.3+build", "1.2.3"),
        ("*", "*"),
        ("", "*"),
        (">=0.0.0", "*"),
        ("1.0.0 || *", "*"),
        ("<0.0.0-0 || 1.0.0", "1.0.0"),
        (">=1.0.0 >=1.0.0", ">=1.0.0"),
    ])
    func shorthandsNormalizeToNpmComparators(text: String, normalized: String) throws {
        #expect(try VersionRange(text).description == normalized)
    }

    @Test func aVersionSatisfiesTheRangeWhenItSatisfiesEveryComparatorOfSomeSet() throws {
        let range = try VersionRange(">=1.2.0 <1.4.0 || ^3.1")
        #expect(range.contains(try version("1.3.9")))
        #expect(range.isSatisfied(by: try version("3.9.0")))
        #expect(!range.contains(try version("1.4.0")))
        #expect(!range.contains(try version("2.0.0")))
        #expect(!range.contains(try version("4.0.0")))
    }

    @Test func aPrereleaseSatisfiesOnlyThroughAComparatorWithAPrereleaseOnTheSameRelease() throws {
        let range = try VersionRange("^1.2.3-beta.1")
        #expect(range.contains(try version("1.2.3-beta.2")))
        #expect(range.contains(try version("1.2.3")))
        #expect(!range.contains(try version("1.2.3-alpha")))
        #expect(!range.contains(try version("1.2.4-beta.1")))
        #expect(!(try VersionRange("^1.2.3")).contains(try version("1.5.0-rc.1")))
    }

    @Test func includePrereleaseLetsPrereleasesMatchAndWidensShorthands() throws {
        let range = try VersionRange("1.2.x", options: .includePrerelease)
        #expect(range.description == ">=1.2.0-0 <1.3.0-0")
        #expect(range.contains(try version("1.2.5-rc.1")))
        #expect(range.contains(try version("1.2.0-alpha")))
        #expect(!range.contains(try version("1.3.0-alpha")))
    }

    @Test func looseModeSkipsComparatorsThatDoNotParse() throws {
        let range = try VersionRange("== 1.0.0 || foo || >=01.02.03 <2", options: .loose)
        #expect(range.description == "1.0.0||>=1.2.3 <2.0.0-0")
        #expect(throws: VersionError.self) { try VersionRange("== 1.0.0 || foo") }
    }

    @Test(arguments: [
        (
            "1.x.5", VersionError.Code.invalidRange,
            "'1.x.5' is not a valid version range: in '1.x.5', a number follows a wildcard; "
                + "use comparators such as '>=1.2.0 <2.0.0', '^1.2.0', '~1.2.3' or '1.2.x', separated by spaces or '||'"
        ),
        (
            ">=1.0.0 <2.0.0beta", .invalidRange,
            "'>=1.0.0 <2.0.0beta' is not a valid version range: in '<2.0.0beta', unexpected 'b' after '<2.0.0'; "
                + "use comparators such as '>=1.2.0 <2.0.0', '^1.2.0', '~1.2.3' or '1.2.x', separated by spaces or '||'"
        ),
        (
            ">=01.2.3", .invalidRange,
            "'>=01.2.3' is not a valid version range: in '>=01.2.3', '01' has a leading zero; "
                + "use comparators such as '>=1.2.0 <2.0.0', '^1.2.0', '~1.2.3' or '1.2.x', separated by spaces or '||'"
        ),
        (
            "1.0.0 - ", .invalidRange,
            "'1.0.0 - ' is not a valid version range: in '-', it starts with '-' where a number belongs; "
                + "use comparators such as '>=1.2.0 <2.0.0', '^1.2.0', '~1.2.3' or '1.2.x', separated by spaces or '||'"
        ),
        (
            "^9007199254740991.0.0", .numberTooLarge,
            "'^9007199254740991.0.0' is not a valid version range: in '^9007199254740991.0.0', 9007199254740992 "
                + "is larger than 9007199254740991; use smaller numbers"
        ),
    ])
    func aFailedParseNamesTheRangeThePartAndTheRemedy(text: String, code: VersionError.Code, message: String) {
        #expect {
            try VersionRange(text)
        } throws: { error in
            (error as? VersionError)?.code == code && (error as? VersionError)?.message == message
        }
    }

    @Test func aRangeWithoutAnyValidComparatorFailsEvenInLooseMode() {
        #expect {
            try VersionRange("sadf||asdf", options: .loose)
        } throws: { error in
            (error as? VersionError)?.message.hasPrefix(
                "'sadf||asdf' is not a valid version range: it has no valid comparators; ")
                == true
        }
    }

    @Test func rangesLongerThanTheLimitAreRefused() {
        let text = Array(repeating: "1.0.0", count: VersionRange.maximumLength / 4).joined(separator: " || ")
        #expect {
            try VersionRange(text)
        } throws: { error in
            (error as? VersionError)?.code == .tooLong
        }
    }

    @Test func rangesAreEqualWhenTheyMeanTheSameComparators() throws {
        #expect(try VersionRange("^1.2.3") == VersionRange(">=1.2.3  <2.0.0-0"))
        #expect(try VersionRange("^1.2.3").hashValue == VersionRange(">=1.2.3 <2.0.0-0").hashValue)
        #expect(try VersionRange("^1.2.3") != VersionRange("^1.2.3", options: .includePrerelease))
        #expect(try VersionRange("^1.2.3").text == "^1.2.3")
    }

    @Test func rangesEncodeAsTheTextTheyWereWrittenIn() throws {
        let encoded = try JSONEncoder().encode([try VersionRange("^1.2 || 2.x")])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["^1.2 || 2.x"]"#)
        #expect(try JSONDecoder().decode([VersionRange].self, from: encoded) == [try VersionRange("^1.2 || 2.x")])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([VersionRange].self, from: Data(#"["1.x.5"]"#.utf8))
        }
    }

    @Test func comparatorsParseOnlyAnOperatorAndAFullVersion() throws {
        #expect(try VersionRange.Comparator(">= v1.2.3") == .greaterOrEqual(version("1.2.3")))
        #expect(try VersionRange.Comparator("=1.2.3+build") == .equal(version("1.2.3")))
        #expect(try VersionRange.Comparator("") == .any)
        #expect(try VersionRange.Comparator("*") == .any)
        #expect(try VersionRange.Comparator("<2.0.0-0").description == "<2.0.0-0")
        #expect {
            try VersionRange.Comparator("^1.2")
        } throws: { error in
            (error as? VersionError)?.code == .invalidComparator
                && (error as? VersionError)?.message
                    == "'^1.2' is not a valid comparator; use an operator and a full version such as '>=1.2.3'"
        }
    }

    @Test func rangesIntersectWhenSomeVersionCouldSatisfyBoth() throws {
        #expect(try VersionRange("^1.2").intersects(VersionRange(">=1.5.0 <3")))
        #expect(try !VersionRange("^1.2").intersects(VersionRange(">=2")))
        #expect(try !VersionRange("<1.0.0 >2.0.0").intersects(VersionRange("*")))
        #expect(try VersionRange("1.x || 3.x").intersects(VersionRange("3.1.4")))
    }

    @Test func comparatorsIntersectByDirectionAndOverlap() throws {
        let atLeastTwo = try VersionRange.Comparator(">=2.0.0")
        let belowThree = try VersionRange.Comparator("<3.0.0")
        #expect(atLeastTwo.intersects(belowThree))
        #expect(try !atLeastTwo.intersects(VersionRange.Comparator("<2.0.0")))
        #expect(try atLeastTwo.intersects(VersionRange.Comparator("<=2.0.0")))
        #expect(try !VersionRange.Comparator("1.5.0-beta").intersects(atLeastTwo))
        #expect(try VersionRange.Comparator("2.5.0-beta").intersects(atLeastTwo, options: .includePrerelease))
    }

    @Test func isBelowAndIsAboveTellWhetherAVersionIsPastEitherEndOfTheRange() throws {
        let range = try VersionRange("1.2.x || 2.x")
        #expect(range.isBelow(try version("3.0.0")))
        #expect(!range.isBelow(try version("2.5.0")))
        #expect(!range.isBelow(try version("1.5.0")))
        #expect(range.isAbove(try version("1.1.9")))
        #expect(!range.isAbove(try version("1.5.0")))
        #expect(!(try VersionRange(">=1.0.0")).isBelow(try version("9.0.0")))
    }

    @Test func theDescriptionOfAnyParsedRangeParsesBackToTheSameRange() throws {
        // Ranges built from a small alphabet by a fixed-seed generator; each one either fails
        // with a VersionError or normalizes to text that parses back to an equal range.
        var generator = SplitMix64(seed: 0x5EED)
        let pieces = [
            "1", "0", "2", ".", ".", "x", "*", "-", "beta", "+b", " ", " ", "||", "^", "~", ">", "<", "=", "v",
            "9007199254740991",
        ]
        var parsed = 0
        for _ in 0..<5_000 {
            let length = Int(generator.next() % 12) + 1
            let text = (0..<length).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            for options in [VersionRange.Options(), .loose, .includePrerelease] {
                guard let range = try? VersionRange(text, options: options) else { continue }
                parsed += 1
                let reparsed = try VersionRange(range.description, options: options.subtracting(.loose))
                #expect(reparsed == range, "\(text) -> \(range) -> \(reparsed)")
            }
        }
        #expect(parsed > 1_000)
    }
}
