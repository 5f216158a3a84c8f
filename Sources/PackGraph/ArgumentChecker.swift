import PackJSON
import PackSchema

/// Validates arguments that may still hold `{{name}}` placeholders against a JSON Schema.
///
/// A placeholder's value is unknown until the graph runs, so it is neither accepted nor
/// rejected. Before validation, every object member whose value is a string holding a
/// placeholder, or an array holding one (directly or in nested arrays), is removed. The
/// remaining values are validated, and the errors a removed member could have caused are
/// ignored:
///
/// - at an object that lost a member: `required` for a removed member (a `required` error for a
///   member that is really missing is kept), and `dependentRequired`, `dependencies` and
///   `minProperties`;
/// - at that object or any object or array containing it: `enum`, `const` and `uniqueItems`;
/// - anywhere, once any member was removed: errors raised inside `oneOf`, `anyOf`, `not`,
///   `if`/`then`/`else`, `dependentSchemas` or `dependencies`, since a removed value could change
///   which branch applies.
///
/// Every other error is reported. The check never rejects arguments that some placeholder
/// values would make valid; it may accept arguments that no values could make valid.
struct ArgumentChecker {
    /// The deepest nesting of arrays and objects in arguments that is checked. (Default: 100.)
    static let maximumDepth = 100

    /// The outcome of a check.
    enum Outcome: Equatable {
        case valid
        /// Error descriptions such as "at /count: 'x' is not an integer".
        case invalid([String])
        /// The arguments nest deeper than ``maximumDepth``.
        case tooDeep
    }

    private static let memberKeywords: Set<String> = ["dependentRequired", "dependencies", "minProperties"]
    private static let wholeValueKeywords: Set<String> = ["enum", "const", "uniqueItems"]
    private static let branchKeywords: Set<String> = ["oneOf", "anyOf", "not", "if", "then", "else", "dependentSchemas",
                                                     "dependencies"]

    /// Checks `arguments` against `validator`.
    static func check(_ arguments: JSONValue, with validator: JSONSchemaValidator) -> Outcome {
        // A value that is itself a placeholder, or an array of them, is unknown as a whole.
        if holdsPlaceholder(arguments) { return .valid }
        var pruned: [String: Set<String>] = [:]
        guard let known = prune(arguments, pointer: "", depth: 0, pruned: &pruned) else { return .tooDeep }
        let result = validator.validate(known)
        if result.isValid { return .valid }
        let errors = pruned.isEmpty ? result.errors : result.errors.filter { !isExplainedByPruning($0, pruned: pruned) }
        return errors.isEmpty ? .valid : .invalid(errors.map(\.description))
    }

    /// Whether a removed member could have caused `error`.
    private static func isExplainedByPruning(_ error: ValidationError, pruned: [String: Set<String>]) -> Bool {
        let keywordPath = error.keywordLocation.split(separator: "/").map(String.init)
        if keywordPath.contains(where: branchKeywords.contains) { return true }
        guard let keyword = keywordPath.last else { return false }
        let location = error.instanceLocation
        if keyword == "required" {
            guard let removed = pruned[location] else { return false }
            // The validator words a missing member the same way whatever the schema; ask it how.
            return removed.contains { key in missingMemberMessage(key).map { $0 == error.message } ?? true }
        }
        if memberKeywords.contains(keyword) { return pruned[location] != nil }
        if wholeValueKeywords.contains(keyword) {
            return pruned.keys.contains { $0 == location || location.isEmpty || $0.hasPrefix(location + "/") }
        }
        return false
    }

    /// The validator's message for a missing member `key`, or `nil` if it cannot be found out.
    private static func missingMemberMessage(_ key: String) -> String? {
        guard let probe = try? JSONSchemaValidator(schema: ["required": [.string(key)]]) else { return nil }
        return probe.validate([:]).errors.first?.message
    }

    /// `value` without the members that hold placeholders; `nil` when it nests too deep.
    ///
    /// `pruned` collects the JSON pointers of the objects that lost members, with the members' keys.
    private static func prune(_ value: JSONValue, pointer: String, depth: Int, pruned: inout [String: Set<String>]) -> JSONValue? {
        guard depth <= maximumDepth else { return nil }
        switch value {
        case .object(let object):
            var kept: [(String, JSONValue)] = []
            kept.reserveCapacity(object.count)
            var removed = Set<String>()
            for (key, member) in object {
                if holdsPlaceholder(member) {
                    removed.insert(key)
                    continue
                }
                guard let prunedMember = prune(member, pointer: pointer + "/" + escape(key), depth: depth + 1, pruned: &pruned)
                else { return nil }
                kept.append((key, prunedMember))
            }
            if !removed.isEmpty { pruned[pointer] = removed }
            return .object(JSONObject(kept))
        case .array(let items):
            var kept: [JSONValue] = []
            kept.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                guard let prunedItem = prune(item, pointer: pointer + "/\(index)", depth: depth + 1, pruned: &pruned)
                else { return nil }
                kept.append(prunedItem)
            }
            return .array(kept)
        case .null, .bool, .number, .string:
            return value
        }
    }

    /// Whether `value` is a string with a placeholder, or an array holding one (through nested arrays).
    private static func holdsPlaceholder(_ value: JSONValue) -> Bool {
        var stack = [value]
        while let current = stack.popLast() {
            switch current {
            case .string(let text):
                if Placeholder.containsPlaceholder(text) { return true }
            case .array(let items):
                stack.append(contentsOf: items)
            case .null, .bool, .number, .object:
                break
            }
        }
        return false
    }

    /// Escapes a JSON pointer token (RFC 6901).
    private static func escape(_ token: String) -> String {
        guard token.contains("~") || token.contains("/") else { return token }
        return token.replacing("~", with: "~0").replacing("/", with: "~1")
    }
}
