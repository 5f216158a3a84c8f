@testable import PackGraph
import PackJSON
import PackSchema
import Testing

@Suite struct ArgumentCheckerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var schema: JSONValue
        var arguments: JSONValue
        var isValid: Bool
    }

    static let cases: [Case] = [
        Case(testDescription: "oneOf decided by a removed member is not held against the arguments",
             schema: ["oneOf": [["required": ["a"]], ["required": ["b"]]]], arguments: ["a": "{{x}}"], isValid: true),
        Case(testDescription: "a const on the whole object ignores removed members",
             schema: ["properties": ["inner": ["const": ["k": 1]]]], arguments: ["inner": ["k": "{{x}}"]], isValid: true),
        Case(testDescription: "minProperties ignores removed members",
             schema: ["minProperties": 2], arguments: ["a": 1, "b": "{{x}}"], isValid: true),
        Case(testDescription: "required stays checked on objects that lost nothing",
             schema: ["properties": ["inner": ["required": ["k"]]]], arguments: ["other": "{{x}}", "inner": [:]], isValid: false),
        Case(testDescription: "a type error next to a placeholder is still reported",
             schema: ["properties": ["n": ["type": "integer"]]], arguments: ["n": "seven", "m": "{{x}}"], isValid: false),
        Case(testDescription: "a removed member excuses its own required error only",
             schema: ["required": ["a", "b"]], arguments: ["a": "{{x}}"], isValid: false),
        Case(testDescription: "a removed member excuses its required error",
             schema: ["required": ["a", "b"]], arguments: ["a": "{{x}}", "b": 1], isValid: true),
        Case(testDescription: "a whole value that is a placeholder is unknown",
             schema: ["type": "object"], arguments: "{{everything}}", isValid: true),
        Case(testDescription: "arguments without placeholders are validated as they are",
             schema: ["required": ["a"]], arguments: [:], isValid: false),
    ]

    @Test(arguments: cases)
    func errorsARemovedPlaceholderCouldCauseAreIgnoredAndOthersKept(_ check: Case) throws {
        let validator = try JSONSchemaValidator(schema: check.schema)
        let outcome = ArgumentChecker.check(check.arguments, with: validator)
        #expect((outcome == .valid) == check.isValid, "\(outcome)")
    }

    @Test func argumentsNestedTooDeepAreRefused() throws {
        var value: JSONValue = ["leaf": "{{x}}"]
        for _ in 0...ArgumentChecker.maximumDepth { value = ["next": value] }
        let validator = try JSONSchemaValidator(schema: true)
        #expect(ArgumentChecker.check(value, with: validator) == .tooDeep)
    }
}
