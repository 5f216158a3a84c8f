public import PackJSON
public import PackSchema
import Synchronization

/// Compiled tool contracts by schema content, so rebuilding a catalog (after adding or unloading a
/// pack) does not compile unchanged schemas again.
///
/// Keys are the schemas' JSON values (JSON equality), so identical contracts share one compiled
/// validator. The cache holds at most ``capacity`` entries and is cleared when full. Safe to share
/// between tasks.
public final class SchemaCache: Sendable {
    private let entries = Mutex<[JSONValue: JSONSchemaValidator]>([:])
    /// The most entries kept. (Default: 50,000.)
    public let capacity: Int

    /// Creates an empty cache.
    public init(capacity: Int = 50_000) {
        self.capacity = capacity
    }

    /// The compiled validator for `schema`, compiling it on a miss.
    /// - Throws: ``JSONSchemaError`` when the schema does not compile (failures are not cached).
    public func validator(for schema: JSONValue) throws(JSONSchemaError) -> JSONSchemaValidator {
        if let hit = entries.withLock({ $0[schema] }) { return hit }
        let compiled = try JSONSchemaValidator(schema: schema)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[schema] = compiled
        }
        return compiled
    }

    /// The number of compiled schemas held.
    public var count: Int { entries.withLock { $0.count } }
}
