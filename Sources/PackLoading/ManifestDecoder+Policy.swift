import PackBasics
import PackJSON
import PackModel

extension ManifestDecoder {
    mutating func decodeRouting(_ value: JSONValue?) -> [RoutingRule] {
        guard let value, let items = array(value, at: "/routing", what: "'routing'") else { return [] }
        var rules: [RoutingRule] = []
        for (index, item) in items.enumerated() {
            let pointer = Self.child("/routing", index)
            let what = "routing rule \(index)"
            guard let object = object(item, at: pointer, what: what) else { continue }
            checkKeys(object, at: pointer, known: ["when", "then"], what: what)
            guard let whenValue = object["when"], let thenValue = object["then"] else {
                error("\(what) needs both 'when' and 'then'", at: pointer)
                continue
            }
            let whenPointer = Self.child(pointer, "when")
            guard let when = self.object(whenValue, at: whenPointer, what: "'when' of \(what)") else { continue }
            checkKeys(when, at: whenPointer, known: ["gate", "step", "result", "outcome", "violation"], what: "'when' of \(what)")
            var condition: RoutingRule.Condition?
            let subjects = ["gate", "step", "violation"].filter { when[$0] != nil }
            if subjects.count > 1 {
                error("'when' of \(what) names " + subjects.map { "'\($0)'" }.joined(separator: " and ")
                      + "; a rule matches one subject, so split it into several rules", at: whenPointer)
                continue
            }
            if when["result"] != nil && when["gate"] == nil {
                error("'result' in 'when' of \(what) applies to gates only; use 'outcome' with 'step'", at: Self.child(whenPointer, "result"))
                continue
            }
            if let gate = string(when, "gate", at: whenPointer, what: "'when'") {
                let resultText = string(when, "result", at: whenPointer, what: "'when'") ?? "fail"
                if let result = RoutingRule.GateResult(rawValue: resultText) {
                    condition = .gate(gate, result: result)
                } else {
                    error("result '\(resultText)' is not known; use 'pass' or 'fail'", at: Self.child(whenPointer, "result"))
                }
            } else if let step = string(when, "step", at: whenPointer, what: "'when'") {
                let outcome = string(when, "outcome", at: whenPointer, what: "'when'") ?? "failed"
                condition = .step(step, outcome: outcome)
            } else if let violation = string(when, "violation", at: whenPointer, what: "'when'") {
                if let kind = RoutingRule.ViolationKind(rawValue: violation) {
                    condition = .violation(kind)
                } else {
                    error("violation '\(violation)' is not known; use 'capability', 'safety' or 'limit'", at: Self.child(whenPointer, "violation"))
                }
            } else {
                error("'when' of \(what) must name a 'gate', a 'step' or a 'violation'", at: whenPointer)
            }
            guard let condition, let action = decodeRoutingAction(thenValue, at: Self.child(pointer, "then"), what: what) else { continue }
            rules.append(RoutingRule(when: condition, then: action))
        }
        return rules
    }

    private mutating func decodeRoutingAction(_ value: JSONValue, at pointer: String, what: String) -> RoutingRule.Action? {
        let expected = "'abort', 'continue', 'skip', { retry: N }, { goto: step } or { escalate: message }"
        switch value {
        case .string("abort"): return .abort
        case .string("continue"): return .continue
        case .string("skip"): return .skip
        case .object(let object) where object.count == 1:
            if case .number(let n)? = object["retry"], let count = n.intValue, (1...10).contains(count) { return .retry(count) }
            if case .string(let step)? = object["goto"] { return .goto(step) }
            if case .string(let message)? = object["escalate"] { return .escalate(message) }
        default: break
        }
        error("'then' of \(what) must be \(expected) (retry between 1 and 10)", at: pointer)
        return nil
    }

    mutating func decodeSafety(_ value: JSONValue?) -> SafetyPolicy? {
        guard let value, let object = object(value, at: "/safety", what: "'safety'") else { return nil }
        checkKeys(object, at: "/safety", known: ["write_paths", "tools", "commands", "network"], what: "'safety'")
        var policy = SafetyPolicy(
            writePaths: strings(object, "write_paths", at: "/safety", what: "'safety'"),
            tools: strings(object, "tools", at: "/safety", what: "'safety'"),
            commands: strings(object, "commands", at: "/safety", what: "'safety'"))
        for (index, path) in (policy.writePaths ?? []).enumerated() {
            if let problem = CapabilitySyntax.problem(with: path, kind: .fsWrite) {
                error("write path '\(path)' \(problem)", at: "/safety/write_paths/\(index)")
            }
        }
        switch object["network"] {
        case nil: break
        case .string("allow")?: policy.network = .allow
        case .string("deny")?: policy.network = .deny
        case .array?:
            if let hosts = strings(object, "network", at: "/safety", what: "'safety'") {
                for (index, host) in hosts.enumerated() {
                    if let problem = CapabilitySyntax.problem(with: host, kind: .net) {
                        error("network host '\(host)' \(problem)", at: "/safety/network/\(index)")
                    }
                }
                policy.network = .hosts(hosts)
            }
        default:
            error("'network' of 'safety' must be 'allow', 'deny' or a list of 'host:port' patterns", at: "/safety/network")
        }
        return policy
    }

    mutating func decodeServices(_ value: JSONValue?) -> Services {
        guard let value, let object = object(value, at: "/services", what: "'services'") else { return Services() }
        checkKeys(object, at: "/services", known: ["provides", "requires"], what: "'services'")
        var services = Services()
        if let provides = object["provides"], let items = array(provides, at: "/services/provides", what: "'services.provides'") {
            for (index, item) in items.enumerated() {
                let pointer = Self.child("/services/provides", index)
                guard let entry = self.object(item, at: pointer, what: "a provided service") else { continue }
                checkKeys(entry, at: pointer, known: ["id", "tool"], what: "a provided service")
                guard let id = string(entry, "id", at: pointer, what: "a provided service", required: true),
                      let tool = string(entry, "tool", at: pointer, what: "provided service '\(id)'", required: true) else { continue }
                if !Identifiers.isIdentifier(id) { error(ManifestMessages.invalidIdentifier(id, kind: "service ID"), at: Self.child(pointer, "id")) }
                services.provides.append(ProvidedService(id: id, tool: tool))
            }
        }
        if let requires = object["requires"], let items = array(requires, at: "/services/requires", what: "'services.requires'") {
            for (index, item) in items.enumerated() {
                let pointer = Self.child("/services/requires", index)
                if case .string(let id) = item {
                    if !Identifiers.isIdentifier(id) { error(ManifestMessages.invalidIdentifier(id, kind: "service ID"), at: pointer) }
                    services.requires.append(RequiredService(id: id))
                    continue
                }
                guard let entry = self.object(item, at: pointer, what: "a required service") else { continue }
                checkKeys(entry, at: pointer, known: ["id", "optional"], what: "a required service")
                guard let id = string(entry, "id", at: pointer, what: "a required service", required: true) else { continue }
                if !Identifiers.isIdentifier(id) { error(ManifestMessages.invalidIdentifier(id, kind: "service ID"), at: Self.child(pointer, "id")) }
                services.requires.append(RequiredService(id: id, optional: boolean(entry, "optional", at: pointer, what: "required service '\(id)'") ?? false))
            }
        }
        return services
    }

    mutating func decodeHooks(_ value: JSONValue?) -> [Hook] {
        guard let value, let items = array(value, at: "/hooks", what: "'hooks'") else { return [] }
        var hooks: [Hook] = []
        for (index, item) in items.enumerated() {
            let pointer = Self.child("/hooks", index)
            guard let object = object(item, at: pointer, what: "a hook") else { continue }
            checkKeys(object, at: pointer, known: ["point", "tool", "match"], what: "a hook")
            guard let pointText = string(object, "point", at: pointer, what: "a hook", required: true),
                  let tool = string(object, "tool", at: pointer, what: "a hook", required: true) else { continue }
            guard let point = Hook.Point(rawValue: pointText) else {
                let names = Hook.Point.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                error("hook point '\(pointText)' is not known; use one of \(names)", at: Self.child(pointer, "point"))
                continue
            }
            let match = strings(object, "match", at: pointer, what: "a hook", allowSingle: true)
            for (matchIndex, glob) in (match ?? []).enumerated() {
                do { _ = try Glob(glob) } catch {
                    self.error("hook match \(error); fix the pattern", at: Self.child(Self.child(pointer, "match"), matchIndex))
                }
            }
            hooks.append(Hook(point: point, tool: tool, match: match))
        }
        return hooks
    }

    mutating func decodeBackground(_ value: JSONValue?) -> [BackgroundTask] {
        guard let value, let items = array(value, at: "/background", what: "'background'") else { return [] }
        var tasks: [BackgroundTask] = []
        for (index, item) in items.enumerated() {
            let pointer = Self.child("/background", index)
            guard let object = object(item, at: pointer, what: "a background task") else { continue }
            checkKeys(object, at: pointer, known: ["name", "every", "tool"], what: "a background task")
            guard let name = string(object, "name", at: pointer, what: "a background task", required: true),
                  let every = string(object, "every", at: pointer, what: "background task '\(name)'", required: true),
                  let tool = string(object, "tool", at: pointer, what: "background task '\(name)'", required: true) else { continue }
            guard let seconds = Self.durationSeconds(every), seconds >= 10, seconds <= 7 * 86_400 else {
                error("'every' of background task '\(name)' is '\(every)'; use a duration between 10s and 7d such as '30s', '5m', '1h', '1d'",
                      at: Self.child(pointer, "every"))
                continue
            }
            tasks.append(BackgroundTask(name: name, everySeconds: seconds, tool: tool))
        }
        return tasks
    }

    /// `30s`, `5m`, `1h`, `1d` (and combinations such as `1h30m`) in seconds.
    static func durationSeconds(_ text: String) -> Int? {
        var total = 0
        var number = 0
        var sawDigit = false
        for byte in text.utf8 {
            if Identifiers.isDigit(byte) {
                number = number * 10 + Int(byte - UInt8(ascii: "0"))
                if number > 10_000_000 { return nil }
                sawDigit = true
                continue
            }
            guard sawDigit else { return nil }
            switch byte {
            case UInt8(ascii: "s"): total += number
            case UInt8(ascii: "m"): total += number * 60
            case UInt8(ascii: "h"): total += number * 3600
            case UInt8(ascii: "d"): total += number * 86_400
            default: return nil
            }
            number = 0
            sawDigit = false
        }
        return sawDigit || total == 0 ? nil : total
    }
}
