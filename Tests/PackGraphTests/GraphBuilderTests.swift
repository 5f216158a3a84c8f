import PackBasics
import PackGraph
import PackJSON
import PackModel
import Testing

@Suite struct GraphBuilderTests {
    let builder = GraphBuilder(templates: GraphFixtures.index)

    @Test func aRecipeExpandsIntoAnOrderedGraphWithCrossPackTemplates() throws {
        let routing = GraphFixtures.baseRouting + [RoutingRule(when: .step("build", outcome: "failed"), then: .goto("bump"))]
        let builder = GraphBuilder(templates: GraphFixtures.index(routing: routing))
        let (graph, diagnostics) = builder.build(recipe: GraphFixtures.cutRelease, of: "release")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let spec = try #require(graph)
        #expect(spec.id == "release/cut_release")
        #expect(spec.params == GraphFixtures.bumpSchema)
        #expect(spec.preconditions == [.commandExists("git"), .fileExists("VERSION")])
        #expect(spec.steps.map(\.id) == ["bump", "build", "tag", "lint"])
        #expect(spec.steps[0] == StepSpec(
            id: "bump", template: "release/bump",
            action: .tool(id: "release/version_bump", input: ["version": "{{version}}", "part": "{{part}}"]),
            dependsOn: [], inheritsRecipeParameters: true))
        #expect(spec.steps[1] == StepSpec(
            id: "build", template: "release/build", action: .command(["make", "build"]),
            gates: [GateSpec(id: "release/tests_pass", action: .command(["make", "test"]), expect: .exitStatus(0))],
            retryMax: 1, timeoutMilliseconds: 600_000, dependsOn: ["bump"]))
        #expect(spec.steps[2].dependsOn == ["build"])
        #expect(spec.steps[3] == StepSpec(
            id: "lint", template: "lint-pack/lint", action: .tool(id: "lint-pack/run_lint", input: ["path": "{{path}}"]),
            gates: [GateSpec(id: "lint-pack/lint_clean", action: .tool(id: "lint-pack/run_lint", input: ["path": "{{path}}", "level": 2]),
                             expect: .output(["clean": true]))],
            dependsOn: ["bump"], arguments: ["path": "src/{{version}}", "strict": true], inheritsRecipeParameters: false))
        #expect(spec.verify == [GateSpec(id: "release/clean_tree", action: .command(["git", "diff", "--quiet"]), expect: .exitStatus(0))])
        #expect(spec.routing == [
            RoutingRule(when: .gate("release/tests_pass", result: .fail), then: .retry(2)),
            RoutingRule(when: .gate("release/clean_tree", result: .fail), then: .escalate("the tree is dirty")),
            RoutingRule(when: .violation(.capability), then: .abort),
            RoutingRule(when: .step("build", outcome: "failed"), then: .goto("bump")),
        ])
    }

    @Test func stepsAreOrderedByDependenciesWithTiesInDeclarationOrder() throws {
        let recipe = GraphFixtures.recipe([
            RecipeStep(template: "tag", id: "last", after: ["middle", "first"]),
            RecipeStep(template: "build", id: "middle", after: ["first"]),
            RecipeStep(template: "build", id: "other", after: []),
            RecipeStep(template: "build", id: "first", after: []),
        ])
        let (graph, diagnostics) = builder.build(recipe: recipe, of: "release")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(try #require(graph).steps.map(\.id) == ["other", "first", "middle", "last"])
    }

    struct InvalidCase: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var recipe: Recipe
        var expected: [(Diagnostic.Severity, String)]
        var pointer: String?
    }

    static let invalidCases: [InvalidCase] = [
        InvalidCase(testDescription: "unknown local step template", recipe: GraphFixtures.recipe([RecipeStep(template: "deploy")]),
                    expected: [(.error, "step 'deploy' of recipe 'release/r' uses unknown step template 'deploy'; use one of 'bad_input', 'broken_gate', 'broken_tool', 'build', 'bump', 'file_input', 'remote_tool', 'tag' and 1 more, or declare it under 'templates.steps' of pack 'release'")],
                    pointer: "/recipes/r/steps/0"),
        InvalidCase(testDescription: "step template of a pack that is not loaded",
                    recipe: GraphFixtures.recipe([RecipeStep(template: "ghost/build")]),
                    expected: [(.error, "step 'ghost/build' of recipe 'release/r' uses step template 'ghost/build' of pack 'ghost', which is not loaded; install 'ghost' or fix the name")],
                    pointer: "/recipes/r/steps/0"),
        InvalidCase(testDescription: "unknown step template of another pack",
                    recipe: GraphFixtures.recipe([RecipeStep(template: "lint-pack/nope")]),
                    expected: [(.error, "uses unknown step template 'lint-pack/nope'; use one of 'lint', or declare it under 'templates.steps' of pack 'lint-pack'")],
                    pointer: nil),
        InvalidCase(testDescription: "unknown gate of a step template", recipe: GraphFixtures.recipe([RecipeStep(template: "broken_gate")]),
                    expected: [(.error, "step template 'release/broken_gate' (step 'broken_gate' of recipe 'release/r') uses unknown gate template 'nope_gate'; use one of 'clean_tree', 'tests_pass'")],
                    pointer: nil),
        InvalidCase(testDescription: "unknown verify gate", recipe: GraphFixtures.recipe([RecipeStep(template: "build")], verify: ["nope"]),
                    expected: [(.error, "'verify' of recipe 'release/r' uses unknown gate template 'nope'")],
                    pointer: "/recipes/r/verify/0"),
        InvalidCase(testDescription: "unknown tool", recipe: GraphFixtures.recipe([RecipeStep(template: "broken_tool")]),
                    expected: [(.error, "step template 'release/broken_tool' (step 'broken_tool' of recipe 'release/r') uses unknown tool 'nope'; use one of 'unchecked', 'version_bump', or declare it under 'tools' of pack 'release'")],
                    pointer: nil),
        InvalidCase(testDescription: "unknown tool of another pack", recipe: GraphFixtures.recipe([RecipeStep(template: "remote_tool")]),
                    expected: [(.error, "uses unknown tool 'lint-pack/missing'; use one of 'run_lint'")], pointer: nil),
        InvalidCase(testDescription: "unknown after", recipe: GraphFixtures.recipe([RecipeStep(template: "build", after: ["ghost"])]),
                    expected: [(.error, "step 'build' of recipe 'release/r' runs after unknown step 'ghost'; use a step ID of this recipe")],
                    pointer: "/recipes/r/steps/0/after"),
        InvalidCase(testDescription: "three-step cycle",
                    recipe: GraphFixtures.recipe([RecipeStep(template: "build", id: "a", after: ["c"]),
                                                  RecipeStep(template: "build", id: "b", after: ["a"]),
                                                  RecipeStep(template: "build", id: "c", after: ["b"])]),
                    expected: [(.error, "recipe 'release/r' has a step cycle: a -> c -> b -> a; remove one 'after' link")],
                    pointer: "/recipes/r/steps"),
        InvalidCase(testDescription: "step after itself",
                    recipe: GraphFixtures.recipe([RecipeStep(template: "build", after: ["build"])]),
                    expected: [(.error, "recipe 'release/r' has a step cycle: build -> build")], pointer: nil),
        InvalidCase(testDescription: "duplicate step ID",
                    recipe: GraphFixtures.recipe([RecipeStep(template: "build"), RecipeStep(template: "build")]),
                    expected: [(.error, "recipe 'release/r' uses the step ID 'build' twice; give the second one an 'id:'")],
                    pointer: "/recipes/r/steps/1"),
        InvalidCase(testDescription: "arguments that break the params schema",
                    recipe: GraphFixtures.recipe([RecipeStep(template: "bump", with: ["version": "1.2", "part": "huge"])]),
                    expected: [(.error, "the 'with' arguments of step 'bump' of recipe 'release/r' do not match the params of step template 'release/bump': at /version:"),
                               (.error, "do not match the params of step template 'release/bump': at /part:")],
                    pointer: "/recipes/r/steps/0/with"),
        InvalidCase(testDescription: "a required argument is missing",
                    recipe: GraphFixtures.recipe([RecipeStep(template: "bump", with: ["version": "1.2.3"])]),
                    expected: [(.error, "params of step template 'release/bump': at (root):"),
                               (.error, "placeholder '{{part}}' in step template 'release/bump' (step 'bump' of recipe 'release/r') has no value")],
                    pointer: nil),
        InvalidCase(testDescription: "an argument the schema does not allow",
                    recipe: GraphFixtures.recipe([RecipeStep(template: "bump", with: ["version": "1.2.3", "part": "minor", "extra": 1])]),
                    expected: [(.error, "params of step template 'release/bump': at /extra:")], pointer: nil),
        InvalidCase(testDescription: "a placeholder in arguments that is not a recipe parameter",
                    recipe: GraphFixtures.recipe([RecipeStep(template: "bump", with: ["version": "{{nope}}", "part": "minor"])]),
                    expected: [(.error, "placeholder '{{nope}}' in the 'with' arguments of step 'bump' of recipe 'release/r' is not a parameter of recipe 'release/r'; use one of 'part', 'version', or declare 'nope' under the recipe's 'params' properties")],
                    pointer: "/recipes/r/steps/0/with"),
        InvalidCase(testDescription: "a placeholder in a command that is not a recipe parameter",
                    recipe: GraphFixtures.recipe([RecipeStep(template: "tag")],
                                                 params: .inline(["type": "object", "properties": ["part": ["type": "string"]]])),
                    expected: [(.error, "placeholder '{{version}}' in step template 'release/tag' (step 'tag' of recipe 'release/r') is not a parameter of recipe 'release/r'; use one of 'part'")],
                    pointer: nil),
        InvalidCase(testDescription: "a template placeholder the step's arguments do not supply",
                    recipe: GraphFixtures.recipe([RecipeStep(template: "tag", with: ["other": 1])]),
                    expected: [(.error, "placeholder '{{version}}' in step template 'release/tag' (step 'tag' of recipe 'release/r') has no value: step 'tag' passes only 'other' in 'with'; add 'version' to the step's 'with' arguments")],
                    pointer: nil),
        InvalidCase(testDescription: "a tool input that breaks the tool's schema",
                    recipe: GraphFixtures.recipe([RecipeStep(template: "bad_input")]),
                    expected: [(.error, "the input of tool 'release/version_bump' in step template 'release/bad_input' (step 'bad_input' of recipe 'release/r') does not match the tool's input schema: at /version:")],
                    pointer: nil),
        InvalidCase(testDescription: "a params schema that does not exist",
                    recipe: GraphFixtures.recipe([RecipeStep(template: "unknown_params", with: ["a": 1])]),
                    expected: [(.error, "the params schema of step template 'release/unknown_params' is not available: pack 'release' declares no schema 'nope.v1'")],
                    pointer: nil),
        InvalidCase(testDescription: "a schema file that was not supplied",
                    recipe: GraphFixtures.recipe([RecipeStep(template: "file_input")]),
                    expected: [(.error, "the input schema of tool 'release/unchecked' is not available: schema file 'schemas/missing.json' of pack 'release' was not supplied to the template index")],
                    pointer: nil),
        InvalidCase(testDescription: "a recipe params schema that does not compile",
                    recipe: GraphFixtures.recipe([RecipeStep(template: "build")], params: .inline(["minimum": "ten"])),
                    expected: [(.error, "the params schema of recipe 'release/r' is not a valid JSON Schema:")],
                    pointer: "/recipes/r/params"),
    ]

    @Test(arguments: invalidCases)
    func invalidRecipesAreRejectedWithADiagnostic(_ invalid: InvalidCase) {
        let (graph, diagnostics) = builder.build(recipe: invalid.recipe, of: "release")
        #expect(graph == nil)
        expectDiagnostics(diagnostics, invalid.expected)
        if let pointer = invalid.pointer {
            #expect(diagnostics.allSatisfy { $0.location?.pointer == pointer }, "\(diagnostics.map(\.location))")
        }
    }

    @Test func everyProblemIsReportedAtOnce() {
        let recipe = GraphFixtures.recipe([RecipeStep(template: "deploy"), RecipeStep(template: "broken_tool", after: ["ghost"])],
                                          verify: ["nope"])
        let (graph, diagnostics) = builder.build(recipe: recipe, of: "release")
        #expect(graph == nil)
        expectDiagnostics(diagnostics, [(.error, "unknown step template 'deploy'"), (.error, "unknown tool 'nope'"),
                                        (.error, "runs after unknown step 'ghost'"), (.error, "unknown gate template 'nope'")])
    }

    @Test func aRecipeOfAPackMissingFromTheIndexIsRejected() {
        let (graph, diagnostics) = builder.build(recipe: GraphFixtures.cutRelease, of: "ghost")
        #expect(graph == nil)
        expectDiagnostics(diagnostics, [(.error, "recipe 'ghost/cut_release' belongs to pack 'ghost', which is not in the template index")])
    }

    struct PlaceholderCase: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var with: JSONObject
        var expected: [(Diagnostic.Severity, String)]
    }

    static let placeholderCases: [PlaceholderCase] = [
        PlaceholderCase(testDescription: "a placeholder for a required argument", with: ["version": "{{version}}", "part": "minor"], expected: []),
        PlaceholderCase(testDescription: "every argument a placeholder", with: ["version": "{{version}}", "part": "{{ part }}"], expected: []),
        PlaceholderCase(testDescription: "a placeholder inside longer text", with: ["version": "{{version}}.0", "part": "patch"], expected: []),
        PlaceholderCase(testDescription: "a placeholder does not hide other errors", with: ["version": "{{version}}", "part": "gigantic"],
                        expected: [(.error, "at /part:")]),
        PlaceholderCase(testDescription: "a placeholder does not excuse a missing argument", with: ["part": "{{part}}"],
                        expected: [(.error, "at (root):"), (.error, "placeholder '{{version}}' in step template 'release/bump'")]),
        PlaceholderCase(testDescription: "text that only looks like a placeholder is checked", with: ["version": "{{1x}}", "part": "minor"],
                        expected: [(.error, "at /version:")]),
    ]

    @Test(arguments: placeholderCases)
    func placeholdersInArgumentsAreLeftOutOfTheParamsCheck(_ placeholder: PlaceholderCase) {
        let recipe = GraphFixtures.recipe([RecipeStep(template: "bump", with: placeholder.with)])
        let (graph, diagnostics) = builder.build(recipe: recipe, of: "release")
        expectDiagnostics(diagnostics, placeholder.expected)
        #expect((graph == nil) == !placeholder.expected.isEmpty)
    }

    @Test func placeholdersAreNotCheckedWhenTheRecipeParamsDeclareNoProperties() {
        let recipe = GraphFixtures.recipe([RecipeStep(template: "tag"), RecipeStep(template: "build", with: ["x": "{{anything}}"])],
                                          params: .inline(["type": "object"]))
        let (graph, diagnostics) = builder.build(recipe: recipe, of: "release")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(graph?.params == ["type": "object"])
    }

    @Test func placeholdersInArraysAndNestedObjectsAreLeftOut() throws {
        let manifest = makeManifest("nest", steps: [
            StepTemplate(id: "copy", params: .inline([
                "type": "object",
                "properties": [
                    "files": ["type": "array", "items": ["type": "string"], "minItems": 2],
                    "target": ["type": "object", "properties": ["dir": ["type": "string"], "mode": ["type": "integer"]],
                               "required": ["dir", "mode"]],
                ],
                "required": ["files", "target"],
            ]), run: .command(["cp"])),
        ], recipes: [])
        let builder = GraphBuilder(templates: TemplateIndex(manifests: [manifest]))
        let good = Recipe(id: "r", steps: [RecipeStep(template: "copy", with: ["files": ["{{a}}"], "target": ["dir": "{{d}}", "mode": 7]])])
        let (graph, diagnostics) = builder.build(recipe: good, of: "nest")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(graph != nil)
        let bad = Recipe(id: "r", steps: [RecipeStep(template: "copy", with: ["files": ["{{a}}"], "target": ["dir": "{{d}}", "mode": "x"]])])
        let (badGraph, badDiagnostics) = builder.build(recipe: bad, of: "nest")
        #expect(badGraph == nil)
        expectDiagnostics(badDiagnostics, [(.error, "at /target/mode:")])
    }

    @Test func stepRulesNamingATemplateApplyToEveryStepUsingIt() throws {
        let index = GraphFixtures.index(routing: [RoutingRule(when: .step("build", outcome: "failed"), then: .skip),
                                                  RoutingRule(when: .step("tag", outcome: "failed"), then: .goto("first"))])
        let recipe = GraphFixtures.recipe([RecipeStep(template: "build", id: "first"), RecipeStep(template: "build", id: "second")])
        let (graph, diagnostics) = GraphBuilder(templates: index).build(recipe: recipe, of: "release")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(try #require(graph).routing == [RoutingRule(when: .step("first", outcome: "failed"), then: .skip),
                                                RoutingRule(when: .step("second", outcome: "failed"), then: .skip)])
    }

    @Test func aGotoMustNameAStepOfTheGraph() {
        let index = GraphFixtures.index(routing: [RoutingRule(when: .violation(.limit), then: .goto("bump")),
                                                  RoutingRule(when: .violation(.safety), then: .goto("build"))])
        let recipe = GraphFixtures.recipe([RecipeStep(template: "build", id: "one"), RecipeStep(template: "build", id: "two")])
        let (graph, diagnostics) = GraphBuilder(templates: index).build(recipe: recipe, of: "release")
        #expect(graph == nil)
        expectDiagnostics(diagnostics, [
            (.error, "routing rule 0 of pack 'release' goes to 'bump', which is not a step of recipe 'release/r'; name a step ID of the recipe"),
            (.error, "routing rule 1 of pack 'release' goes to step template 'build', which recipe 'release/r' uses in steps 'one' and 'two'; name one step ID"),
        ])
        #expect(diagnostics.map(\.location?.pointer) == ["/routing/0/then", "/routing/1/then"])
    }

    @Test func aGotoNamingTheTemplateOfOneStepTargetsThatStep() throws {
        let index = GraphFixtures.index(routing: [RoutingRule(when: .violation(.limit), then: .goto("build"))])
        let recipe = GraphFixtures.recipe([RecipeStep(template: "build", id: "compile")])
        let (graph, _) = GraphBuilder(templates: index).build(recipe: recipe, of: "release")
        #expect(try #require(graph).routing == [RoutingRule(when: .violation(.limit), then: .goto("compile"))])
    }

    @Test func theIndexKeepsTheFirstOfTwoPacksWithOneName() {
        let index = TemplateIndex(manifests: [GraphFixtures.release, makeManifest("release")])
        expectDiagnostics(index.diagnostics, [(.error, "pack 'release' is in the template index twice")])
        #expect(index.stepTemplate("bump", from: "release")?.qualifiedID == "release/bump")
        #expect(index.packNames == ["release"])
    }

    @Test func theIndexResolvesSchemasByNameFileAndInline() {
        let index = GraphFixtures.index
        #expect(index.schema(.named("bump.v1"), from: "release") == .found(GraphFixtures.bumpSchema))
        #expect(index.schema(.named("release/bump.v1"), from: "lint-pack") == .found(GraphFixtures.bumpSchema))
        #expect(index.schema(.file("schemas/lint.json"), from: "lint-pack") == .found(GraphFixtures.lintInputSchema))
        #expect(index.schema(.inline(true), from: "x") == .found(true))
        #expect(index.schema(.named("ghost/a.v1"), from: "release") == .notFound("pack 'ghost' is not loaded"))
    }

    @Test(.timeLimit(.minutes(1)))
    func aLongRecipeExpandsWithoutRecursion() throws {
        let steps = (0..<5_000).map { RecipeStep(template: "build", id: "s\($0)") }
        let (graph, diagnostics) = builder.build(recipe: GraphFixtures.recipe(steps), of: "release")
        #expect(diagnostics.isEmpty)
        #expect(try #require(graph).steps.map(\.id) == steps.map(\.id))
    }
}
