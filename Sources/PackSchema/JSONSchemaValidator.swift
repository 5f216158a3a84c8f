public import PackJSON

/// A JSON Schema compiled once and used to validate many instances, from any thread.
///
/// Supports draft 2020-12 and draft-07 (chosen by `$schema`, else by
/// ``JSONSchemaOptions/defaultDraft``), with every keyword of both, including `$dynamicRef`,
/// `unevaluatedProperties` / `unevaluatedItems`, exact `multipleOf` and ECMA-262 `pattern`.
/// References resolve only within the schema, the ``JSONSchemaOptions/registry`` and the built-in
/// meta-schemas; nothing is fetched from the network.
///
/// ```swift
/// let validator = try JSONSchemaValidator(schema: [
///     "type": "object",
///     "properties": ["age": ["type": "integer", "minimum": 18]],
/// ])
/// validator.isValid(["age": 20])                 // true
/// validator.validate(["age": 17]).errors[0]      // at /age: 17 is less than the minimum of 18
/// ```
///
/// Limits: evaluation depth is bounded by ``JSONSchemaOptions/maxEvaluationDepth`` (instances
/// nested deeper fail with a clean error rather than overflowing the stack), and each `pattern`
/// match by ``JSONSchemaOptions/regexStepBudget``.
public struct JSONSchemaValidator: Sendable {
    private let compiled: CompiledSchema
    /// The options the schema was compiled with.
    public let options: JSONSchemaOptions

    /// Compiles `schema`.
    ///
    /// - Parameters:
    ///   - schema: The root schema (an object or a boolean).
    ///   - options: Draft, format assertion, registry and limits.
    /// - Throws: ``JSONSchemaError`` with a JSON Pointer into the schema when a keyword is
    ///   malformed, a reference cannot be resolved, a pattern is invalid or references loop.
    public init(schema: JSONValue, options: JSONSchemaOptions = JSONSchemaOptions()) throws(JSONSchemaError) {
        self.options = options
        compiled = try SchemaCompiler(options: options).compile(schema)
    }

    /// Whether `instance` is valid; stops at the first failure and allocates nothing when valid.
    public func isValid(_ instance: JSONValue) -> Bool {
        // Nodes refer to each other unretained; keep their owner alive for the whole walk.
        withExtendedLifetime(compiled) {
            let limit = StackRunner.stackPosition() &- UInt(StackRunner.inPlaceBudget)
            var evaluator = Evaluator(schema: compiled, collectsErrors: false, stackLimit: limit)
            let valid = withUnsafePointer(to: instance) { evaluator.evaluate(compiled.root.ref, $0, nil) }
            if !evaluator.outOfStack { return valid }
            return onDeepStack(instance, collectsErrors: false).isValid
        }
    }

    /// Validates `instance` and returns every error, in the "basic" output format's terms.
    public func validate(_ instance: JSONValue) -> ValidationResult {
        withExtendedLifetime(compiled) {
            let limit = StackRunner.stackPosition() &- UInt(StackRunner.inPlaceBudget)
            var evaluator = Evaluator(schema: compiled, collectsErrors: true, stackLimit: limit)
            let valid = withUnsafePointer(to: instance) { evaluator.evaluate(compiled.root.ref, $0, nil) }
            if !evaluator.outOfStack { return ValidationResult(isValid: valid, errors: valid ? [] : evaluator.errors) }
            return onDeepStack(instance, collectsErrors: true)
        }
    }

    /// Validates again on a thread whose stack fits ``JSONSchemaOptions/maxEvaluationDepth``.
    private func onDeepStack(_ instance: JSONValue, collectsErrors: Bool) -> ValidationResult {
        let size = StackRunner.stackSize(forDepth: compiled.maxDepth)
        let result = StackRunner.run(stackSize: size) { () -> ValidationResult in
            let limit = StackRunner.stackPosition() &- UInt(size - StackRunner.margin)
            var evaluator = Evaluator(schema: compiled, collectsErrors: collectsErrors, stackLimit: limit)
            let valid = withUnsafePointer(to: instance) { evaluator.evaluate(compiled.root.ref, $0, nil) }
            if evaluator.outOfStack { return Self.tooDeep(compiled.maxDepth) }
            return ValidationResult(isValid: valid, errors: valid ? [] : evaluator.errors)
        }
        return result ?? Self.tooDeep(compiled.maxDepth)
    }

    private static func tooDeep(_ limit: Int) -> ValidationResult {
        ValidationResult(
            isValid: false,
            errors: [
                ValidationError(
                    instanceLocation: "", keywordLocation: "", absoluteKeywordLocation: "#",
                    message: Diagnostics.depthExceeded(limit))
            ])
    }
}
