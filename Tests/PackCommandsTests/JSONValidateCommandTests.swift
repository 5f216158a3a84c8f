import Foundation
import PackJSON
import PackTestSupport
import Testing

@Suite(.tags(.medium))
struct JSONValidateCommandTests {
    static let schema = #"""
        {"type": "object", "properties": {"user": {"type": "object", "properties": {"age": {"type": "integer", "minimum": 18}}}},
         "required": ["user"]}
        """#

    func files(_ extra: [String: String] = [:]) throws -> String {
        try TestPaths.makeDirectory(["schema.json": Self.schema].merging(extra) { $1 }, label: "json")
    }

    @Test
    func aValidInstanceExitsZero() async throws {
        let dir = try files(["ok.json": #"{"user": {"age": 30}}"#])
        let result = await quiver("json", "validate", "--schema", dir + "/schema.json", dir + "/ok.json")
        #expect(result.exitCode == 0)
        #expect(result.standardOutput == "valid\n")
    }

    @Test
    func anInvalidInstanceExplainsWhereAndWhy() async throws {
        let dir = try files(["bad.json": #"{"user": {"age": 17}}"#])
        let result = await quiver("json", "validate", "--schema", dir + "/schema.json", dir + "/bad.json")
        #expect(result.exitCode == 1)
        #expect(result.standardOutput.contains("at /user/age: 17 is less than the minimum of 18"))
        #expect(result.standardOutput.contains("/properties/user/properties/age/minimum"))
    }

    @Test
    func jsonlGivesOneVerdictPerLine() async throws {
        let dir = try files(["many.jsonl": "{\"user\": {\"age\": 20}}\n{\"user\": {}}\nnot json\n{}\n"])
        let result = await quiver("json", "validate", "--schema", dir + "/schema.json", "--jsonl", dir + "/many.jsonl",
                                  "--output", "flag")
        #expect(result.exitCode == 1)
        let lines = result.standardOutput.split(separator: "\n").map { String($0.split(separator: " ", maxSplits: 1).last ?? "") }
        #expect(lines.count == 4)
        #expect(lines[0] == "valid")
        #expect(lines[1] == "valid")
        #expect(lines[2].hasPrefix("invalid: not JSON"))
        #expect(lines[3] == "invalid")
    }

    @Test
    func jsonOutputIsTheBasicFormatOnePerLine() async throws {
        let dir = try files(["many.jsonl": "{\"user\": {\"age\": 5}}\n{\"user\": {\"age\": 50}}\n"])
        let result = await quiver("json", "validate", "--schema", dir + "/schema.json", "--jsonl", dir + "/many.jsonl", "--json")
        let verdicts = try result.standardOutput.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(verdicts.count == 2)
        #expect(verdicts[0]["valid"] == false)
        #expect(verdicts[0]["errors"]?[0]?["instanceLocation"] == "/user/age")
        #expect(verdicts[0]["errors"]?[0]?["keywordLocation"] == "/properties/user/properties/age/minimum")
        #expect(verdicts[1]["valid"] == true)
        #expect(verdicts[1]["line"] == 2)
    }

    @Test
    func aBadSchemaExitsTwo() async throws {
        let dir = try TestPaths.makeDirectory(["schema.json": #"{"minimum": "ten"}"#, "x.json": "1"], label: "json")
        let result = await quiver("json", "validate", "--schema", dir + "/schema.json", dir + "/x.json")
        #expect(result.exitCode == 2)
        #expect(result.standardError.contains("'minimum' must be a number"))
    }

    @Test
    func formatIsAnAssertionOnlyWhenAsked() async throws {
        let dir = try TestPaths.makeDirectory(["schema.json": #"{"format": "email"}"#, "x.json": #""not an email""#], label: "json")
        let annotation = await quiver("json", "validate", "--schema", dir + "/schema.json", dir + "/x.json")
        #expect(annotation.exitCode == 0)
        let assertion = await quiver("json", "validate", "--schema", dir + "/schema.json", dir + "/x.json", "--format-assertion")
        #expect(assertion.exitCode == 1)
    }

    @Test
    func draft7IsUsedWhenAsked() async throws {
        // In draft-07, `$ref` overrides its siblings, so `minimum` is ignored.
        let dir = try TestPaths.makeDirectory([
            "schema.json": ##"{"definitions": {"n": {"type": "number"}}, "$ref": "#/definitions/n", "minimum": 10}"##, "x.json": "5",
        ], label: "json")
        let draft7 = await quiver("json", "validate", "--schema", dir + "/schema.json", dir + "/x.json", "--draft", "7")
        #expect(draft7.exitCode == 0)
        let draft2020 = await quiver("json", "validate", "--schema", dir + "/schema.json", dir + "/x.json")
        #expect(draft2020.exitCode == 1)
    }
}
