import PackGraph
import PackJSON
import PackModel

/// Two packs for recipe tests: `release` (the recipe pack) and `lint-pack` (templates used across packs).
enum GraphFixtures {
    static let bumpSchema: JSONValue = [
        "type": "object",
        "properties": [
            "version": ["type": "string", "pattern": "^[0-9]+\\.[0-9]+\\.[0-9]+$"],
            "part": ["enum": ["major", "minor", "patch"]],
        ],
        "required": ["version", "part"],
        "additionalProperties": false,
    ]

    static let lintInputSchema: JSONValue = [
        "type": "object",
        "properties": ["path": ["type": "string"], "level": ["type": "integer"]],
        "required": ["path"],
    ]

    static let release = makeManifest(
        "release",
        tools: [makeTool("version_bump", input: .named("bump.v1")), makeTool("unchecked", input: .file("schemas/missing.json"))],
        schemas: [SchemaDefinition(id: "bump.v1", source: .inline(bumpSchema))],
        steps: [
            StepTemplate(id: "bump", params: .named("bump.v1"),
                         run: .tool(name: "version_bump", input: ["version": "{{version}}", "part": "{{part}}"])),
            StepTemplate(id: "build", run: .command(["make", "build"]), gates: ["tests_pass"], retryMax: 1,
                         timeoutMilliseconds: 600_000),
            StepTemplate(id: "tag", run: .command(["git", "tag", "v{{version}}"])),
            StepTemplate(id: "broken_tool", run: .tool(name: "nope", input: nil)),
            StepTemplate(id: "broken_gate", run: .command(["true"]), gates: ["nope_gate"]),
            StepTemplate(id: "remote_tool", run: .tool(name: "lint-pack/missing", input: nil)),
            StepTemplate(id: "bad_input", run: .tool(name: "version_bump", input: ["version": 3, "part": "{{part}}"])),
            StepTemplate(id: "unknown_params", params: .named("nope.v1"), run: .command(["true"])),
            StepTemplate(id: "file_input", run: .tool(name: "unchecked", input: ["a": 1])),
        ],
        gates: [
            GateTemplate(id: "tests_pass", run: .command(["make", "test"]), expect: .exitStatus(0)),
            GateTemplate(id: "clean_tree", run: .command(["git", "diff", "--quiet"]), expect: .exitStatus(0)),
        ],
        recipes: [cutRelease],
        routing: baseRouting
    )

    /// Routing rules that apply to any recipe of the release pack (or to none).
    static let baseRouting = [
        RoutingRule(when: .gate("tests_pass", result: .fail), then: .retry(2)),
        RoutingRule(when: .gate("clean_tree", result: .fail), then: .escalate("the tree is dirty")),
        RoutingRule(when: .violation(.capability), then: .abort),
        RoutingRule(when: .gate("other_gate", result: .fail), then: .abort),
    ]

    static let lintPack = makeManifest(
        "lint-pack",
        tools: [makeTool("run_lint", input: .file("schemas/lint.json"))],
        steps: [
            StepTemplate(id: "lint",
                         params: .inline(["type": "object", "properties": ["path": ["type": "string"], "strict": ["type": "boolean"]],
                                          "required": ["path"]]),
                         run: .tool(name: "run_lint", input: ["path": "{{path}}"]), gates: ["lint_clean"]),
        ],
        gates: [GateTemplate(id: "lint_clean", run: .tool(name: "run_lint", input: ["path": "{{path}}", "level": 2]),
                             expect: .output(["clean": true]))]
    )

    static let cutRelease = Recipe(
        id: "cut_release", params: .named("bump.v1"), preconditions: [.commandExists("git"), .fileExists("VERSION")],
        steps: [
            RecipeStep(template: "bump"),
            RecipeStep(template: "build"),
            RecipeStep(template: "tag", after: ["build"]),
            RecipeStep(template: "lint-pack/lint", id: "lint", with: ["path": "src/{{version}}", "strict": true], after: ["bump"]),
        ],
        verify: ["clean_tree"]
    )

    static var index: TemplateIndex {
        TemplateIndex(manifests: [release, lintPack], schemaFiles: ["lint-pack": ["schemas/lint.json": lintInputSchema]])
    }

    /// The release pack with other routing rules.
    static func index(routing: [RoutingRule]) -> TemplateIndex {
        var manifest = release
        manifest.routing = routing
        return TemplateIndex(manifests: [manifest, lintPack], schemaFiles: ["lint-pack": ["schemas/lint.json": lintInputSchema]])
    }

    /// A recipe of the release pack, with the bump schema as params unless told otherwise.
    static func recipe(_ steps: [RecipeStep], params: SchemaReference? = .named("bump.v1"), verify: [String] = []) -> Recipe {
        Recipe(id: "r", params: params, steps: steps, verify: verify)
    }
}
