import PackBasics
import PackJSON
import PackModel

extension ManifestDecoder {
    mutating func decodeSchemas(_ value: JSONValue?) -> [SchemaDefinition] {
        guard let value else { return [] }
        var result: [SchemaDefinition] = []
        for (id, item, pointer) in keyedEntries(value, at: "/schemas", what: "'schemas'") {
            if !Identifiers.isIdentifier(id) {
                error(ManifestMessages.invalidIdentifier(id, kind: "schema ID"), at: pointer, key: true)
            }
            switch item {
            case .string(let path): result.append(SchemaDefinition(id: id, source: .file(path)))
            case .object: result.append(SchemaDefinition(id: id, source: .inline(item)))
            case .bool: result.append(SchemaDefinition(id: id, source: .inline(item)))
            default:
                error(ManifestMessages.wrongType("schema '\(id)'", expected: "a file path or an inline JSON Schema",
                                                 found: Self.describe(item)), at: pointer)
            }
        }
        return result
    }

    /// `{ $ref: id }` names a declared schema; a string is a file; any other mapping is an inline schema.
    mutating func schemaReference(_ value: JSONValue, at pointer: String, what: String) -> SchemaReference? {
        switch value {
        case .string(let path):
            return .file(path)
        case .object(let object):
            if object.count == 1, case .string(let ref)? = object["$ref"], Self.isSchemaName(ref) {
                return .named(ref)
            }
            return .inline(value)
        case .bool:
            return .inline(value)
        default:
            error(ManifestMessages.wrongType(what, expected: "a schema ({ $ref: id }, a file path or an inline JSON Schema)",
                                             found: Self.describe(value)), at: pointer)
            return nil
        }
    }

    /// `id` (this pack's schema) or `other-pack/id` (another pack's); anything else is a JSON Schema `$ref`.
    static func isSchemaName(_ ref: String) -> Bool {
        // A file name is never a schema ID: `schemas/x.json` is a relative reference.
        if ref.hasSuffix(".json") || ref.hasSuffix(".yaml") || ref.hasSuffix(".yml") { return false }
        let parts = ref.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return Identifiers.isIdentifier(ref)
        case 2: return Identifiers.isPackName(String(parts[0])) && Identifiers.isIdentifier(String(parts[1]))
        default: return false
        }
    }

    mutating func decodeTools(_ value: JSONValue?) -> [Tool] {
        guard let value, let items = array(value, at: "/tools", what: "'tools'") else { return [] }
        var tools: [Tool] = []
        for (index, item) in items.enumerated() {
            let pointer = Self.child("/tools", index)
            guard let object = object(item, at: pointer, what: "a tool") else { continue }
            let name = string(object, "name", at: pointer, what: "a tool", required: true)
            let what = name.map { "tool '\($0)'" } ?? "tool \(index)"
            checkKeys(object, at: pointer,
                      known: ["name", "description", "input", "output", "handler", "limits", "annotations", "tests"], what: what)
            if let name, !Identifiers.isToolName(name) {
                error(ManifestMessages.invalidToolName(name), at: Self.child(pointer, "name"))
            }
            let description = nonEmptyString(object, "description", at: pointer, what: what, required: true)
            var input: SchemaReference?
            if let inputValue = object["input"] {
                input = schemaReference(inputValue, at: Self.child(pointer, "input"), what: "'input' of \(what)")
            } else {
                error(ManifestMessages.missingKey("input", in: what) + " with a JSON Schema such as { type: object }", at: pointer)
            }
            let output = object["output"].flatMap { schemaReference($0, at: Self.child(pointer, "output"), what: "'output' of \(what)") }
            var handler: Handler?
            if let handlerValue = object["handler"] {
                handler = decodeHandler(handlerValue, at: Self.child(pointer, "handler"), what: what)
            } else {
                error(ManifestMessages.missingKey("handler", in: what) + " such as { wasm: handlers/tool.wasm }", at: pointer)
            }
            let limits = object["limits"].map { decodeLimits($0, at: Self.child(pointer, "limits"), what: what) } ?? ResourceLimits()
            var annotations: JSONObject?
            if let value = object["annotations"] {
                annotations = self.object(value, at: Self.child(pointer, "annotations"), what: "'annotations' of \(what)")
            }
            let tests = object["tests"].map { decodeToolTests($0, at: Self.child(pointer, "tests"), what: what) } ?? []
            if let name, let description, let input, let handler {
                tools.append(Tool(name: name, description: description, input: input, output: output, handler: handler,
                                  limits: limits, annotations: annotations, tests: tests))
            }
        }
        return tools
    }

    private mutating func decodeHandler(_ value: JSONValue, at pointer: String, what: String) -> Handler? {
        guard let object = object(value, at: pointer, what: "the handler of \(what)") else { return nil }
        let kinds = ["wasm", "process", "mcp", "builtin"]
        let present = kinds.filter { object[$0] != nil }
        guard present.count == 1, let kind = present.first else {
            if present.isEmpty {
                let unknown = object.keys.first { !["sha256", "protocol", "env", "tool"].contains($0) }
                let hint = unknown.flatMap { Suggestion.closest(to: $0, in: kinds) }.map { " (did you mean '\($0)'?)" } ?? ""
                error("the handler of \(what) has no kind\(hint); use one of 'wasm', 'process', 'mcp', 'builtin'", at: pointer)
            } else {
                error("the handler of \(what) names several kinds (" + present.map { "'\($0)'" }.joined(separator: ", ")
                      + "); use exactly one", at: pointer)
            }
            return nil
        }
        let handlerWhat = "the \(kind) handler of \(what)"
        switch kind {
        case "wasm":
            checkKeys(object, at: pointer, known: ["wasm", "sha256"], what: handlerWhat)
            guard let module = string(object, "wasm", at: pointer, what: handlerWhat) else { return nil }
            let sha = string(object, "sha256", at: pointer, what: handlerWhat)
            if let sha, !Identifiers.isSHA256(sha) {
                error("'sha256' of \(handlerWhat) is not 64 lower-case hex digits; run 'sha256sum \(module)' and paste the digest",
                      at: Self.child(pointer, "sha256"))
            }
            return .wasm(WasmHandler(module: module, sha256: sha))
        case "process":
            checkKeys(object, at: pointer, known: ["process", "protocol", "env"], what: handlerWhat)
            guard let command = strings(object, "process", at: pointer, what: handlerWhat, allowSingle: true) else { return nil }
            if command.isEmpty || command[0].isEmpty {
                error("'process' of \(handlerWhat) is empty; give the command and its arguments, such as ['python3', 'tool.py']",
                      at: Self.child(pointer, "process"))
                return nil
            }
            var proto = ProcessHandler.WireProtocol.json
            if let text = string(object, "protocol", at: pointer, what: handlerWhat) {
                guard let parsed = ProcessHandler.WireProtocol(rawValue: text) else {
                    error("protocol '\(text)' of \(handlerWhat) is not known; use 'json' or 'mcp'", at: Self.child(pointer, "protocol"))
                    return nil
                }
                proto = parsed
            }
            let env = stringMap(object, "env", at: pointer, what: handlerWhat) ?? [:]
            return .process(ProcessHandler(command: command, protocol: proto, environment: env))
        case "mcp":
            checkKeys(object, at: pointer, known: ["mcp", "tool"], what: handlerWhat)
            guard let server = string(object, "mcp", at: pointer, what: handlerWhat) else { return nil }
            return .mcp(MCPToolHandler(server: server, tool: string(object, "tool", at: pointer, what: handlerWhat)))
        default:
            checkKeys(object, at: pointer, known: ["builtin"], what: handlerWhat)
            guard let name = nonEmptyString(object, "builtin", at: pointer, what: handlerWhat) else { return nil }
            return .builtin(name)
        }
    }

    private mutating func decodeLimits(_ value: JSONValue, at pointer: String, what: String) -> ResourceLimits {
        guard let object = object(value, at: pointer, what: "'limits' of \(what)") else { return ResourceLimits() }
        let limitsWhat = "the limits of \(what)"
        checkKeys(object, at: pointer, known: ["timeout_ms", "memory_mb", "output_kb", "fuel"], what: limitsWhat)
        return ResourceLimits(
            timeoutMilliseconds: integer(object, "timeout_ms", at: pointer, what: limitsWhat, range: ResourceLimits.timeoutRange),
            memoryMegabytes: integer(object, "memory_mb", at: pointer, what: limitsWhat, range: ResourceLimits.memoryRange),
            outputKilobytes: integer(object, "output_kb", at: pointer, what: limitsWhat, range: ResourceLimits.outputRange),
            fuel: integer(object, "fuel", at: pointer, what: limitsWhat, range: ResourceLimits.fuelRange))
    }

    private mutating func decodeToolTests(_ value: JSONValue, at pointer: String, what: String) -> [ToolTest] {
        guard let items = array(value, at: pointer, what: "'tests' of \(what)") else { return [] }
        var tests: [ToolTest] = []
        for (index, item) in items.enumerated() {
            let testPointer = Self.child(pointer, index)
            let testWhat = "test \(index) of \(what)"
            guard let object = object(item, at: testPointer, what: testWhat) else { continue }
            checkKeys(object, at: testPointer, known: ["name", "input", "expect"], what: testWhat)
            let name = string(object, "name", at: testPointer, what: testWhat)
            guard let input = object["input"] else {
                error(ManifestMessages.missingKey("input", in: testWhat), at: testPointer)
                continue
            }
            guard let expectValue = object["expect"] else {
                error(ManifestMessages.missingKey("expect", in: testWhat) + " with { output: ... } or { error: outcome }", at: testPointer)
                continue
            }
            let expectPointer = Self.child(testPointer, "expect")
            guard let expect = self.object(expectValue, at: expectPointer, what: "'expect' of \(testWhat)") else { continue }
            checkKeys(expect, at: expectPointer, known: ["output", "error"], what: "'expect' of \(testWhat)")
            if let output = expect["output"], expect["error"] == nil {
                tests.append(ToolTest(name: name, input: input, expect: .output(output)))
            } else if expect["output"] == nil, let outcomeText = string(expect, "error", at: expectPointer, what: "'expect' of \(testWhat)") {
                guard let outcome = InvocationOutcome(rawValue: outcomeText), outcome != .ok else {
                    let names = InvocationOutcome.allCases.filter { $0 != .ok }.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                    error("expected error '\(outcomeText)' of \(testWhat) is not an outcome; use one of \(names)",
                          at: Self.child(expectPointer, "error"))
                    continue
                }
                tests.append(ToolTest(name: name, input: input, expect: .outcome(outcome)))
            } else if expect["output"] != nil {
                error("'expect' of \(testWhat) has both 'output' and 'error'; keep one", at: expectPointer)
            } else if expect["error"] == nil {
                error("'expect' of \(testWhat) is empty; write { output: ... } or { error: outcome }", at: expectPointer)
            }
        }
        return tests
    }
}
