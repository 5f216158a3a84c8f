@testable import PackSchema
import Testing

/// The linear fast path for simple patterns must agree with the backtracking machine.
@Suite struct SequenceMatcherTests {
    static let patterns = [
        "^[A-Za-z0-9_.-]{1,39}/[A-Za-z0-9_.-]{1,100}$", "^[a-z0-9][a-z0-9:_-]*$", "^@?[A-Za-z0-9-]{1,39}$",
        "^\\d+\\.\\d+\\.\\d+$", "[0-9]{2,}", "X_", "^[a-z]{2,3}", "[a-z]{2}$", "^\u{E9}+x$", "^[^a]b$",
        "^[a-z]*[0-9]?[a-z]$", "^.{2,4}$", "^a{0}b$", "^(?:[a-f0-9]){8}$",
    ]
    static let inputs = [
        "", "a", "ab", "abc", "a1b", "a/b", "owner/repo", "owner/re po", "-x", "@user-name", "@@x", "1.2.3",
        "1.2.", "v1.2.3", "12", "a12b", "xX_y", "abcd", "\u{E9}\u{E9}x", "\u{E9}x", "bb", "cb", "ab1c", "a\u{1F600}b",
        "deadbeef", "DEADBEEF", "b", String(repeating: "a", count: 40),
    ]

    @Test(arguments: patterns)
    func theFastPathAgreesWithTheBacktrackingMachine(_ pattern: String) throws {
        let fast = try ECMARegex(pattern)
        let reference = try ECMARegex(pattern, usesFastPaths: false)
        for input in Self.inputs {
            #expect(fast.matches(input) == reference.matches(input), "/\(pattern)/ on \(input.debugDescription)")
        }
    }

    @Test func deterministicSequencesTakeTheFastPath() throws {
        #expect(SequenceMatcher(try RegexParser.parsed("^[a-z][a-z0-9-]{0,62}$")) != nil)
        #expect(SequenceMatcher(try RegexParser.parsed("^\\d+\\.\\d+$")) != nil)
        // Greedy matching could need to give characters back here, so the machine must run.
        #expect(SequenceMatcher(try RegexParser.parsed("^[a-z]*[0-9]?[a-z]$")) == nil)
        #expect(SequenceMatcher(try RegexParser.parsed("^(a|b)+$")) == nil)
    }
}
