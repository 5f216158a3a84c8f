import PackGraph
import PackJSON
import PackModel

/// JSON forms of graphs and routing rules for the catalog dump.
enum GraphDump {
    static func json(_ graph: GraphSpec) -> JSONValue {
        var object: JSONObject = [
            "steps": .array(graph.steps.map { step in
                var entry: JSONObject = [
                    "id": .string(step.id), "template": .string(step.template), "action": json(step.action),
                    "depends_on": .array(step.dependsOn.map { .string($0) }), "retry_max": .number(JSONNumber(step.retryMax)),
                    "gates": .array(step.gates.map(json)),
                ]
                if !step.arguments.isEmpty { entry["with"] = .object(step.arguments) }
                if let timeout = step.timeoutMilliseconds { entry["timeout_ms"] = .number(JSONNumber(timeout)) }
                return .object(entry)
            }),
            "verify": .array(graph.verify.map(json)),
            "routing": .array(graph.routing.map(json)),
        ]
        if let params = graph.params { object["params"] = params }
        return .object(object)
    }

    static func json(_ action: ResolvedAction) -> JSONValue {
        switch action {
        case .tool(let id, let input):
            var object: JSONObject = ["tool": .string(id)]
            if let input { object["input"] = input }
            return .object(object)
        case .command(let argv):
            return ["command": .array(argv.map { .string($0) })]
        }
    }

    static func json(_ gate: GateSpec) -> JSONValue {
        var object: JSONObject = ["id": .string(gate.id), "action": json(gate.action)]
        switch gate.expect {
        case .exitStatus(let status)?: object["expect_exit"] = .number(JSONNumber(Int(status)))
        case .output(let output)?: object["expect_output"] = output
        case nil: break
        }
        return .object(object)
    }

    static func json(_ rule: RoutingRule) -> JSONValue {
        let when: JSONValue = switch rule.when {
        case .gate(let gate, let result): ["gate": .string(gate), "result": .string(result.rawValue)]
        case .step(let step, let outcome): ["step": .string(step), "outcome": .string(outcome)]
        case .violation(let kind): ["violation": .string(kind.rawValue)]
        }
        let then: JSONValue = switch rule.then {
        case .abort: "abort"
        case .continue: "continue"
        case .skip: "skip"
        case .retry(let count): ["retry": .number(JSONNumber(count))]
        case .goto(let step): ["goto": .string(step)]
        case .escalate(let message): ["escalate": .string(message)]
        }
        return ["when": when, "then": then]
    }
}
