public import PackJSON
import PackBasics
import PackModel

extension Catalog {
    /// A deterministic JSON description of the catalog: the same packs and policy give the same
    /// bytes (serialize with sorted keys), whatever the order packs were found in. Paths on disk are
    /// left out so the dump does not depend on where packs live.
    public func dump() -> JSONValue {
        var object: JSONObject = [:]
        object["quiver"] = .string(QuiverVersion.current.description)
        object["packs"] = .array(packs.map { pack in
            var entry: JSONObject = [
                "name": .string(pack.manifest.name), "version": .string(pack.manifest.version.description),
                "tier": .string(pack.tier.rawValue), "default": .bool(pack.isDefaultVersion),
                "origin": .string(pack.root == nil ? "built-in" : "directory"),
            ]
            entry["granted"] = .array(pack.grants.decisions.filter(\.isGranted).map { decision in
                ["kind": .string(decision.request.kind.rawValue), "scopes": .array(decision.grantedScopes.map { .string($0) })]
            })
            if let safety = pack.safety { entry["safety"] = SafetyDump.json(safety) }
            return .object(entry)
        })
        var toolEntries: JSONObject = [:]
        for (id, tool) in tools {
            var entry: JSONObject = [
                "pack": .string(tool.pack.description), "handler": .string(tool.tool.handler.kind),
                "input": tool.inputSchema,
            ]
            if let output = tool.outputSchema { entry["output"] = output }
            if let name = tool.exposedName, id == "\(tool.pack.name)/\(tool.tool.name)" { entry["exposed_as"] = .string(name) }
            toolEntries[id] = .object(entry)
        }
        object["tools"] = .object(toolEntries)
        object["exposed_tools"] = .object(JSONObject(exposedTools.map { ($0.key, .string($0.value)) }))
        object["schemas"] = .object(JSONObject(schemas.map { ($0.key, $0.value) }))
        object["services"] = .object(JSONObject(services.map { ($0.key, .string($0.value)) }))
        object["hooks"] = .array(hooks.map { ["pack": .string($0.pack), "point": .string($0.hook.point.rawValue), "tool": .string($0.toolID)] })
        object["background"] = .object(JSONObject(backgroundTasks.map {
            ($0.key, ["tool": .string($0.value.tool), "every_seconds": .number(JSONNumber($0.value.everySeconds))])
        }))
        object["reports"] = .array(reports.map(\.jsonValue))
        object["diagnostics"] = .array(diagnostics.map { .string($0.description) })
        for (key, value) in extensions { object[key] = value }
        return .object(object)
    }

    /// The dump as text with sorted keys, byte-for-byte comparable.
    public func dumpText() -> String {
        dump().serialized(pretty: true, sortedKeys: true)
    }
}

extension InstallReport {
    /// The report as JSON (for `--json` output and the catalog dump). The origin is included only
    /// for built-in packs, so dumps do not depend on directories.
    public var jsonValue: JSONValue {
        var object: JSONObject = [
            "pack": .string(pack), "status": .string(status.rawValue), "tier": .string(tier.rawValue),
        ]
        object["granted"] = .array(decisions.filter(\.isGranted).map { decision in
            ["kind": .string(decision.request.kind.rawValue), "scopes": .array(decision.grantedScopes.map { .string($0) })]
        })
        object["denied"] = .array(decisions.compactMap { decision in
            guard let reason = decision.denialReason else { return nil }
            return ["kind": .string(decision.request.kind.rawValue), "scopes": .array(decision.deniedScopes.map { .string($0) }),
                    "reason": .string(reason)]
        })
        object["installed"] = .array(installed.map { .string($0.description) })
        object["skipped"] = .array(skipped.map { ["contribution": .string($0.contribution.description), "reason": .string($0.reason)] })
        object["diagnostics"] = .array(diagnostics.map { diagnostic in
            var entry: JSONObject = ["severity": .string(diagnostic.severity.rawValue), "message": .string(diagnostic.message)]
            if let location = diagnostic.location {
                if let file = location.file { entry["file"] = .string(Path.lastComponent(file)) }
                if let line = location.line { entry["line"] = .number(JSONNumber(line)) }
                if let column = location.column { entry["column"] = .number(JSONNumber(column)) }
            }
            return .object(entry)
        })
        return .object(object)
    }
}

enum SafetyDump {
    static func json(_ safety: SafetyPolicy) -> JSONValue {
        var object: JSONObject = [:]
        if let paths = safety.writePaths { object["write_paths"] = .array(paths.map { .string($0) }) }
        if let tools = safety.tools { object["tools"] = .array(tools.map { .string($0) }) }
        if let commands = safety.commands { object["commands"] = .array(commands.map { .string($0) }) }
        switch safety.network {
        case .allow?: object["network"] = "allow"
        case .deny?: object["network"] = "deny"
        case .hosts(let hosts)?: object["network"] = .array(hosts.map { .string($0) })
        case nil: break
        }
        return .object(object)
    }
}
