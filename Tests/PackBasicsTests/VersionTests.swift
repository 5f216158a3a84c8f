import Foundation
import PackBasics
import Testing

@Suite struct VersionTests {
    @Test func parsingReadsTheNumbersThePrereleaseAndTheBuildMetadata() throws {
        let version = try Version("1.4.0-beta.2+exp.sha.5114f85")
        #expect(version.major == 1)
        #expect(version.minor == 4)
        #expect(version.patch == 0)
        #expect(version.prerelease == ["beta", 2])
        #expect(version.prerelease[1].isNumeric)
        #expect(version.buildMetadata == ["exp", "sha", "5114f85"])
        #expect(version.isPrerelease)
        #expect(version.description == "1.4.0-beta.2+exp.sha.5114f85")
    }

    @Test(arguments: [
        ("  1.2.3\n", "1.2.3"),
        ("v1.2.3", "1.2.3"),
        ("1.2.3-alpha-.-beta", "1.2.3-alpha-.-beta"),
        ("0.0.0-0", "0.0.0-0"),
        ("9007199254740991.0.0", "9007199254740991.0.0"),
    ])
    func strictParsingAcceptsSurroundingWhitespaceAndOneLeadingV(text: String, canonical: String) throws {
        #expect(try Version(text).description == canonical)
    }

    @Test(arguments: [
        ("=1.2.3", "1.2.3"),
        (" v = 1.2.3", "1.2.3"),
        ("01.02.03", "1.2.3"),
        ("1.2.3beta", "1.2.3-beta"),
        ("1.2.3.beta.4", "1.2.3-beta.4"),
        ("1.2.3-01", "1.2.3-1"),
    ])
    func looseParsingAcceptsNpmsSloppySpellings(text: String, canonical: String) throws {
        #expect(throws: VersionError.self) { try Version(text) }
        #expect(try Version(text, options: .loose).description == canonical)
    }

    @Test func orderFollowsSemverPrecedence() throws {
        // The example order from the SemVer 2.0.0 specification, section 11.
        let ordered = try [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
            "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0",
        ].map { try Version($0) }
        #expect(ordered.reversed().sorted() == ordered)
        for (lower, higher) in zip(ordered, ordered.dropFirst()) {
            #expect(lower < higher)
            #expect(!(higher < lower))
        }
    }

    @Test func buildMetadataIsIgnoredByEqualityHashingAndOrderButNotByIdentity() throws {
        let linux = try Version("1.2.3+linux")
        let mac = try Version("1.2.3+mac")
        #expect(linux == mac)
        #expect(Set([linux, mac]).count == 1)
        #expect(!(linux < mac) && !(mac < linux))
        #expect(!linux.isIdentical(to: mac))
        #expect(linux.isIdentical(to: try Version("1.2.3+linux")))
        #expect(linux.withoutBuildMetadata.description == "1.2.3")
    }

    @Test func numericPrereleaseIdentifiersCompareByValueAtAnySize() throws {
        #expect(try Version("1.0.0-99999999999999999999999") > Version("1.0.0-9999999999999999999999"))
        #expect(try Version("1.0.0-10") > Version("1.0.0-9"))
        #expect(try Version("1.0.0-a") > Version("1.0.0-99999999999999999999999"))
        #expect(try Version("1.0.0-r100") > Version("1.0.0-R2"))
    }

    @Test(arguments: [
        ("1.2", "'1.2' is not a valid version; use MAJOR.MINOR.PATCH such as '1.2.0'"),
        ("v3", "'v3' is not a valid version; use MAJOR.MINOR.PATCH such as '3.0.0'"),
        ("", "the version is empty; use MAJOR.MINOR.PATCH such as '1.0.0'"),
        ("01.2.3", "'01.2.3' is not a valid version: '01' has a leading zero; write '1.2.3'"),
        ("1.2.3beta", "'1.2.3beta' is not a valid version: unexpected 'b' after '1.2.3'; write '1.2.3-beta'"),
        ("=1.2.3", "'=1.2.3' is not a valid version: it starts with '=' where a number belongs; write '1.2.3'"),
        (
            "1.2.3-01",
            "'1.2.3-01' is not a valid version: prerelease identifier '01' has a leading zero; write '1.2.3-1'"
        ),
        (
            "1.2.3.4",
            "'1.2.3.4' is not a valid version: it has more than three numbers; "
                + "use MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] such as '1.2.3' or '1.2.3-beta.1'"
        ),
        (
            "1.2.3-a..b",
            "'1.2.3-a..b' is not a valid version: it has an empty prerelease identifier; "
                + "use MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] such as '1.2.3' or '1.2.3-beta.1'"
        ),
        (
            "1.2.é",
            "'1.2.é' is not a valid version: unexpected 'é' after '1.2.'; "
                + "use MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] such as '1.2.3' or '1.2.3-beta.1'"
        ),
        (
            "90071992547409910.0.0",
            "'90071992547409910.0.0' is not a valid version: '90071992547409910' is larger than 9007199254740991; "
                + "use smaller numbers"
        ),
    ])
    func aFailedParseNamesTheInputAndTheRemedy(text: String, message: String) {
        #expect {
            try Version(text)
        } throws: { error in
            (error as? VersionError)?.message == message && (error as? VersionError)?.input == text
        }
    }

    @Test func failuresCarryACodeForTheirKind() {
        func code(_ text: String) -> VersionError.Code? {
            do {
                _ = try Version(text)
                return nil
            } catch {
                return error.code
            }
        }
        #expect(code("1.2") == .invalidVersion)
        #expect(code("0.90071992547409910.0") == .numberTooLarge)
        #expect(code("1.2.3+" + String(repeating: "a", count: 300)) == .tooLong)
    }

    @Test func aVeryLongInputIsShortenedInTheMessage() {
        let text = "1.2.3+" + String(repeating: "a", count: 300)
        #expect {
            try Version(text)
        } throws: { error in
            guard let message = (error as? VersionError)?.message else { return false }
            return message.hasPrefix("'1.2.3+aaa")
                && message.contains("…' is not a valid version: it is longer than 256 characters")
                && message.utf8.count < 200
        }
    }

    @Test func theCheckingInitialiserRejectsBadPartsAndTheNumericOneBuildsReleases() throws {
        #expect(Version(1, 2, 3).description == "1.2.3")
        #expect(try Version(1, 2, 3, prerelease: ["rc", 1], buildMetadata: ["b7"]).description == "1.2.3-rc.1+b7")
        #expect(throws: VersionError.self) { try Version(-1, 0, 0, prerelease: []) }
        #expect(throws: VersionError.self) { try Version(1, 0, 0, prerelease: [], buildMetadata: ["a_b"]) }
        #expect(throws: VersionError.self) { try Version(1, 0, 0, prerelease: [], buildMetadata: [""]) }
    }

    @Test(arguments: [
        ("beta", true), ("0", true), ("x-1", true), ("01", false), ("", false), ("a.b", false), ("ü", false),
    ])
    func prereleaseIdentifiersAreCheckedAgainstTheSpec(text: String, isValid: Bool) {
        #expect((Version.PrereleaseIdentifier(text) != nil) == isValid)
    }

    @Test func versionsEncodeAsTheirTextAndRejectInvalidTextWhenDecoded() throws {
        let encoded = try JSONEncoder().encode([try Version("1.2.3-rc.1+build.7")])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["1.2.3-rc.1+build.7"]"#)
        let decoded = try JSONDecoder().decode([Version].self, from: encoded)
        #expect(decoded[0].isIdentical(to: try Version("1.2.3-rc.1+build.7")))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Version].self, from: Data(#"["1.2"]"#.utf8)) }
    }

    @Test(arguments: [
        ("1.2.3", Version.Increment.major, "2.0.0"),
        ("2.0.0-rc.1", .major, "2.0.0"),
        ("1.2.3", .minor, "1.3.0"),
        ("1.2.3", .patch, "1.2.4"),
        ("1.2.4-rc.1", .patch, "1.2.4"),
        ("1.2.3", .premajor, "2.0.0-0"),
        ("1.2.3", .prerelease, "1.2.4-0"),
        ("1.2.3-beta.1", .prerelease, "1.2.3-beta.2"),
        ("1.2.3-beta.1+build", .release, "1.2.3"),
    ])
    func incrementsFollowNpm(start: String, increment: Version.Increment, result: String) throws {
        #expect(try Version(start).incremented(by: increment).description == result)
    }

    @Test func aNamedPrereleaseStartsAtItsBaseAndThenCountsUp() throws {
        let beta = try Version("1.2.3").incremented(by: .preminor, identifier: "beta")
        #expect(beta.description == "1.3.0-beta.0")
        #expect(try beta.incremented(by: .prerelease, identifier: "beta").description == "1.3.0-beta.1")
        #expect(
            try beta.incremented(by: .prerelease, identifier: "rc", identifierBase: .one).description == "1.3.0-rc.1")
        #expect(
            try beta.incremented(by: .prerelease, identifier: "rc", identifierBase: .omitted).description == "1.3.0-rc")
    }

    @Test func impossibleIncrementsThrowWithTheReasonAndTheRemedy() throws {
        #expect {
            try Version("1.2.3").incremented(by: .release)
        } throws: { error in
            (error as? VersionError)?.message
                == "cannot increment '1.2.3': it is not a prerelease; "
                + "use 'patch', 'minor' or 'major' instead of 'release'"
        }
        #expect {
            try Version("1.2.3").incremented(by: .prerelease, identifier: "bad/id")
        } throws: { error in
            (error as? VersionError)?.code == .invalidIncrement
                && (error as? VersionError)?.message.contains("'bad/id' is not a valid prerelease identifier") == true
        }
        #expect(throws: VersionError.self) {
            try Version("1.2.3-dev").incremented(by: .prerelease, identifier: "dev", identifierBase: .omitted)
        }
        #expect(throws: VersionError.self) { try Version("9007199254740991.0.0").incremented(by: .major) }
    }

    @Test(arguments: [
        (Version.Increment.major, "4.0.0"), (.minor, "4.5.0"), (.patch, "4.5.6"), (.release, "4.5.6"),
        (.prerelease, "4.5.6-rc2"),
    ])
    func truncationKeepsTheRequestedPartsAndDropsBuildMetadata(level: Version.Increment, result: String) throws {
        #expect(try Version("4.5.6-rc2+dadb0d").truncated(to: level).description == result)
    }
}
