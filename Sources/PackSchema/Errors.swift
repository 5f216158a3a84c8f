/// A schema that cannot be compiled: invalid keywords, unresolvable references, bad patterns.
///
/// The ``location`` is a URI whose fragment is a JSON Pointer into the schema document, such as
/// `#/properties/age/minimum` for the root document.
///
/// ```swift
/// do {
///     _ = try JSONSchemaValidator(schema: ["minimum": "ten"])
/// } catch {
///     print(error)   // 'minimum' must be a number at #/minimum
/// }
/// ```
public struct JSONSchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A category of schema error; new codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String

        private init(_ name: String) {
            self.name = name
        }

        /// A keyword has a value of the wrong type or out of range.
        public static let invalidKeyword = Code("invalidKeyword")
        /// A subschema is neither an object nor a boolean.
        public static let invalidSchema = Code("invalidSchema")
        /// A `$ref`, `$dynamicRef` or `$schema` names a schema that is not known.
        public static let unresolvedReference = Code("unresolvedReference")
        /// References form a loop that never reaches an assertion (`$ref` to itself).
        public static let referenceLoop = Code("referenceLoop")
        /// A `pattern` or `patternProperties` key is not a valid ECMA-262 regular expression.
        public static let invalidPattern = Code("invalidPattern")
        /// The `$schema` names a dialect or vocabulary that is not supported.
        public static let unsupportedDialect = Code("unsupportedDialect")

        /// The code's name.
        public var description: String { name }
    }

    /// The category of the error.
    public var code: Code
    /// What is wrong and, after `; `, how to fix it.
    public var message: String
    /// Where in the schema: a URI whose fragment is a JSON Pointer (`#/properties/age/minimum`).
    public var location: String

    /// Creates an error.
    public init(code: Code, message: String, location: String) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// The message followed by the location, such as "'minimum' must be a number at #/minimum".
    public var description: String {
        if let separator = message.firstRange(of: "; ") {
            // Keep the remedy last: "<problem> at <location>; <remedy>".
            return "\(message[..<separator.lowerBound]) at \(location)\(message[separator.lowerBound...])"
        }
        return "\(message) at \(location)"
    }
}
