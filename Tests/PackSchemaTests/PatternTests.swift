import PackJSON
import PackSchema
import Testing

/// ECMA-262 semantics of `pattern`, checked through the public validator.
@Suite struct PatternTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var pattern: String
        var input: String
        var matches: Bool
        var testDescription: String { "/\(pattern)/ on \(input.debugDescription)" }
    }

    static let cases: [Case] = [
        Case(pattern: "^abc$", input: "abc\n", matches: false),  // $ does not match before a final newline
        Case(pattern: "^\\d+$", input: "\u{09EA}\u{09E8}", matches: false),  // \d is ASCII only
        Case(pattern: "^\\p{Nd}+$", input: "\u{09EA}\u{09E8}", matches: true),
        Case(pattern: "^\\w+$", input: "caf\u{E9}", matches: false),  // \w is ASCII only
        Case(pattern: "^\\s$", input: "\u{FEFF}", matches: true),
        Case(pattern: "^.$", input: "\u{1F432}", matches: true),  // . matches one code point
        Case(pattern: "^.$", input: "\n", matches: false),
        Case(pattern: "a+", input: "xxaayy", matches: true),  // not anchored
        Case(pattern: "^(?<word>[a-z]+)-\\k<word>$", input: "ab-ab", matches: true),
        Case(pattern: "^(?<word>[a-z]+)-\\k<word>$", input: "ab-ac", matches: false),
        Case(pattern: "(?<=\\$)\\d+", input: "cost $42", matches: true),
        Case(pattern: "(?<!\\$)\\b\\d+", input: "cost $42", matches: false),
        Case(pattern: "^(?!.*--).+$", input: "a--b", matches: false),
        Case(pattern: "^[^]$", input: "\n", matches: true),
        Case(pattern: "^[]$", input: "a", matches: false),
        Case(pattern: "^\\cC$", input: "\u{3}", matches: true),
        Case(pattern: "^(a|ab)(c|bcd)(d*)$", input: "abcd", matches: true),
        Case(pattern: "^(?:a*)*b$", input: "aaab", matches: true),
        Case(pattern: "^x{2,3}$", input: "xxxx", matches: false),
        Case(pattern: "^x{2,}?y$", input: "xxxy", matches: true),
        Case(pattern: "^\\u{1F600}\\u0041$", input: "\u{1F600}A", matches: true),
        Case(pattern: "^[\\u{1F600}-\\u{1F64F}]+$", input: "\u{1F601}\u{1F602}", matches: true),
    ]

    @Test(arguments: cases)
    func patternsFollowECMAScriptSemantics(_ testCase: Case) throws {
        let validator = try JSONSchemaValidator(schema: ["pattern": .string(testCase.pattern)])
        #expect(validator.isValid(.string(testCase.input)) == testCase.matches)
    }

    @Test(arguments: ["(?i)abc", "(?P<n>x)", "\\a", "a{", "[z-a]", "(a", "a)", "\\2(a)", "*a", "\\p{NoSuchProperty}"])
    func invalidPatternsAreRejectedAtCompileTime(_ pattern: String) {
        #expect(throws: JSONSchemaError.self) { try JSONSchemaValidator(schema: ["pattern": .string(pattern)]) }
        let format = try? JSONSchemaValidator(schema: ["format": "regex"], options: JSONSchemaOptions(assertsFormat: true))
        #expect(format?.isValid(.string(pattern)) == false)
    }

    @Test func catastrophicBacktrackingEndsWithACleanError() throws {
        let validator = try JSONSchemaValidator(schema: ["pattern": "^(a+)+$"])
        let input = JSONValue.string(String(repeating: "a", count: 40) + "!")
        let clock = ContinuousClock()
        let start = clock.now
        #expect(!validator.isValid(input))
        let result = validator.validate(input)
        #expect(clock.now - start < .seconds(10))
        #expect(result.errors.map(\.message) == [
            "pattern '^(a+)+$' is too expensive to evaluate on this string (more than 1000000 steps); simplify the pattern"
        ])
        // The same pattern is fine on ordinary input.
        #expect(validator.isValid(.string(String(repeating: "a", count: 40))))
    }

    @Test func theStepBudgetIsConfigurable() throws {
        let generous = try JSONSchemaValidator(
            schema: ["pattern": "^(a+)+$"], options: JSONSchemaOptions(regexStepBudget: 50))
        #expect(!generous.isValid("aaaaaaaaaaaa!"))
        #expect(generous.validate("aaaaaaaaaaaa!").errors.first?.message.contains("more than 50 steps") == true)
    }

    @Test func longInputsDoNotExhaustTheStack() throws {
        let validator = try JSONSchemaValidator(schema: ["pattern": "^(?:ab|cd)*$"])
        #expect(validator.isValid(.string(String(repeating: "ab", count: 100_000))))
    }
}
