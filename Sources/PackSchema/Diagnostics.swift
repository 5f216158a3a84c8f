import PackJSON

/// The message catalogue of PackSchema: validation messages and schema (compile) errors.
///
/// Validation messages describe the instance value ("17 is less than the minimum of 18");
/// ``ValidationError/description`` prefixes the instance location.
enum Diagnostics {
    /// A short rendering of a value for messages: JSON text, cut after 60 characters.
    static func show(_ value: JSONValue) -> String {
        let text = value.serialized()
        if text.count <= 60 { return text }
        return String(text.prefix(57)) + "..."
    }

    static func show(_ number: JSONNumber) -> String { number.description }

    private static func quoted(_ names: [String]) -> String {
        names.map { "'\($0)'" }.joined(separator: ", ")
    }

    private static func plural(_ count: Int, _ word: String) -> String {
        "\(count) \(word)\(count == 1 ? "" : "s")"
    }

    // MARK: Validation

    static func falseSchema() -> String { "no value is allowed here (the schema is 'false')" }

    static func depthExceeded(_ limit: Int) -> String {
        "validation exceeded the maximum evaluation depth of \(limit); the instance is nested too deeply or the schema recurses without end"
    }

    static func type(_ value: JSONValue, _ mask: TypeMask) -> String {
        let expected = mask.names.map { "'\($0)'" }.joined(separator: " or ")
        if mask == [] { return "\(show(value)) is not allowed ('type' lists no types)" }
        return "\(show(value)) is not of type \(expected)"
    }

    static func minimum(_ value: JSONNumber, _ bound: JSONNumber) -> String {
        "\(show(value)) is less than the minimum of \(show(bound))"
    }

    static func maximum(_ value: JSONNumber, _ bound: JSONNumber) -> String {
        "\(show(value)) is greater than the maximum of \(show(bound))"
    }

    static func exclusiveMinimum(_ value: JSONNumber, _ bound: JSONNumber) -> String {
        "\(show(value)) is not greater than the exclusive minimum of \(show(bound))"
    }

    static func exclusiveMaximum(_ value: JSONNumber, _ bound: JSONNumber) -> String {
        "\(show(value)) is not less than the exclusive maximum of \(show(bound))"
    }

    static func multipleOf(_ value: JSONNumber, _ divisor: JSONNumber) -> String {
        "\(show(value)) is not a multiple of \(show(divisor))"
    }

    static func minLength(_ value: String, _ length: Int, _ minimum: Int) -> String {
        "\(show(.string(value))) is shorter than the minimum length of \(minimum) (it has \(plural(length, "character")))"
    }

    static func maxLength(_ value: String, _ length: Int, _ maximum: Int) -> String {
        "\(show(.string(value))) is longer than the maximum length of \(maximum) (it has \(plural(length, "character")))"
    }

    static func pattern(_ value: String, _ pattern: String) -> String {
        "\(show(.string(value))) does not match the pattern '\(pattern)'"
    }

    static func patternTooExpensive(_ pattern: String, _ budget: Int) -> String {
        "pattern '\(pattern)' is too expensive to evaluate on this string (more than \(budget) steps); simplify the pattern"
    }

    static func format(_ value: String, _ format: String) -> String {
        "\(show(.string(value))) is not a valid '\(format)'"
    }

    static func contentEncoding() -> String { "the string is not valid base64 ('contentEncoding')" }

    static func contentMediaType() -> String { "the content is not valid JSON ('contentMediaType' is application/json)" }

    static func const(_ value: JSONValue, _ expected: JSONValue) -> String {
        "\(show(value)) is not the required value \(show(expected))"
    }

    static func enumeration(_ value: JSONValue, _ allowed: [JSONValue]) -> String {
        let list = allowed.prefix(10).map(show).joined(separator: ", ")
        return "\(show(value)) is not one of \(list)\(allowed.count > 10 ? ", ..." : "")"
    }

    static func minItems(_ count: Int, _ minimum: Int) -> String {
        "the array has \(plural(count, "item")), fewer than the minimum of \(minimum)"
    }

    static func maxItems(_ count: Int, _ maximum: Int) -> String {
        "the array has \(plural(count, "item")), more than the maximum of \(maximum)"
    }

    static func tooManyItems(_ count: Int, allowed: Int) -> String {
        "the array has \(plural(count, "item")), but only \(allowed) \(allowed == 1 ? "is" : "are") allowed"
    }

    static func uniqueItems(_ first: Int, _ second: Int) -> String {
        "the items at indexes \(first) and \(second) are equal; items must be unique"
    }

    static func containsTooFew(_ count: Int, _ minimum: Int) -> String {
        if count == 0 { return "no item of the array matches the 'contains' schema" }
        return "only \(plural(count, "item")) of the array match the 'contains' schema, fewer than the minimum of \(minimum)"
    }

    static func containsTooMany(_ count: Int, _ maximum: Int) -> String {
        "\(plural(count, "item")) of the array match the 'contains' schema, more than the maximum of \(maximum)"
    }

    static func unevaluatedItem(_ index: Int) -> String {
        "item \(index) is not allowed (no schema evaluates it and 'unevaluatedItems' is false)"
    }

    static func minProperties(_ count: Int, _ minimum: Int) -> String {
        "the object has \(plural(count, "property")), fewer than the minimum of \(minimum)"
            .replacingPropertyPlural()
    }

    static func maxProperties(_ count: Int, _ maximum: Int) -> String {
        "the object has \(plural(count, "property")), more than the maximum of \(maximum)"
            .replacingPropertyPlural()
    }

    static func required(_ name: String) -> String {
        "required property '\(name)' is missing"
    }

    static func dependentRequired(_ name: String, because trigger: String) -> String {
        "property '\(name)' is required when '\(trigger)' is present"
    }

    static func additionalProperty(_ name: String) -> String {
        "property '\(name)' is not allowed"
    }

    static func unevaluatedProperty(_ name: String) -> String {
        "property '\(name)' is not allowed (no schema evaluates it and 'unevaluatedProperties' is false)"
    }

    static func propertyName(_ name: String, _ inner: String) -> String {
        "property name '\(name)' is invalid: \(inner)"
    }

    static func not() -> String { "the value must not match the 'not' schema" }

    static func anyOf(_ count: Int) -> String {
        "the value does not match any of the \(count) schemas in 'anyOf'"
    }

    static func oneOfNone(_ count: Int) -> String {
        "the value does not match any of the \(count) schemas in 'oneOf'"
    }

    static func oneOfSeveral(_ first: Int, _ second: Int) -> String {
        "the value matches more than one schema in 'oneOf' (at least those at indexes \(first) and \(second))"
    }

    // MARK: Schema errors

    static func notASchema(_ value: JSONValue) -> String {
        "a schema must be an object or a boolean, not \(value.typeName)"
    }

    static func keywordType(_ keyword: String, _ expectation: String) -> String {
        "'\(keyword)' must be \(expectation)"
    }

    static func unknownType(_ name: String) -> String {
        "'type' has unknown type '\(name)'; use null, boolean, integer, number, string, array or object"
    }

    static func invalidPattern(_ keyword: String, _ error: RegexSyntaxError) -> String {
        "'\(keyword)' is not a valid ECMA-262 regular expression: \(error.message)"
    }

    static func unresolvedReference(_ keyword: String, _ reference: String) -> String {
        "'\(keyword)' '\(reference)' does not resolve to a known schema; register the schema in 'JSONSchemaOptions.registry'"
    }

    static func unsupportedDialect(_ uri: String) -> String {
        "unsupported '$schema' '\(uri)'; use '\(JSONSchemaDraft.draft2020_12.rawValue)' or '\(JSONSchemaDraft.draft7.rawValue)', or register the meta-schema"
    }

    static func unknownRequiredVocabulary(_ uri: String) -> String {
        "the meta-schema requires the unknown vocabulary '\(uri)'; mark it optional (false) in '$vocabulary'"
    }

    static func referenceLoop() -> String {
        "the schema refers to itself without consuming any part of the instance, so validation would never end; break the '$ref' cycle"
    }

    static func idWithFragment(_ id: String) -> String {
        "'$id' '\(id)' must not contain a fragment; use '$anchor' to name a subschema"
    }

    static func nestingTooDeep(_ limit: Int) -> String {
        "the schema is nested more than \(limit) levels deep; flatten it with '$defs' and '$ref'"
    }

    static func duplicate(_ keyword: String) -> String {
        "'\(keyword)' must not contain duplicates"
    }
}

extension String {
    fileprivate func replacingPropertyPlural() -> String {
        replacing("propertys", with: "properties")
    }
}
