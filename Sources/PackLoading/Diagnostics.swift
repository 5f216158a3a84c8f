/// The message catalogue of PackLoading: every manifest diagnostic's wording lives here.
///
/// Style: lower case, no final full stop, names in single quotes, the remedy after `; `.
enum ManifestMessages {
    static func wrongType(_ what: String, expected: String, found: String) -> String {
        "\(what) must be \(expected), not \(found)"
    }

    static func missingKey(_ key: String, in what: String) -> String {
        "\(what) is missing '\(key)'; add '\(key):'"
    }

    static func unknownKey(_ key: String, in what: String, suggestion: String?, known: [String]) -> String {
        if let suggestion { return "unknown key '\(key)' in \(what); did you mean '\(suggestion)'?" }
        let list = known.count <= 8 ? known.map { "'\($0)'" }.joined(separator: ", ") : "the keys listed in docs/pack-format.md"
        return "unknown key '\(key)' in \(what); expected one of \(list)"
    }

    static func invalidPackName(_ name: String) -> String {
        "pack name '\(name)' is not a valid slug; use 2-64 lower-case letters, digits and single hyphens, "
            + "starting with a letter, such as 'dbt-snowflake'"
    }

    static func invalidIdentifier(_ id: String, kind: String) -> String {
        "\(kind) '\(id)' is not a valid identifier; use lower-case letters, digits, '_' and '-', "
            + "in dot-separated parts starting with a letter, such as 'model_ref.v1'"
    }

    static func invalidToolName(_ name: String) -> String {
        "tool name '\(name)' is not valid; use 1-64 lower-case letters, digits, '_' and '-', starting with a letter, "
            + "such as 'compile_model'"
    }

    static func duplicate(_ kind: String, _ id: String) -> String {
        "duplicate \(kind) '\(id)'; each \(kind) must be unique within the pack"
    }

    static func unsupportedFormat(_ format: Int) -> String {
        "manifest format \(format) is not supported; this Quiver reads format 1 (set 'format: 1')"
    }

    static func badPath(_ path: String, field: String, owner: String? = nil, problem: String) -> String {
        "\(field) '\(path)'\(owner.map { " " + $0 } ?? "") \(problem); use a path relative to the pack root that stays inside it"
    }

    static func missingFile(_ path: String, field: String, owner: String? = nil) -> String {
        "\(field) '\(path)'\(owner.map { " " + $0 } ?? "") does not exist in the pack; create it or fix the path"
    }

    static func dangling(_ kind: String, _ id: String, field: String, known: [String]) -> String {
        let hint: String
        if let suggestion = Suggestion.closest(to: id, in: known) {
            hint = "did you mean '\(suggestion)'?"
        } else if known.isEmpty {
            hint = "declare it first"
        } else {
            hint = "declared \(kind)s are " + known.sorted().prefix(8).map { "'\($0)'" }.joined(separator: ", ")
        }
        return "\(field) refers to unknown \(kind) '\(id)'; \(hint)"
    }
}
