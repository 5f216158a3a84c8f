public import PackJSON
public import PackModel

/// A recipe expanded into a validated graph of steps, ready for a runner.
///
/// Every reference is resolved and qualified: templates and gates are `pack/id`, tools
/// `pack/tool`. Placeholders (`{{name}}`) are left in place; the runner substitutes them (see
/// ``Placeholder``) when it knows the values.
///
/// **Parameters at run time.** The recipe runs with parameters that must satisfy ``params``.
/// A step with ``StepSpec/arguments`` gets exactly those arguments as its parameters, after
/// substituting the recipe's parameters into them; a step without (``StepSpec/inheritsRecipeParameters``)
/// gets the recipe's parameters. A step's action and its gates substitute from the step's
/// parameters; ``verify`` gates substitute from the recipe's.
public struct GraphSpec: Sendable, Hashable {
    /// The recipe ID, `pack/recipe`.
    public var id: String
    /// The recipe's parameter schema, resolved to a document; `nil` when the recipe declares none.
    public var params: JSONValue?
    /// Conditions checked before anything runs.
    public var preconditions: [Precondition]
    /// The steps, each after the steps it depends on; ties keep the recipe's declaration order.
    public var steps: [StepSpec]
    /// Gates run at the end, from the recipe's `verify`.
    public var verify: [GateSpec]
    /// The recipe pack's routing rules that concern this graph, with gate names qualified
    /// (`pack/gate`) and step names (in `when: step` and `goto`) as step IDs of this graph.
    public var routing: [RoutingRule]

    /// Creates a graph.
    public init(id: String, params: JSONValue?, preconditions: [Precondition], steps: [StepSpec], verify: [GateSpec],
                routing: [RoutingRule]) {
        self.id = id
        self.params = params
        self.preconditions = preconditions
        self.steps = steps
        self.verify = verify
        self.routing = routing
    }
}

/// One step of a graph: a step template applied with arguments.
public struct StepSpec: Sendable, Hashable {
    /// The step ID, unique in the graph (the recipe step's `id`, by default its template ID as written).
    public var id: String
    /// The step template, `pack/step`.
    public var template: String
    /// What the step runs.
    public var action: ResolvedAction
    /// Gates that must pass after the step, from the template.
    public var gates: [GateSpec]
    /// How many times to retry the step on failure (0 = no retry).
    public var retryMax: Int
    /// The wall-clock limit of the step, in milliseconds; `nil` takes the runner's default.
    public var timeoutMilliseconds: Int?
    /// IDs of the steps that must finish first.
    public var dependsOn: [String]
    /// The recipe step's `with` arguments, placeholders not yet substituted.
    public var arguments: JSONObject
    /// Whether the step has no `with` arguments and takes the recipe's parameters as its own.
    public var inheritsRecipeParameters: Bool

    /// Creates a step; `inheritsRecipeParameters` defaults to whether `arguments` is empty.
    public init(id: String, template: String, action: ResolvedAction, gates: [GateSpec] = [], retryMax: Int = 0,
                timeoutMilliseconds: Int? = nil, dependsOn: [String] = [], arguments: JSONObject = JSONObject(),
                inheritsRecipeParameters: Bool? = nil) {
        self.id = id
        self.template = template
        self.action = action
        self.gates = gates
        self.retryMax = retryMax
        self.timeoutMilliseconds = timeoutMilliseconds
        self.dependsOn = dependsOn
        self.arguments = arguments
        self.inheritsRecipeParameters = inheritsRecipeParameters ?? arguments.isEmpty
    }
}

/// What a step or gate runs, with its tool resolved to a catalog ID.
public enum ResolvedAction: Sendable, Hashable {
    /// Call the tool `pack/tool` with this input (placeholders not yet substituted), or with the
    /// step's parameters when `input` is `nil`.
    case tool(id: String, input: JSONValue?)
    /// Run a command; arguments may hold placeholders.
    case command([String])
}

/// A gate of a graph: a gate template, resolved.
public struct GateSpec: Sendable, Hashable {
    /// The gate template, `pack/gate`.
    public var id: String
    /// What the gate runs.
    public var action: ResolvedAction
    /// What passing means; `nil` means exit status 0 or a successful tool call.
    public var expect: GateTemplate.Expectation?

    /// Creates a gate.
    public init(id: String, action: ResolvedAction, expect: GateTemplate.Expectation? = nil) {
        self.id = id
        self.action = action
        self.expect = expect
    }
}
