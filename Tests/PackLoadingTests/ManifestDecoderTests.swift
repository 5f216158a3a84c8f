import PackBasics
import PackJSON
import PackLoading
import PackModel
import PackTestSupport
import Testing

@Suite(.tags(.small))
struct ManifestDecoderTests {
    @Test
    func aMinimalManifestLoadsWithoutDiagnostics() {
        let result = loadInline(header)
        #expect(result.isValid)
        #expect(result.diagnostics.isEmpty)
        #expect(result.manifest?.identity.description == "demo@1.0.0")
    }

    @Test
    func everyProblemIsReportedWithItsLineAndColumnAtOnce() {
        let result = loadInline("""
            format: 2
            name: Demo
            version: "1.2"
            nmae: x
            tools:
              - name: Fetch
                description: fetch
                input: { type: object }
                handler: { wsam: x.wasm }
            """)
        #expect(!result.isValid)
        expectDiagnostics(result.diagnostics) { d in
            d.check(.error, contains: "manifest format 2 is not supported", line: 1, column: 9)
            d.check(.error, contains: "pack name 'Demo' is not a valid slug", line: 2, column: 7)
            d.check(.error, contains: "'1.2' is not a valid version", line: 3, column: 10)
            d.check(.warning, contains: "unknown key 'nmae' in the manifest; did you mean 'name'?", line: 4, column: 1)
            d.check(.error, contains: "the manifest is missing 'description'")
            d.check(.error, contains: "tool name 'Fetch' is not valid", line: 6, column: 11)
            d.check(.error, contains: "has no kind (did you mean 'wasm'?)", line: 9, column: 14)
        }
    }

    @Test
    func unknownKeysInsideTypedObjectsAreErrorsButWarningsAtTheTop() {
        let result = loadInline(header + """
            homepag: https://example.org
            safety:
              network: deny
              netwrok: allow
            """)
        expectDiagnostics(result.diagnostics) { d in
            d.check(.warning, contains: "unknown key 'homepag' in the manifest; did you mean 'homepage'?", line: 5)
            d.check(.error, contains: "unknown key 'netwrok' in 'safety'; did you mean 'network'?", line: 8, column: 3)
        }
    }

    @Test
    func aVersionWrittenAsANumberIsExplained() {
        let result = loadInline("format: 1\nname: demo\nversion: 1.0\ndescription: d\n")
        expectDiagnostics(result.diagnostics) { d in
            d.check(.error, contains: "'version' is the number 1, not a semantic version", line: 3)
        }
    }

    struct CapabilityCase: Sendable, CustomTestStringConvertible {
        var yaml: String
        var message: String?
        var testDescription: String { yaml }
    }

    @Test(arguments: [
        CapabilityCase(yaml: "- net: [\"*.example.com:443\"]\n  reason: api", message: nil),
        CapabilityCase(yaml: "- net: [\"api.*.com:443\"]\n  reason: api", message: "'*' may only be the first label"),
        CapabilityCase(yaml: "- fs.read: [\"/etc/passwd\"]\n  reason: r", message: "must start with one of '${project}'"),
        CapabilityCase(yaml: "- fs.write: [\"${project}/../x\"]\n  reason: r", message: "contains '..'"),
        CapabilityCase(yaml: "- env: [\"NOT VALID\"]\n  reason: r", message: "is not a variable name"),
        CapabilityCase(yaml: "- exec\n", message: "capability 'exec' needs scopes"),
        CapabilityCase(yaml: "- hook: [x]\n  reason: r", message: "capability 'hook' takes no scopes"),
        CapabilityCase(yaml: "- net: [a.com:443]\n  env: [A]\n", message: "must name exactly one capability"),
        CapabilityCase(yaml: "- nett: [a.com:443]\n  reason: r", message: "unknown capability 'nett'; did you mean 'net'?"),
    ])
    func capabilitySyntaxIsChecked(_ testCase: CapabilityCase) {
        let result = loadInline(header + "capabilities:\n" + testCase.yaml.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n")
        let errors = result.diagnostics.filter { $0.severity == .error }
        if let message = testCase.message {
            #expect(errors.count == 1, "\(result.diagnostics)")
            #expect(errors.first?.message.contains(message) == true, "\(result.diagnostics)")
        } else {
            #expect(errors.isEmpty, "\(result.diagnostics)")
        }
    }

    @Test
    func aCapabilityWithoutAReasonIsAWarning() {
        let result = loadInline(header + "capabilities:\n  - env: [HOME]\n")
        #expect(result.isValid)
        expectDiagnostics(result.diagnostics) { d in
            d.check(.warning, contains: "capability 'env' has no reason", line: 6)
        }
    }

    @Test
    func everySectionOfTheFormatDecodesIntoTheModel() throws {
        let result = loadInline(header + """
            kernel: ">=0.1.0 <1.0.0"
            tier: verified
            authors: ["Ada <ada@example.org>", { name: Bob }]
            capabilities:
              - exec: [make]
                reason: build
              - service.provide
              - service.require
              - hook
              - background
            schemas:
              ref.v1: { type: object }
            tools:
              - name: build
                description: build it
                input: { $ref: ref.v1 }
                output: { type: object }
                handler: { builtin: build }
                limits: { timeout_ms: 100, memory_mb: 8, output_kb: 4, fuel: 100000 }
                tests:
                  - input: {}
                    expect: { output: {} }
                  - input: 3
                    expect: { error: input_invalid }
            skills:
              - path: skills/guide
                activation: manual
            instructions: INSTRUCTIONS.md
            mcp:
              local: { command: uvx, args: [srv], env: { A: "1" } }
              remote: { url: "https://mcp.example.org", headers: { X: y } }
            plugins: ["@x/plugin@^1"]
            detect:
              - files: ["*.toml"]
                message: found
            templates:
              steps:
                compile: { params: { $ref: ref.v1 }, run: { tool: build }, gates: [lint], retry: { max: 2 } }
              gates:
                lint: { command: [make, lint], expect: { exit: 0 } }
            recipes:
              ship:
                preconditions: [{ command_exists: make }, { env: HOME }, { file_exists: Makefile }]
                steps: [compile, { step: compile, id: again, after: [compile] }]
                verify: [lint]
            routing:
              - when: { gate: lint, result: fail }
                then: { retry: 3 }
              - when: { violation: capability }
                then: abort
              - when: { step: again }
                then: { goto: compile }
            safety:
              write_paths: ["${project}/out/**"]
              tools: [build]
              network: ["api.example.org:443"]
            services:
              provides: [{ id: demo.build.v1, tool: build }]
              requires: [{ id: other.thing.v1, optional: true }, plain.v1]
            hooks:
              - { point: pre_tool_call, tool: build, match: "demo/*" }
            background:
              - { name: refresh, every: 1h30m, tool: build }
            """, files: ["skills/guide/SKILL.md": skillFile, "INSTRUCTIONS.md": "# Do\n"])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let manifest = try #require(result.manifest)
        #expect(manifest.kernel?.contains(Version(0, 5, 0)) == true)
        #expect(manifest.tier == .verified)
        #expect(manifest.authors == [Author(name: "Ada", email: "ada@example.org"), Author(name: "Bob")])
        #expect(manifest.capabilities.map(\.kind) == [.exec, .serviceProvide, .serviceRequire, .hook, .background])
        #expect(manifest.tools.first?.input == .named("ref.v1"))
        #expect(manifest.tools.first?.handler == .builtin("build"))
        #expect(manifest.tools.first?.limits == ResourceLimits(timeoutMilliseconds: 100, memoryMegabytes: 8, outputKilobytes: 4, fuel: 100_000))
        #expect(manifest.tools.first?.tests.map(\.expect) == [.output(.object(JSONObject())), .outcome(.inputInvalid)])
        #expect(manifest.skills == [SkillReference(path: "skills/guide", activation: .manual)])
        #expect(manifest.mcpServers.count == 2)
        #expect(manifest.templates.steps.first?.retryMax == 2)
        #expect(manifest.templates.gates.first?.expect == .exitStatus(0))
        #expect(manifest.recipes.first?.steps.map(\.id) == ["compile", "again"])
        #expect(manifest.recipes.first?.preconditions.count == 3)
        #expect(manifest.routing.map(\.then) == [.retry(3), .abort, .goto("compile")])
        #expect(manifest.safety?.network == .hosts(["api.example.org:443"]))
        #expect(manifest.services.requires == [RequiredService(id: "other.thing.v1", optional: true), RequiredService(id: "plain.v1")])
        #expect(manifest.hooks.first?.match == ["demo/*"])
        #expect(manifest.background.first?.everySeconds == 5400)
    }

    @Test
    func yamlTomlAndJSONManifestsDecodeToTheSameModel() throws {
        let yaml = header + "keywords: [a, b]\ntools:\n  - name: t\n    description: d\n    input: { type: object }\n    handler: { builtin: t }\n"
        let toml = """
            format = 1
            name = "demo"
            version = "1.0.0"
            description = "a demo pack"
            keywords = ["a", "b"]
            [[tools]]
            name = "t"
            description = "d"
            input = { type = "object" }
            handler = { builtin = "t" }
            """
        let json = """
            {"format": 1, "name": "demo", "version": "1.0.0", "description": "a demo pack", "keywords": ["a", "b"],
             "tools": [{"name": "t", "description": "d", "input": {"type": "object"}, "handler": {"builtin": "t"}}]}
            """
        let fromYAML = try #require(loadInline(yaml).manifest)
        let fromTOML = loadInline(toml, format: .toml)
        let fromJSON = loadInline(json, format: .json)
        #expect(fromTOML.diagnostics.isEmpty, "\(fromTOML.diagnostics)")
        #expect(fromJSON.diagnostics.isEmpty, "\(fromJSON.diagnostics)")
        #expect(fromTOML.manifest == fromYAML)
        #expect(fromJSON.manifest == fromYAML)
    }

    @Test
    func jsonManifestDiagnosticsCarryAPointerAndDuplicateKeysAreRefused() {
        let result = loadInline(#"{"format": 1, "name": "demo", "version": "1.0.0", "description": "d", "tools": [{"name": 5}]}"#, format: .json)
        expectDiagnostics(result.diagnostics) { d in
            d.check(.error, contains: "'name' of a tool must be a string, not the number 5")
            d.check(.error, contains: "is missing 'description'")
            d.check(.error, contains: "is missing 'input'")
            d.check(.error, contains: "is missing 'handler'")
        }
        #expect(result.diagnostics.allSatisfy { $0.location?.pointer?.hasPrefix("/tools/0") == true })
        let duplicate = loadInline(#"{"format": 1, "name": "a", "name": "b"}"#, format: .json)
        #expect(duplicate.diagnostics.count == 1)
        #expect(duplicate.diagnostics.first?.message.contains("name") == true)
    }

    @Test(arguments: ["30s", "5m", "1h", "1d", "1h30m"])
    func durationsAreParsed(_ text: String) {
        let result = loadInline(header + "capabilities: [background]\ntools:\n  - { name: t, description: d, input: { type: object }, handler: { builtin: t } }\nbackground:\n  - { name: b, every: \(text), tool: t }\n")
        #expect(result.isValid, "\(result.diagnostics)")
    }

    @Test(arguments: ["0s", "5x", "1w", "h", "9d"])
    func badDurationsAreRejected(_ text: String) {
        let result = loadInline(header + "capabilities: [background]\ntools:\n  - { name: t, description: d, input: { type: object }, handler: { builtin: t } }\nbackground:\n  - { name: b, every: \(text), tool: t }\n")
        expectDiagnostics(result.diagnostics) { d in
            d.check(.error, contains: "'every' of background task 'b' is '\(text)'")
        }
    }
}
