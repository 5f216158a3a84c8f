import CYaml
import PackJSON

/// Reads one YAML document into a ``JSONValue`` through libyaml's event API.
///
/// It builds values iteratively (an explicit stack, no recursion), so nesting cannot overflow the
/// stack, and it enforces ``DocumentLimits``: depth, and a node budget that counts what aliases
/// expand to, so an alias bomb is refused after reading its few hundred bytes. Duplicate keys are
/// errors. Scalars resolve by the YAML 1.2 core schema: `null`/`~`/empty, `true`/`false`, integers
/// (decimal, `0x`, `0o`), floats; everything else, and every quoted scalar, is a string.
struct YAMLReader {
    let limits: DocumentLimits
    /// Whether to record the position of every value and key (costs time; used for diagnostics).
    let recordPositions: Bool

    /// One open mapping or sequence. Its children wait on the reader's shared key and value
    /// stacks (from `keyStart` and `valueStart`) and move into one exactly sized array when it
    /// closes, so building a container never reallocates as it grows.
    private struct Frame {
        var isSequence: Bool
        var anchor: String?
        var keyStart: Int
        var valueStart: Int
        var pendingKey: String?
        /// Key positions of a mapping with more keys than ``JSONObject/indexThreshold``, for
        /// finding duplicates (smaller mappings are searched linearly).
        var index: [String: Int]?
        var nodes = 1
    }

    /// Parses `bytes` (already checked to be UTF-8 without NUL bytes).
    func read(_ bytes: [UInt8]) throws(DocumentError) -> (JSONValue, SourceMap) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw DocumentError("cannot initialise the YAML parser") }
        defer { yaml_parser_delete(&parser) }
        var result: Result<(JSONValue, SourceMap), DocumentError> = .failure(DocumentError("empty document"))
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            do throws(DocumentError) {
                result = .success(try run(&parser, bytes: buffer))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    private func run(_ parser: inout yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) throws(DocumentError) -> (JSONValue, SourceMap) {
        var stack: [Frame] = []
        var keys = MoveStack<String>()
        var values = MoveStack<JSONValue>()
        var anchors: [String: (value: JSONValue, nodes: Int)] = [:]
        var totalNodes = 0
        var root: JSONValue?
        var documents = 0
        var map = SourceMap()
        var path: [String] = []   // pointer tokens, only maintained when recording positions

        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                throw parserError(parser, bytes: bytes)
            }
            defer { yaml_event_delete(&event) }
            let mark = SourceMap.Position(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)

            var produced: (JSONValue, Int)?
            var producedAnchor: String?

            switch event.type {
            case YAML_STREAM_START_EVENT, YAML_NO_EVENT:
                continue
            case YAML_STREAM_END_EVENT:
                return (root ?? .null, map)
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw DocumentError("found a second YAML document ('---'); a manifest holds exactly one document",
                                        line: mark.line, column: mark.column)
                }
                continue
            case YAML_DOCUMENT_END_EVENT:
                continue
            case YAML_ALIAS_EVENT:
                let name = Self.string(event.data.alias.anchor)
                guard let anchored = anchors[name] else {
                    throw DocumentError("alias '*\(name)' refers to no anchor; define '&\(name)' before using it",
                                        line: mark.line, column: mark.column)
                }
                produced = (anchored.value, anchored.nodes)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let raw = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
                let plain = scalar.style == YAML_PLAIN_SCALAR_STYLE
                if scalar.tag == nil, let value = Self.resolveUntagged(raw, plain: plain) {
                    produced = (value, 1)
                } else {
                    let text = String(decoding: raw, as: UTF8.self)
                    let tag = scalar.tag.map { String(cString: $0) }
                    produced = (try Self.resolve(text, plain: plain, tag: tag, mark: mark), 1)
                }
                producedAnchor = scalar.anchor.map { String(cString: $0) }
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                if stack.count >= limits.maxDepth {
                    throw DocumentError(
                        "nesting is deeper than \(limits.maxDepth) levels; flatten the document",
                        line: mark.line, column: mark.column)
                }
                if recordPositions, !stack.isEmpty || root == nil {
                    map.values[Self.pointer(path)] = mark
                }
                let isSequence = event.type == YAML_SEQUENCE_START_EVENT
                let anchor = (isSequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor)
                    .map { String(cString: $0) }
                stack.append(Frame(isSequence: isSequence, anchor: anchor, keyStart: keys.count, valueStart: values.count))
                if recordPositions, isSequence { path.append("0") }
                continue
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let frame = stack.removeLast()
                if frame.isSequence {
                    if recordPositions { path.removeLast() }
                    produced = (.array(values.popValues(from: frame.valueStart)), frame.nodes)
                } else {
                    let objectKeys = keys.popKeys(from: frame.keyStart)
                    let objectValues = values.popValues(from: frame.valueStart)
                    produced = (.object(JSONObject(uniqueKeys: objectKeys, values: objectValues, index: frame.index)), frame.nodes)
                }
                producedAnchor = frame.anchor
            default:
                continue
            }

            guard let (value, nodes) = produced else { continue }
            // Each value counts once when produced; an alias counts everything it expands to.
            totalNodes += event.type == YAML_ALIAS_EVENT ? nodes : 1
            if totalNodes > limits.maxNodes {
                throw DocumentError(
                    "document expands to more than \(limits.maxNodes) values (aliases included); "
                        + "remove aliases that repeat large structures",
                    line: mark.line, column: mark.column)
            }
            if let producedAnchor { anchors[producedAnchor] = (value, nodes) }

            // Attach the value to its parent, in place.
            guard !stack.isEmpty else {
                if recordPositions, case .scalar = Self.kind(value) { map.values[""] = mark }
                root = value
                continue
            }
            let top = stack.count - 1
            stack[top].nodes += nodes
            let isLeaf = event.type == YAML_SCALAR_EVENT || event.type == YAML_ALIAS_EVENT
            if stack[top].isSequence {
                if recordPositions, isLeaf { map.values[Self.pointer(path)] = mark }
                values.pushValue(value)
                if recordPositions { path[path.count - 1] = String(values.count - stack[top].valueStart) }
            } else if let key = stack[top].pendingKey {
                if recordPositions {
                    if isLeaf { map.values[Self.pointer(path)] = mark }
                    path.removeLast()
                }
                let position = keys.count - stack[top].keyStart
                if stack[top].index != nil {
                    stack[top].index![key] = position
                } else if position == JSONObject.indexThreshold {
                    var index: [String: Int] = [:]
                    for earlier in 0..<position { index[keys.key(at: stack[top].keyStart + earlier)] = earlier }
                    index[key] = position
                    stack[top].index = index
                }
                keys.pushKey(key)
                values.pushValue(value)
                stack[top].pendingKey = nil
            } else {
                guard case .string(let key) = Self.keyText(value) else {
                    throw DocumentError("a mapping key must be a string, not \(Self.kind(value)); quote the key",
                                        line: mark.line, column: mark.column)
                }
                let isDuplicate: Bool
                if let index = stack[top].index {
                    isDuplicate = index[key] != nil
                } else {
                    isDuplicate = keys.containsKey(key, from: stack[top].keyStart)
                }
                guard !isDuplicate else {
                    throw DocumentError("duplicate key '\(key)'; each key may appear once in a mapping",
                                        line: mark.line, column: mark.column)
                }
                if recordPositions {
                    path.append(key)
                    map.keys[Self.pointer(path)] = mark
                }
                stack[top].pendingKey = key
            }
        }
    }

    private enum KeyText { case string(String), other }

    /// Scalar keys become strings (`200:` is the key "200"); containers and null cannot be keys.
    private static func keyText(_ value: JSONValue) -> KeyText {
        switch value {
        case .string(let s): .string(s)
        case .number(let n): .string(n.description)
        case .bool(let b): .string(b ? "true" : "false")
        default: .other
        }
    }

    private enum Kind: CustomStringConvertible {
        case scalar, sequence, mapping, null
        var description: String {
            switch self {
            case .scalar: "a scalar"
            case .sequence: "a sequence"
            case .mapping: "a mapping"
            case .null: "null"
            }
        }
    }

    private static func kind(_ value: JSONValue) -> Kind {
        switch value {
        case .array: .sequence
        case .object: .mapping
        case .null: .null
        default: .scalar
        }
    }

    static func pointer(_ tokens: [String]) -> String {
        var text = ""
        for token in tokens {
            text += "/"
            if token.contains("~") || token.contains("/") {
                text += token.replacingOccurrences("~", "~0").replacingOccurrences("/", "~1")
            } else {
                text += token
            }
        }
        return text
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    private func parserError(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) -> DocumentError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let line = Int(parser.problem_mark.line) + 1, column = Int(parser.problem_mark.column) + 1
        if problem.contains("nesting level") {
            return DocumentError("nesting is deeper than \(limits.maxDepth) levels; flatten the document", line: line, column: column)
        }
        let offset = Int(parser.problem_mark.index)
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "\t") {
            return DocumentError("a tab character cannot indent YAML; indent with spaces", line: line, column: column)
        }
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) { message += " " + context }
        message += "; check indentation, quoting and brackets near this position"
        return DocumentError(message, line: line, column: column)
    }
}

extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        guard contains(target) else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

extension Substring {
    func range(of target: String) -> Range<Index>? {
        guard !target.isEmpty else { return nil }
        var start = startIndex
        while start < endIndex {
            if self[start...].hasPrefix(target) {
                return start..<index(start, offsetBy: target.count)
            }
            start = index(after: start)
        }
        return nil
    }
}
