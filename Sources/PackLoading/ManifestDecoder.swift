import PackBasics
import PackJSON
import PackModel

/// Turns a parsed document into a ``Manifest``, reporting every structural problem.
///
/// It checks shapes and value syntax (types, required keys, unknown keys, names, versions, ranges);
/// cross-references and files are the ``ManifestValidator``'s job. Diagnostics carry a JSON pointer;
/// the loader adds line and column from the document's source map.
struct ManifestDecoder {
    /// Diagnostics found so far (pointer locations only).
    private(set) var diagnostics: [Diagnostic] = []
    /// The manifest file name, for locations.
    let file: String

    init(file: String) {
        self.file = file
    }

    // MARK: Reporting

    mutating func error(_ message: String, at pointer: String, key: Bool = false) {
        diagnostics.append(.error(message, at: location(pointer, key: key)))
    }

    mutating func warning(_ message: String, at pointer: String, key: Bool = false) {
        diagnostics.append(.warning(message, at: location(pointer, key: key)))
    }

    private func location(_ pointer: String, key: Bool) -> SourceLocation {
        // A trailing "#key" marks a pointer whose key (not value) is the right place to point at.
        SourceLocation(file: file, pointer: key ? pointer + ManifestDecoder.keyMarker : pointer)
    }

    /// Suffix of a pointer that asks for the key's position rather than the value's.
    static let keyMarker = "#key"

    // MARK: Shapes

    static func child(_ pointer: String, _ key: String) -> String {
        if key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) {
            return pointer + "/" + key.replacingOccurrences("~", "~0").replacingOccurrences("/", "~1")
        }
        return pointer + "/" + key
    }

    static func child(_ pointer: String, _ index: Int) -> String { pointer + "/" + String(index) }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "a mapping"
        }
    }

    mutating func object(_ value: JSONValue, at pointer: String, what: String) -> JSONObject? {
        if case .object(let object) = value { return object }
        error(ManifestMessages.wrongType(what, expected: "a mapping", found: Self.describe(value)), at: pointer)
        return nil
    }

    mutating func array(_ value: JSONValue, at pointer: String, what: String) -> [JSONValue]? {
        if case .array(let array) = value { return array }
        error(ManifestMessages.wrongType(what, expected: "a list", found: Self.describe(value)), at: pointer)
        return nil
    }

    /// Reports keys of `object` that are not in `known`; an error inside typed objects, a warning at the top level.
    mutating func checkKeys(_ object: JSONObject, at pointer: String, known: [String], what: String, warnOnly: Bool = false) {
        for (key, _) in object where !known.contains(key) {
            let suggestion = Suggestion.closest(to: key, in: known)
            let message = ManifestMessages.unknownKey(key, in: what, suggestion: suggestion, known: known)
            if warnOnly {
                warning(message, at: Self.child(pointer, key), key: true)
            } else {
                error(message, at: Self.child(pointer, key), key: true)
            }
        }
    }

    mutating func string(_ object: JSONObject, _ key: String, at pointer: String, what: String, required: Bool = false) -> String? {
        guard let value = object[key] else {
            if required { error(ManifestMessages.missingKey(key, in: what), at: pointer) }
            return nil
        }
        switch value {
        case .string(let text):
            return text
        case .number(let number):
            error(ManifestMessages.wrongType("'\(key)' of \(what)", expected: "a string", found: "the number \(number)")
                  + "; quote it: \(key): \"\(number)\"", at: Self.child(pointer, key))
            return nil
        default:
            error(ManifestMessages.wrongType("'\(key)' of \(what)", expected: "a string", found: Self.describe(value)),
                  at: Self.child(pointer, key))
            return nil
        }
    }

    mutating func nonEmptyString(_ object: JSONObject, _ key: String, at pointer: String, what: String, required: Bool = false) -> String? {
        guard let text = string(object, key, at: pointer, what: what, required: required) else { return nil }
        if text.allSatisfy(\.isWhitespace) {
            error("'\(key)' of \(what) is empty; write a value", at: Self.child(pointer, key))
            return nil
        }
        return text
    }

    mutating func integer(_ object: JSONObject, _ key: String, at pointer: String, what: String, range: ClosedRange<Int>? = nil) -> Int? {
        guard let value = object[key] else { return nil }
        let path = Self.child(pointer, key)
        guard case .number(let number) = value, let int = number.intValue else {
            error(ManifestMessages.wrongType("'\(key)' of \(what)", expected: "an integer", found: Self.describe(value)), at: path)
            return nil
        }
        if let range, !range.contains(int) {
            error("'\(key)' of \(what) is \(int), outside the accepted range \(range.lowerBound)...\(range.upperBound); "
                  + "use a value in that range", at: path)
            return nil
        }
        return int
    }

    mutating func boolean(_ object: JSONObject, _ key: String, at pointer: String, what: String) -> Bool? {
        guard let value = object[key] else { return nil }
        guard case .bool(let bool) = value else {
            error(ManifestMessages.wrongType("'\(key)' of \(what)", expected: "true or false", found: Self.describe(value)),
                  at: Self.child(pointer, key))
            return nil
        }
        return bool
    }

    /// A list of strings; a single string is accepted as a one-element list when `allowSingle`.
    mutating func strings(_ value: JSONValue, at pointer: String, what: String, allowSingle: Bool = false) -> [String]? {
        if allowSingle, case .string(let single) = value { return [single] }
        guard case .array(let items) = value else {
            error(ManifestMessages.wrongType(what, expected: "a list of strings", found: Self.describe(value)), at: pointer)
            return nil
        }
        var result: [String] = []
        var ok = true
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else {
                error(ManifestMessages.wrongType("item \(index) of \(what)", expected: "a string", found: Self.describe(item)),
                      at: Self.child(pointer, index))
                ok = false
                continue
            }
            result.append(text)
        }
        return ok ? result : nil
    }

    mutating func strings(_ object: JSONObject, _ key: String, at pointer: String, what: String, allowSingle: Bool = false) -> [String]? {
        guard let value = object[key] else { return nil }
        return strings(value, at: Self.child(pointer, key), what: "'\(key)' of \(what)", allowSingle: allowSingle)
    }

    /// A mapping of strings to strings (environment variables, headers).
    mutating func stringMap(_ object: JSONObject, _ key: String, at pointer: String, what: String) -> [String: String]? {
        guard let value = object[key] else { return nil }
        let path = Self.child(pointer, key)
        guard let map = self.object(value, at: path, what: "'\(key)' of \(what)") else { return nil }
        var result: [String: String] = [:]
        for (name, item) in map {
            switch item {
            case .string(let text): result[name] = text
            case .number(let number): result[name] = number.description
            case .bool(let bool): result[name] = bool ? "true" : "false"
            default:
                error(ManifestMessages.wrongType("'\(name)' of '\(key)'", expected: "a string", found: Self.describe(item)),
                      at: Self.child(path, name))
            }
        }
        return result
    }

    /// Entries of a mapping keyed by ID, or of a list of objects that carry an `id` key.
    mutating func keyedEntries(_ value: JSONValue, at pointer: String, what: String) -> [(id: String, value: JSONValue, pointer: String)] {
        switch value {
        case .object(let object):
            return object.map { (id: $0.key, value: $0.value, pointer: Self.child(pointer, $0.key)) }
        default:
            error(ManifestMessages.wrongType(what, expected: "a mapping of IDs to definitions", found: Self.describe(value)), at: pointer)
            return []
        }
    }
}
