import Foundation
import PackBasics
import PackLoading
import PackModel
import PackTestSupport
import Testing

@Suite(.tags(.small))
struct ManifestValidatorTests {
    static let tool = "  - { name: t, description: d, input: { type: object }, handler: { builtin: t } }\n"

    @Test(arguments: [
        ("/etc/passwd", "is absolute"),
        ("../other/x.wasm", "leaves the pack"),
        ("a/../../x.wasm", "leaves the pack"),
        ("~/x.wasm", "starts with '~'"),
        ("missing.wasm", "does not exist in the pack"),
    ])
    func handlerPathsMustStayInsideThePackAndExist(_ path: String, _ message: String) {
        let result = loadInline(header + "tools:\n  - { name: t, description: d, input: { type: object }, handler: { wasm: \"\(path)\" } }\n")
        expectDiagnostics(result.diagnostics) { d in
            d.check(.error, contains: message, line: 6)
        }
    }

    @Test
    func aSymbolicLinkThatLeavesThePackIsAnError() {
        let fileSystem = InMemoryFileSystem(files: [
            "/pack/PACK.yaml": header + "instructions: NOTES.md\n",
            "/secret/notes.md": "secret",
        ])
        fileSystem.addSymbolicLink("/pack/NOTES.md", target: "../secret/notes.md")
        let result = PackLoader(fileSystem: fileSystem).load(at: "/pack")
        expectDiagnostics(result.diagnostics) { d in
            d.check(.error, contains: "resolves to '/secret/notes.md', outside the pack", line: 5)
        }
    }

    @Test
    func aSymbolicLinkThatLeavesThePackOnDiskIsAnError() throws {
        let root = try TestPaths.makeDirectory(["pack/PACK.yaml": header + "instructions: NOTES.md\n", "outside.md": "x"])
        try FileManager.default.createSymbolicLink(atPath: root + "/pack/NOTES.md", withDestinationPath: "../outside.md")
        let result = PackLoader().load(at: root + "/pack")
        expectDiagnostics(result.diagnostics) { d in
            d.check(.error, contains: "outside the pack", line: 5)
        }
    }

    @Test
    func danglingReferencesNameWhatIsMissingAndSuggestTheClosest() {
        let result = loadInline(header + """
            capabilities: [service.provide, hook, background]
            schemas:
              order.v1: { type: object }
            tools:
              - { name: build, description: d, input: { $ref: ordr.v1 }, handler: { mcp: srv } }
            templates:
              steps:
                s1: { run: { tool: biuld }, gates: [lnt] }
              gates:
                lint: { tool: build }
            recipes:
              r: { steps: [s2], verify: [lint] }
            routing:
              - { when: { gate: nope, result: fail }, then: abort }
            services:
              provides: [{ id: x.v1, tool: missing }]
            hooks:
              - { point: pre_tool_call, tool: gone }
            background:
              - { name: b, every: 1h, tool: absent }
            safety:
              tools: [nothing]
            """)
        expectDiagnostics(result.diagnostics) { d in
            d.check(.error, contains: "refers to unknown schema 'ordr.v1'; did you mean 'order.v1'?", line: 9)
            d.check(.error, contains: "refers to unknown MCP server 'srv'; declare it first", line: 9)
            d.check(.error, contains: "refers to unknown tool 'biuld'; did you mean 'build'?", line: 12)
            d.check(.error, contains: "refers to unknown gate 'lnt'; did you mean 'lint'?", line: 12)
            d.check(.error, contains: "recipe 'r' refers to unknown step template 's2'; did you mean 's1'?", line: 16)
            d.check(.error, contains: "routing rule 0 refers to unknown gate 'nope'", line: 18)
            d.check(.error, contains: "service 'x.v1' refers to unknown tool 'missing'", line: 20)
            d.check(.error, contains: "hook 0 refers to unknown tool 'gone'", line: 22)
            d.check(.error, contains: "background task 'b' refers to unknown tool 'absent'", line: 24)
            d.check(.error, contains: "'safety.tools' refers to unknown tool 'nothing'", line: 26)
        }
    }

    @Test
    func contributionsNeedTheCapabilitiesTheyUse() {
        let result = loadInline(header + "tools:\n" + Self.tool + """
              - { name: p, description: d, input: { type: object }, handler: { process: [python3, x.py] } }
            services:
              provides: [{ id: x.v1, tool: t }]
              requires: [y.v1]
            hooks:
              - { point: pre_tool_call, tool: t }
            background:
              - { name: b, every: 1h, tool: t }
            templates:
              steps:
                s: { run: { command: [make] } }
            """)
        expectDiagnostics(result.diagnostics) { d in
            d.check(.error, contains: "the process handler of tool 'p' runs 'python3' but the pack does not request 'exec'")
            d.check(.error, contains: "does not request 'service.provide'")
            d.check(.error, contains: "does not request 'service.require'")
            d.check(.error, contains: "does not request 'hook'")
            d.check(.error, contains: "does not request 'background'")
            d.check(.error, contains: "step template 's' runs 'make' but the pack does not request 'exec'")
        }
    }

    @Test
    func duplicateIDsAreReportedAtTheSecondOccurrence() {
        let result = loadInline(header + "capabilities: [service.provide, background]\ntools:\n" + Self.tool + Self.tool + """
            services:
              provides: [{ id: a.v1, tool: t }, { id: a.v1, tool: t }]
            background:
              - { name: b, every: 1h, tool: t }
              - { name: b, every: 2h, tool: t }
            keywords: [x, x]
            """)
        expectDiagnostics(result.diagnostics) { d in
            d.check(.error, contains: "duplicate tool 't'", line: 8)
            d.check(.error, contains: "duplicate provided service 'a.v1'", line: 10)
            d.check(.error, contains: "duplicate background task 'b'", line: 13)
            d.check(.error, contains: "duplicate keyword 'x'", line: 14)
        }
    }

    @Test
    func aRecipeWithADependencyCycleIsRejectedWithTheCycleSpelledOut() {
        let result = loadInline(header + """
            templates:
              steps:
                a: { run: { tool: x/y } }
            recipes:
              r:
                steps:
                  - { step: a, id: one, after: [two] }
                  - { step: a, id: two, after: [one] }
            """)
        expectDiagnostics(result.diagnostics) { d in
            d.check(.error, contains: "recipe 'r' has a dependency cycle: one -> two -> one")
        }
    }

    @Test
    func toolInputSchemasMustBeObjects() {
        let result = loadInline(header + "tools:\n  - { name: t, description: d, input: { type: string }, handler: { builtin: t } }\n")
        expectDiagnostics(result.diagnostics) { d in
            d.check(.error, contains: "a tool input schema must have 'type: object' at the root", line: 6)
        }
    }

    @Test
    func skillFrontMatterIsChecked() {
        let long = String(repeating: "x", count: 1025)
        let result = loadInline(header + "skills: [skills/one, skills/two, skills/three, skills/four]\n", files: [
            "skills/one/SKILL.md": "---\nname: other\ndescription: d\n---\n",
            "skills/two/SKILL.md": "---\nname: two\ndescription: \(long)\n---\n",
            "skills/three/SKILL.md": "# no front matter\n",
            "skills/four/README.md": "no SKILL.md here",
        ])
        expectDiagnostics(result.diagnostics) { d in
            d.check(.error, contains: "skill name 'other' does not match its directory 'one'", file: "skills/one/SKILL.md", line: 2)
            d.check(.error, contains: "1025 characters, over the limit of 1024", file: "skills/two/SKILL.md", line: 3)
            d.check(.error, contains: "SKILL.md has no front matter", file: "skills/three/SKILL.md", line: 1)
            d.check(.error, contains: "skill 'skills/four' has no SKILL.md", line: 5)
        }
    }

    @Test
    func schemaFilesMustBeValidJSON() {
        let result = loadInline(header + "schemas:\n  a.v1: schemas/a.json\n", files: ["schemas/a.json": "{\"type\": \"object\",}"])
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.message.contains("schema file 'schemas/a.json' is not valid JSON") == true)
    }

    @Test
    func commandsMustBeListedInTheExecScopesAcrossEveryRequest() {
        let result = loadInline(header + """
            capabilities:
              - exec: [make]
                reason: build
              - exec: [git]
                reason: tag
            tools:
              - { name: p, description: d, input: { type: object }, handler: { process: [/usr/bin/git, status] } }
            templates:
              steps:
                s: { run: { command: [make, all] } }
              gates:
                g: { command: [cargo, test] }
            """)
        expectDiagnostics(result.diagnostics) { d in
            d.check(.error, contains: "gate template 'g' runs 'cargo', which the 'exec' capability does not list")
        }
    }

    @Test
    func aRoutingRuleMatchesOneSubjectAndAGateChecksOneThing() {
        let result = loadInline(header + """
            templates:
              steps:
                s: { run: { tool: x/y } }
              gates:
                g: { tool: x/y, expect: { exit: 0, output: {} } }
            routing:
              - { when: { gate: g, step: s }, then: abort }
              - { when: { step: s, result: fail }, then: abort }
            """)
        expectDiagnostics(result.diagnostics) { d in
            d.check(.error, contains: "'expect' of gate template 'g' has both 'exit' and 'output'", line: 9)
            d.check(.error, contains: "names 'gate' and 'step'; a rule matches one subject", line: 11)
            d.check(.error, contains: "'result' in 'when' of routing rule 1 applies to gates only", line: 12)
        }
    }

    @Test
    func aNamedSchemaUsedAsToolInputMustBeAnObjectSchema() {
        let result = loadInline(header + """
            schemas:
              text.v1: schemas/text.json
            tools:
              - { name: t, description: d, input: { $ref: text.v1 }, handler: { builtin: t } }
            """, files: ["schemas/text.json": #"{"type": "string"}"#])
        expectDiagnostics(result.diagnostics) { d in
            d.check(.error, contains: "names schema 'text.v1': a tool input schema must have 'type: object'", line: 8)
        }
    }
}
