import PackBasics
import PackJSON

/// The YAML front matter of a `SKILL.md` (Agent Skills layout): `name` and `description`.
public struct SkillFrontMatter: Sendable, Hashable {
    /// The skill name; must equal its directory name.
    public var name: String
    /// What the skill is for and when to use it (at most 1024 characters).
    public var description: String
    /// Every front-matter field, as parsed.
    public var fields: JSONObject

    /// The longest description accepted.
    public static let maxDescriptionLength = 1024
    /// Keys the Agent Skills format defines; others are warned about.
    static let knownKeys = ["name", "description", "license", "allowed-tools", "metadata", "compatibility"]

    /// Parses the front matter of a `SKILL.md` text.
    /// - Throws: ``DocumentError`` when there is no front matter or it is not valid YAML.
    public static func parse(_ text: String, limits: DocumentLimits = .default) throws(DocumentError) -> (SkillFrontMatter, [Diagnostic]) {
        try parse(bytes: Array(text.utf8), limits: limits)
    }

    /// Parses the front matter of a `SKILL.md` held as UTF-8 bytes (already checked by ``ByteCheck``).
    static func parse(bytes: [UInt8], limits: DocumentLimits) throws(DocumentError) -> (SkillFrontMatter, [Diagnostic]) {
        guard let (start, end) = frontMatterRange(bytes) else {
            throw DocumentError("SKILL.md has no front matter; start it with '---', 'name: …', 'description: …', '---'", line: 1, column: 1)
        }
        let value: JSONValue
        do {
            if let simple = simpleMapping(bytes[start..<end], limits: limits) {
                value = .object(simple)
            } else {
                (value, _) = try YAMLReader(limits: limits, recordPositions: false).read(Array(bytes[start..<end]))
            }
        } catch {
            // The YAML starts on the line after the opening '---'.
            throw DocumentError(error.message, line: error.line.map { $0 + 1 }, column: error.column)
        }
        guard case .object(let object) = value else {
            throw DocumentError("SKILL.md front matter must be a mapping with 'name' and 'description'", line: 2, column: 1)
        }
        var diagnostics: [Diagnostic] = []
        func line(of key: String) -> SourceLocation {
            // Front matter starts on line 2; find the key's line by a plain scan (only for a diagnostic).
            let text = String(decoding: bytes, as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, content) in lines.enumerated() where content.hasPrefix(key + ":") { return SourceLocation(line: index + 1, column: 1) }
            return SourceLocation(line: 1, column: 1)
        }
        var name = ""
        switch object["name"] {
        case .string(let text)?: name = text
        case nil: diagnostics.append(.error("SKILL.md front matter is missing 'name'; add 'name: <directory name>'", at: SourceLocation(line: 1, column: 1)))
        default: diagnostics.append(.error("'name' in SKILL.md front matter must be a string", at: line(of: "name")))
        }
        var description = ""
        switch object["description"] {
        case .string(let text)?: description = text
        case nil: diagnostics.append(.error("SKILL.md front matter is missing 'description'; say what the skill does and when to use it",
                                            at: SourceLocation(line: 1, column: 1)))
        default: diagnostics.append(.error("'description' in SKILL.md front matter must be a string", at: line(of: "description")))
        }
        if object["name"] != nil && !isSkillName(name) {
            diagnostics.append(.error("skill name '\(name)' is not valid; use 1-64 lower-case letters, digits and single hyphens",
                                      at: line(of: "name")))
        }
        if object["description"] != nil && description.trimmingSpaces().isEmpty {
            diagnostics.append(.error("'description' in SKILL.md front matter is empty; say what the skill does and when to use it",
                                      at: line(of: "description")))
        }
        if description.count > maxDescriptionLength {
            diagnostics.append(.error("'description' in SKILL.md is \(description.count) characters, over the limit of \(maxDescriptionLength); shorten it",
                                      at: line(of: "description")))
        }
        for key in object.keys where !knownKeys.contains(key) {
            diagnostics.append(.warning("unknown key '\(key)' in SKILL.md front matter; known keys are "
                                        + knownKeys.map { "'\($0)'" }.joined(separator: ", "), at: line(of: key)))
        }
        return (SkillFrontMatter(name: name, description: description, fields: object), diagnostics)
    }

    /// The Markdown after a `SKILL.md`'s front matter, trimmed; the whole text when it has none.
    public static func body(of text: String) -> String {
        let bytes = Array(text.utf8)
        guard let (_, closing) = frontMatterRange(bytes) else { return text.trimmingSpaces() }
        let rest = bytes[closing...].firstIndex(of: UInt8(ascii: "\n")).map { bytes[($0 + 1)...] } ?? []
        return String(decoding: rest, as: UTF8.self).trimmingSpaces()
    }

    /// Checks the bytes of a skill's `SKILL.md`; the diagnostics carry line numbers (the caller adds the file).
    static func problems(in bytes: [UInt8], expectedName: String, limits: DocumentLimits) -> [Diagnostic] {
        if let problem = ByteCheck.problem(in: bytes) {
            return [.error(problem.message, at: SourceLocation(line: problem.line, column: problem.column))]
        }
        do {
            var (frontMatter, diagnostics) = try parse(bytes: bytes, limits: limits)
            if !frontMatter.name.isEmpty && frontMatter.name != expectedName {
                diagnostics.append(.error("skill name '\(frontMatter.name)' does not match its directory '\(expectedName)'; "
                                          + "rename one so they are equal", at: SourceLocation(line: 2, column: 1)))
            }
            return diagnostics
        } catch {
            return [.error(error.message, at: SourceLocation(line: error.line ?? 1, column: error.column))]
        }
    }

    /// The front matter read without libyaml when it is the usual flat list of `key: value`
    /// lines: printable ASCII, keys of letters, digits, `-` and `_` at the start of a line, and
    /// values that are plain scalars on one line. Anything else (indentation, quotes, comments,
    /// flow or block collections, blank lines, a duplicate key) returns `nil` for the YAML reader,
    /// which gives the same value, or the error, for every document this accepts.
    static func simpleMapping(_ bytes: ArraySlice<UInt8>, limits: DocumentLimits) -> JSONObject? {
        // The reader refuses any mapping when no nesting is allowed.
        guard limits.maxDepth >= 1 else { return nil }
        var keys: [String] = []
        var values: [JSONValue] = []
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            // The key.
            let keyStart = index
            guard Identifiers.isLower(bytes[index]) || Identifiers.isUpper(bytes[index]) else { return nil }
            while index < end, Identifiers.isLower(bytes[index]) || Identifiers.isUpper(bytes[index]) || Identifiers.isDigit(bytes[index])
                    || bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "_") {
                index += 1
            }
            let keyEnd = index
            // libyaml refuses a key longer than 1024 characters; a long list of keys is left to
            // the reader's hash index rather than searched here.
            guard keyEnd - keyStart <= 1024, keys.count < Self.maximumKeys else { return nil }
            guard index + 1 < end, bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: " ") else { return nil }
            index += 1
            while index < end, bytes[index] == UInt8(ascii: " ") { index += 1 }
            // The value: up to the end of the line, trailing spaces dropped.
            let valueStart = index
            while index < end, bytes[index] != UInt8(ascii: "\n") {
                let byte = bytes[index]
                guard byte >= 0x20, byte < 0x7F else { return nil }
                if byte == UInt8(ascii: " "), index + 1 < end, bytes[index + 1] == UInt8(ascii: "#") { return nil }
                if byte == UInt8(ascii: ":"), index + 1 == end || [UInt8(ascii: " "), UInt8(ascii: "\n")].contains(bytes[index + 1]) { return nil }
                index += 1
            }
            var valueEnd = index
            while valueEnd > valueStart, bytes[valueEnd - 1] == UInt8(ascii: " ") { valueEnd -= 1 }
            if index < end { index += 1 }   // the newline
            guard valueStart < valueEnd, !Self.indicators.contains(bytes[valueStart]) else { return nil }
            let key = String(decoding: bytes[keyStart..<keyEnd], as: UTF8.self)
            // A duplicate is the reader's error to report; a null or boolean key is not a plain string.
            guard !keys.contains(key), !Self.nonStringKeys.contains(key) else { return nil }
            let resolved = bytes.withUnsafeBufferPointer { buffer in
                YAMLReader.resolveUntagged(UnsafeBufferPointer(rebasing: buffer[(valueStart - bytes.startIndex)..<(valueEnd - bytes.startIndex)]),
                                           plain: true)
            }
            guard let resolved else { return nil }
            keys.append(key)
            values.append(resolved)
            // The reader counts the mapping, each key and each value against the node limit.
            if 2 * keys.count + 1 > limits.maxNodes { return nil }
        }
        return keys.isEmpty ? nil : JSONObject(uniqueKeys: keys, values: values)
    }

    /// The most keys the shortcut reads (it finds duplicates by a linear search).
    static let maximumKeys = 32

    /// Keys the YAML core schema reads as null or a boolean.
    private static let nonStringKeys: Set<String> = ["null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"]

    /// Bytes that give a YAML value other than a plain scalar when they start it.
    private static let indicators: Set<UInt8> = Set("-?:,[]{}#&*!|>'\"%@`".utf8)

    /// The byte range of the YAML between the opening `---` line and the closing one.
    private static func frontMatterRange(_ bytes: [UInt8]) -> (Int, Int)? {
        let dash = UInt8(ascii: "-"), newline = UInt8(ascii: "\n")
        guard bytes.count >= 4, bytes[0] == dash, bytes[1] == dash, bytes[2] == dash else { return nil }
        var index = 3
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\r") { index += 1 }
        guard index < bytes.count, bytes[index] == newline else { return nil }
        let start = index + 1
        var lineStart = start
        while lineStart < bytes.count {
            if bytes.count - lineStart >= 3, bytes[lineStart] == dash, bytes[lineStart + 1] == dash, bytes[lineStart + 2] == dash {
                var after = lineStart + 3
                while after < bytes.count, bytes[after] == UInt8(ascii: " ") || bytes[after] == UInt8(ascii: "\r") { after += 1 }
                if after == bytes.count || bytes[after] == newline { return (start, lineStart) }
            }
            guard let next = bytes[lineStart...].firstIndex(of: newline) else { return nil }
            lineStart = next + 1
        }
        return nil
    }

    private static func isSkillName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...64).contains(bytes.count), bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else { return false }
        var previousHyphen = false
        for byte in bytes {
            if byte == UInt8(ascii: "-") {
                if previousHyphen { return false }
                previousHyphen = true
            } else {
                guard Identifiers.isLower(byte) || Identifiers.isDigit(byte) else { return false }
                previousHyphen = false
            }
        }
        return true
    }
}

extension String {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
