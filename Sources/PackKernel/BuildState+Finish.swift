import PackBasics
import PackGraph
import PackJSON
import PackModel

extension BuildState {
    /// Cross-pack work once every pack is installed: model-visible tool names, recipes, routing.
    mutating func finish() {
        exposeTools()
        buildGraphs()
        mergeRouting()
        // Pack name, then declaration order (the order `install` appended them in).
        let ordered = hooks.enumerated().sorted { lhs, rhs in
            lhs.element.pack != rhs.element.pack ? lhs.element.pack < rhs.element.pack : lhs.offset < rhs.offset
        }
        hooks = ordered.map(\.element)
    }

    /// Model-visible names: bare names unless two packs share one (then both are qualified and the
    /// collision is reported to both), or always `pack__tool` when the host asks for it.
    private mutating func exposeTools() {
        var byName: [String: [String]] = [:]
        for pack in packs where pack.isDefaultVersion {
            for tool in pack.manifest.tools where tools["\(pack.manifest.name)/\(tool.name)"] != nil {
                byName[tool.name, default: []].append(pack.manifest.name)
            }
        }
        var defaultReports: [String: Int] = [:]
        for pack in packs where pack.isDefaultVersion {
            if let index = reportIndex[pack.manifest.identity] { defaultReports[pack.manifest.name] = index }
        }
        exposed.reserveCapacity(byName.count)
        for name in byName.keys.sorted() {
            let owners = byName[name]!.sorted()
            let qualify = policy.toolNaming == .qualified || owners.count > 1
            if owners.count > 1 && policy.toolNaming == .short {
                let message = KernelMessages.toolCollision(name, owners: owners)
                diagnostics.append(.warning(message))
                for owner in owners {
                    if let index = defaultReports[owner] { reports[index].diagnostics.append(.warning(message)) }
                }
            }
            for owner in owners {
                let exposedName = qualify ? "\(owner)__\(name)" : name
                let id = "\(owner)/\(name)"
                exposed[exposedName] = id
                tools[id]?.exposedName = exposedName
            }
        }
    }

    private mutating func skip(_ contribution: Contribution, of identity: PackIdentity, reason: String) {
        guard let index = reportIndex[identity] else { return }
        reports[index].installed.removeAll { $0 == contribution }
        reports[index].skipped.append(SkippedContribution(contribution, reason: reason))
        if reports[index].status == .installed { reports[index].status = .degraded }
    }

    /// Recipes expand into validated graphs; a recipe whose graph has errors is skipped.
    private mutating func buildGraphs() {
        let defaults = installedManifests.filter(\.isDefault)
        let index = TemplateIndex(packs: defaults.map { ($0.manifest.name, $0.manifest) }, schemaFiles: Dictionary(
            uniqueKeysWithValues: defaults.map { ($0.manifest.name, $0.input.schemaFiles) }))
        let builder = GraphBuilder(templates: index)
        var graphs: JSONObject = [:]
        for entry in defaults {
            let skippedTemplates = Set((reportIndex[entry.manifest.identity].map { reports[$0].skipped } ?? [])
                .filter { $0.contribution.kind == "step-template" || $0.contribution.kind == "gate-template" }
                .map(\.contribution.id))
            for recipe in entry.manifest.recipes {
                let contribution = Contribution("recipe", recipe.id)
                let uses = Set(recipe.steps.map(\.template) + recipe.verify + recipe.steps.flatMap { step in
                    entry.input.manifest?.templates.steps.first { $0.id == step.template }?.gates ?? []
                })
                let missing = uses.intersection(skippedTemplates).sorted()
                if !missing.isEmpty {
                    if let index = reportIndex[entry.manifest.identity] { reports[index].installed.append(contribution) }
                    skip(contribution, of: entry.manifest.identity,
                         reason: "it uses " + missing.map { "'\($0)'" }.joined(separator: ", ") + ", which could not be installed")
                    continue
                }
                let (graph, problems) = builder.build(recipe: recipe, of: entry.manifest.name)
                if let graph {
                    graphs[graph.id] = GraphDump.json(graph)
                    if let reportIndex = reportIndex[entry.manifest.identity] {
                        reports[reportIndex].installed.append(contribution)
                        reports[reportIndex].diagnostics += problems
                    }
                } else {
                    let reason = problems.filter { $0.severity == .error }.map(\.message).joined(separator: "; ")
                    if reportIndex[entry.manifest.identity] != nil {
                        reports[reportIndex[entry.manifest.identity]!].installed.append(contribution)
                    }
                    skip(contribution, of: entry.manifest.identity, reason: reason.isEmpty ? "its graph is invalid" : reason)
                }
            }
        }
        extensions["graphs"] = .object(graphs)
    }

    /// Routing rules of every default version, merged deterministically.
    private mutating func mergeRouting() {
        let rules = installedManifests.filter(\.isDefault).map { (pack: $0.manifest.name, rules: $0.manifest.routing) }
        let merged = PolicyMerge.mergeRouting(rules)
        diagnostics += merged.diagnostics
        extensions["routing"] = .array(merged.rules.map { GraphDump.json($0.rule) })
    }

    func catalog() -> Catalog {
        Catalog(
            packs: packs, tools: tools, exposedTools: exposed, schemas: schemas, services: services, hooks: hooks,
            backgroundTasks: background,
            reports: reports.map { report in
                var sorted = report
                sorted.installed.sort()
                sorted.skipped.sort { $0.contribution < $1.contribution }
                return sorted
            }.sorted { $0.pack < $1.pack || ($0.pack == $1.pack && $0.origin < $1.origin) },
            diagnostics: diagnostics, extensions: extensions)
    }
}
