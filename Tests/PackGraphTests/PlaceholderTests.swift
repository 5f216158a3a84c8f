import PackGraph
import PackJSON
import Testing

@Suite struct PlaceholderTests {
    @Test(arguments: [
        ("{{version}}", ["version"]),
        ("v{{version}}-{{ part }}", ["version", "part"]),
        ("{{a}}{{a}}{{b_c-d}}", ["a", "b_c-d"]),
        ("{{{x}}}", ["x"]),
        ("{{}} {{ }} {{a b}} {{1x}} {{x", []),
        ("${project}/out", []),
        ("plain text", []),
    ] as [(String, [String])])
    func placeholderNamesAreFoundByTheGrammar(_ text: String, _ names: [String]) {
        #expect(Placeholder.names(in: text) == names)
        #expect(Placeholder.containsPlaceholder(text) == !names.isEmpty)
    }

    @Test func namesAreCollectedFromEveryStringOfAValueButNotFromKeys() {
        let value: JSONValue = ["{{key}}": "{{a}}", "list": ["{{b}}", ["{{c}}", 1, true, nil]], "nested": ["x": "{{a}} {{d}}"]]
        #expect(Placeholder.names(in: value) == ["a", "b", "c", "d"])
    }

    @Test func aWholePlaceholderKeepsTheParameterType() {
        #expect(Placeholder.substitute(in: "{{count}}", from: ["count": 3]).value == 3)
        #expect(Placeholder.substitute(in: "{{ flags }}", from: ["flags": ["a", "b"]]).value == ["a", "b"])
    }

    @Test func anEmbeddedPlaceholderIsReplacedByTheValueText() {
        let parameters: JSONObject = ["v": "1.2.0", "n": 3, "list": [1, 2]]
        #expect(Placeholder.substitute(in: "v{{v}} x{{n}} {{list}}", from: parameters).value == "v1.2.0 x3 [1,2]")
    }

    @Test func missingParametersAreReportedAndLeftAsWritten() {
        let substitution = Placeholder.substitute(in: "{{a}}-{{b}}-{{a}}", from: ["b": "x"])
        #expect(substitution.value == "{{a}}-x-{{a}}")
        #expect(substitution.missing == ["a"])
        #expect(Placeholder.substitute(in: "{{a}}", from: [:]).missing == ["a"])
    }

    @Test func valuesAreSubstitutedThroughArraysAndObjects() {
        let input: JSONValue = ["model": "{{model}}", "args": ["--limit", "{{limit}}"], "{{key}}": ["deep": "{{model}}!"]]
        let substitution = Placeholder.substitute(in: input, from: ["model": "orders", "limit": 10])
        #expect(substitution.value == ["model": "orders", "args": ["--limit", 10], "{{key}}": ["deep": "orders!"]])
        #expect(substitution.missing.isEmpty)
        #expect(!substitution.isTruncated)
    }

    @Test func substitutionStopsBelowTheDepthLimitAndSaysSo() {
        var value: JSONValue = "{{x}}"
        for _ in 0..<(Placeholder.maximumDepth + 10) { value = [value] }
        let substitution = Placeholder.substitute(in: value, from: ["x": 1])
        #expect(substitution.isTruncated)
        var shallow: JSONValue = "{{x}}"
        for _ in 0..<10 { shallow = [shallow] }
        var expected: JSONValue = 1
        for _ in 0..<10 { expected = [expected] }
        #expect(Placeholder.substitute(in: shallow, from: ["x": 1]).value == expected)
    }
}
