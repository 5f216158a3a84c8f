public import PackBasics
public import PackModel

/// Expands recipes into validated ``GraphSpec``s, checking everything before anything runs.
///
/// `build(recipe:of:)` reports every problem it finds, and returns a graph only when there is no
/// error:
///
/// - step templates, gates (of steps and of `verify`) and tools that do not exist;
/// - `after` naming a step that is not in the recipe, step IDs used twice, and cycles among
///   steps (spelled out, as in `a -> b -> a`);
/// - `with` arguments that do not match the step template's `params` schema, and a tool action's
///   `input` that does not match the tool's input schema. Values holding `{{name}}` placeholders
///   are unknown until the graph runs and are left out of the check (see ``Placeholder`` and the
///   rules of `ArgumentChecker`). A step without `with` takes the recipe's parameters, which
///   are only known when the graph runs; the runner validates them against ``GraphSpec/params``;
/// - placeholders without a value: in `with` arguments and `verify` gates, and in the actions and
///   gates of a step without `with`, a placeholder must name a property of the recipe's `params`
///   schema when that schema declares `properties` at its root; in the action and gates of a step
///   with `with` arguments, it must name one of those arguments;
/// - routing rules whose `goto` names no step of the graph.
///
/// Name resolution: a bare template or tool name means the pack that declares the thing naming
/// it. A recipe's bare step templates and `verify` gates are the recipe pack's; a step template's
/// bare tool and gate names are the template pack's (for a template of another pack, that pack's).
///
/// Routing: the recipe pack's rules are attached when they concern the graph — a `gate`
/// condition whose gate the graph runs, a `step` condition naming a step ID of the graph (or a
/// step template that graph steps use: the rule is repeated for each such step), and every
/// `violation` condition. Gate names become `pack/gate`; step names and `goto` targets become
/// step IDs of the graph.
///
/// ```swift
/// let builder = GraphBuilder(templates: TemplateIndex(manifests: [manifest]))
/// let (graph, diagnostics) = builder.build(recipe: manifest.recipes[0], of: manifest.name)
/// ```
public struct GraphBuilder: Sendable {
    /// The templates, tools and schemas of every pack a recipe may refer to.
    public let templates: TemplateIndex

    /// Creates a builder over an index of packs.
    public init(templates: TemplateIndex) {
        self.templates = templates
    }

    /// Expands `recipe` of `pack` into a graph.
    ///
    /// Diagnostics point into the recipe pack's manifest (`/recipes/<id>/steps/<n>`,
    /// `/routing/<n>`).
    ///
    /// - Returns: The graph, or `nil` when any diagnostic is an error; and every diagnostic.
    public func build(recipe: Recipe, of pack: String) -> (GraphSpec?, [Diagnostic]) {
        var expansion = RecipeExpansion(index: templates, pack: pack, recipe: recipe)
        let graph = expansion.run()
        let diagnostics = expansion.diagnostics
        return (diagnostics.containsErrors ? nil : graph, diagnostics)
    }
}
