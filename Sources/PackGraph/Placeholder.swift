public import PackJSON

/// The `{{name}}` placeholders of step and gate templates and recipe arguments.
///
/// A placeholder is `{{`, optional spaces, a name, optional spaces and `}}`. A name starts with a
/// letter or `_` and goes on with letters, digits, `_` and `-` (`{{version}}`, `{{ model_name }}`).
/// Anything else between braces, such as `{{}}` or `{{a b}}`, is ordinary text. `${project}` and
/// other `${...}` path variables are not placeholders.
///
/// Substitution keeps types where it can: a string that is exactly one placeholder becomes the
/// parameter's value as it is (a number stays a number); a placeholder inside longer text is
/// replaced by the value's text (a string as written, anything else as compact JSON).
///
/// ```swift
/// Placeholder.names(in: "v{{version}}-{{ part }}")      // ["version", "part"]
/// Placeholder.substitute(in: "{{count}}", from: ["count": 3]).value   // 3 (a number)
/// ```
public enum Placeholder {
    /// The deepest nesting of arrays and objects that substituting into a JSON value walks. (Default: 512.)
    ///
    /// Deeper values are returned unchanged below that depth and reported in
    /// ``Substitution/isTruncated``.
    public static let maximumDepth = 512

    /// The result of substituting placeholders.
    public struct Substitution: Sendable, Hashable {
        /// The value with every known placeholder replaced.
        public var value: JSONValue
        /// Names that had no parameter, in order of first appearance; they are left as written.
        public var missing: [String]
        /// Whether the value nests deeper than ``Placeholder/maximumDepth`` and was not fully walked.
        public var isTruncated: Bool
    }

    /// The placeholder names in `text`, in order of first appearance, each once.
    public static func names(in text: String) -> [String] {
        var result: [String] = []
        for token in scan(text) {
            if case .placeholder(let name) = token, !result.contains(name) { result.append(name) }
        }
        return result
    }

    /// Whether `text` contains at least one placeholder.
    public static func containsPlaceholder(_ text: String) -> Bool {
        scan(text).contains { if case .placeholder = $0 { true } else { false } }
    }

    /// The placeholder names in every string of `value` (object keys excluded), in order of first
    /// appearance, each once. The walk is iterative, so any depth is safe.
    public static func names(in value: JSONValue) -> [String] {
        var result: [String] = []
        var seen = Set<String>()
        var stack = [value]
        while let current = stack.popLast() {
            switch current {
            case .string(let text):
                for name in names(in: text) where seen.insert(name).inserted { result.append(name) }
            case .array(let items):
                stack.append(contentsOf: items.reversed())
            case .object(let object):
                stack.append(contentsOf: object.values.reversed())
            case .null, .bool, .number:
                break
            }
        }
        return result
    }

    /// Replaces the placeholders of `text` with parameters.
    ///
    /// - Returns: The new value: the parameter itself when `text` is exactly one placeholder,
    ///   otherwise a string.
    public static func substitute(in text: String, from parameters: JSONObject) -> Substitution {
        let tokens = scan(text)
        var missing: [String] = []
        if tokens.count == 1, case .placeholder(let name) = tokens[0] {
            if let value = parameters[name] { return Substitution(value: value, missing: [], isTruncated: false) }
            return Substitution(value: .string(text), missing: [name], isTruncated: false)
        }
        var output = ""
        for token in tokens {
            switch token {
            case .text(let literal):
                output += literal
            case .placeholder(let name):
                switch parameters[name] {
                case .string(let string)?: output += string
                case let value?: output += value.description
                case nil:
                    if !missing.contains(name) { missing.append(name) }
                    output += "{{\(name)}}"
                }
            }
        }
        return Substitution(value: .string(output), missing: missing, isTruncated: false)
    }

    /// Replaces the placeholders in every string of `value` (object keys are left alone).
    public static func substitute(in value: JSONValue, from parameters: JSONObject) -> Substitution {
        var missing: [String] = []
        var truncated = false
        let result = value.mappingStrings(maximumDepth: maximumDepth, truncated: &truncated) { text in
            let substitution = substitute(in: text, from: parameters)
            for name in substitution.missing where !missing.contains(name) { missing.append(name) }
            return substitution.value
        }
        return Substitution(value: result, missing: missing, isTruncated: truncated)
    }

    enum Token: Equatable {
        case text(String)
        case placeholder(String)
    }

    /// Splits `text` into literal runs and placeholders.
    static func scan(_ text: String) -> [Token] {
        let bytes = Array(text.utf8)
        var tokens: [Token] = []
        var literalStart = 0
        var index = 0
        func flushLiteral(upTo end: Int) {
            if end > literalStart { tokens.append(.text(String(decoding: bytes[literalStart..<end], as: UTF8.self))) }
        }
        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{"),
                  let (name, end) = placeholder(in: bytes, from: index + 2) else {
                index += 1
                continue
            }
            flushLiteral(upTo: index)
            tokens.append(.placeholder(name))
            index = end
            literalStart = end
        }
        flushLiteral(upTo: bytes.count)
        return tokens
    }

    /// The name and end offset of a placeholder whose `{{` ends just before `start`.
    private static func placeholder(in bytes: [UInt8], from start: Int) -> (String, Int)? {
        var cursor = start
        while cursor < bytes.count && bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
        let nameStart = cursor
        guard cursor < bytes.count, isNameStart(bytes[cursor]) else { return nil }
        cursor += 1
        while cursor < bytes.count && isNameContinuation(bytes[cursor]) { cursor += 1 }
        let nameEnd = cursor
        while cursor < bytes.count && bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
        guard cursor + 1 < bytes.count, bytes[cursor] == UInt8(ascii: "}"), bytes[cursor + 1] == UInt8(ascii: "}") else {
            return nil
        }
        return (String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self), cursor + 2)
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || byte == UInt8(ascii: "_")
    }

    private static func isNameContinuation(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
    }
}

extension JSONValue {
    /// A copy with every string (not object keys) replaced by `transform`, built with an explicit
    /// stack; containers nested deeper than `maximumDepth` are kept as they are and set `truncated`.
    func mappingStrings(maximumDepth: Int, truncated: inout Bool, _ transform: (String) -> JSONValue) -> JSONValue {
        if case .string(let text) = self { return transform(text) }
        guard let root = StringMapFrame(self) else { return self }
        var stack = [root]
        while true {
            let top = stack.count - 1
            guard let child = stack[top].nextChild() else {
                let done = stack.removeLast().value
                if stack.isEmpty { return done }
                stack[stack.count - 1].built.append(done)
                continue
            }
            if case .string(let text) = child {
                stack[top].built.append(transform(text))
            } else if let nested = StringMapFrame(child) {
                if stack.count < maximumDepth {
                    stack.append(nested)
                } else {
                    truncated = true
                    stack[top].built.append(child)
                }
            } else {
                stack[top].built.append(child)
            }
        }
    }
}

/// One array or object being rebuilt by ``JSONValue/mappingStrings(maximumDepth:truncated:_:)``.
private struct StringMapFrame {
    let keys: [String]?
    let items: [JSONValue]
    var next = 0
    var built: [JSONValue] = []

    init?(_ value: JSONValue) {
        switch value {
        case .array(let array):
            keys = nil
            items = array
        case .object(let object):
            keys = object.keys
            items = object.values
        default:
            return nil
        }
        built.reserveCapacity(items.count)
    }

    mutating func nextChild() -> JSONValue? {
        guard next < items.count else { return nil }
        defer { next += 1 }
        return items[next]
    }

    var value: JSONValue {
        guard let keys else { return .array(built) }
        return .object(JSONObject(Array(zip(keys, built))))
    }
}
