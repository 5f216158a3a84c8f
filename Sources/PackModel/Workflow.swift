public import PackJSON

/// Step and gate templates a pack contributes.
public struct Templates: Sendable, Hashable {
    /// Step templates, by ID.
    public var steps: [StepTemplate]
    /// Gate templates, by ID.
    public var gates: [GateTemplate]

    /// Creates templates.
    public init(steps: [StepTemplate] = [], gates: [GateTemplate] = []) {
        self.steps = steps
        self.gates = gates
    }
}

/// What a step or gate runs.
public enum StepAction: Sendable, Hashable {
    /// Call a tool of this pack (or `pack/tool`), with optional input (values may use `{{param}}`).
    case tool(name: String, input: JSONValue?)
    /// Run a command; arguments may use `{{param}}`.
    case command([String])
}

/// A reusable workflow step.
public struct StepTemplate: Sendable, Hashable {
    /// The ID, unique among the pack's step templates.
    public var id: String
    /// The parameter contract.
    public var params: SchemaReference?
    /// What the step does.
    public var run: StepAction
    /// Gates that must pass after the step.
    public var gates: [String]
    /// How many times to retry on failure (0 = no retry).
    public var retryMax: Int
    /// Wall-clock limit for the step.
    public var timeoutMilliseconds: Int?

    /// Creates a step template.
    public init(id: String, params: SchemaReference? = nil, run: StepAction, gates: [String] = [], retryMax: Int = 0,
                timeoutMilliseconds: Int? = nil) {
        self.id = id
        self.params = params
        self.run = run
        self.gates = gates
        self.retryMax = retryMax
        self.timeoutMilliseconds = timeoutMilliseconds
    }
}

/// A check that decides whether work may go on.
public struct GateTemplate: Sendable, Hashable {
    /// What passing means.
    public enum Expectation: Sendable, Hashable {
        /// The command exits with this status.
        case exitStatus(Int32)
        /// The tool returns an output equal to this value.
        case output(JSONValue)
    }

    /// The ID, unique among the pack's gate templates.
    public var id: String
    /// What the gate runs.
    public var run: StepAction
    /// What passing means (default: exit status 0 or a successful tool call).
    public var expect: Expectation?

    /// Creates a gate template.
    public init(id: String, run: StepAction, expect: Expectation? = nil) {
        self.id = id
        self.run = run
        self.expect = expect
    }
}

/// A condition checked before a recipe runs.
public enum Precondition: Sendable, Hashable {
    /// A command is on the `PATH`.
    case commandExists(String)
    /// A file exists, relative to the project.
    case fileExists(String)
    /// An environment variable is set.
    case environmentVariable(String)
}

/// One step of a recipe: a step template, with arguments and dependencies.
public struct RecipeStep: Sendable, Hashable {
    /// The step template ID (this pack's, or `other-pack/step`).
    public var template: String
    /// A name for this use of the template, unique in the recipe (default: the template ID).
    public var id: String
    /// Arguments for the template's parameters; values may use `{{param}}` of the recipe.
    public var with: JSONObject
    /// IDs of steps that must finish first; by default, the previous step.
    public var after: [String]?

    /// Creates a recipe step.
    public init(template: String, id: String? = nil, with: JSONObject = JSONObject(), after: [String]? = nil) {
        self.template = template
        self.id = id ?? template
        self.with = with
        self.after = after
    }
}

/// A workflow made of step templates, with gates to verify the result.
public struct Recipe: Sendable, Hashable {
    /// The ID, unique among the pack's recipes.
    public var id: String
    /// What the recipe does.
    public var description: String?
    /// The parameter contract.
    public var params: SchemaReference?
    /// Conditions checked before anything runs.
    public var preconditions: [Precondition]
    /// The steps, in order unless `after` says otherwise.
    public var steps: [RecipeStep]
    /// Gates run at the end.
    public var verify: [String]

    /// Creates a recipe.
    public init(id: String, description: String? = nil, params: SchemaReference? = nil, preconditions: [Precondition] = [],
                steps: [RecipeStep], verify: [String] = []) {
        self.id = id
        self.description = description
        self.params = params
        self.preconditions = preconditions
        self.steps = steps
        self.verify = verify
    }
}
