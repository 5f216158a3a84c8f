public import PackJSON

/// The outcome of ``JSONSchemaValidator/validate(_:)``: validity and every error found.
public struct ValidationResult: Sendable, Hashable {
    /// Whether the instance is valid.
    public var isValid: Bool
    /// The errors, in evaluation order; empty when ``isValid`` is `true`.
    public var errors: [ValidationError]

    /// Creates a result.
    public init(isValid: Bool, errors: [ValidationError]) {
        self.isValid = isValid
        self.errors = errors
    }

    /// The result in the JSON Schema "basic" output format.
    ///
    /// `{"valid": false, "errors": [{"keywordLocation", "absoluteKeywordLocation", "instanceLocation", "error"}]}`.
    public var basicOutput: JSONValue {
        var object: JSONObject = ["valid": .bool(isValid)]
        if !errors.isEmpty {
            object["errors"] = .array(errors.map(\.basicOutput))
        }
        return .object(object)
    }
}

/// One failed assertion, located in the instance and in the schema ("basic" output unit).
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// JSON Pointer to the failing value in the instance (`""` for the root, `/user/age`).
    public var instanceLocation: String
    /// JSON Pointer to the failing keyword along the evaluation path, `$ref`s included
    /// (`/properties/user/$ref/properties/age/minimum`).
    public var keywordLocation: String
    /// Absolute URI of the failing keyword in its schema resource, with a JSON Pointer fragment
    /// (`https://example.com/person#/properties/age/minimum`, or `#/properties/age/minimum` for a
    /// root schema without `$id` or base URI).
    public var absoluteKeywordLocation: String
    /// What is wrong, in words a pack author understands ("17 is less than the minimum of 18").
    public var message: String

    /// Creates an error.
    public init(instanceLocation: String, keywordLocation: String, absoluteKeywordLocation: String, message: String) {
        self.instanceLocation = instanceLocation
        self.keywordLocation = keywordLocation
        self.absoluteKeywordLocation = absoluteKeywordLocation
        self.message = message
    }

    /// The message prefixed with the instance location: "at /user/age: 17 is less than the minimum of 18".
    public var description: String {
        "at \(instanceLocation.isEmpty ? "(root)" : instanceLocation): \(message)"
    }

    /// The error as a "basic" output unit.
    public var basicOutput: JSONValue {
        [
            "keywordLocation": .string(keywordLocation),
            "absoluteKeywordLocation": .string(absoluteKeywordLocation),
            "instanceLocation": .string(instanceLocation),
            "error": .string(message),
        ]
    }
}
