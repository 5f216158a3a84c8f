import PackJSON

/// Reads the members of an array or object instance without copying it.
///
/// Binding a payload (`case .array(let elements) = instance.pointee`) copies it: a retain and a
/// release of the array storage (three for an object) whenever a call the optimizer cannot see
/// through follows, which is every recursive evaluation. Validation reads arrays and objects
/// for every nested value, so those copies were a third of the time on nested instances.
///
/// These accessors bind the payload only for as long as it takes to read the storage address
/// (nothing in between can release it, so no retain is emitted) and hand out buffer pointers.
/// The buffers stay valid for the whole validation: the instance is a `let` argument of
/// ``JSONSchemaValidator/isValid(_:)`` / ``JSONSchemaValidator/validate(_:)``, immutable and
/// alive until the call returns, and it keeps every nested array alive with it; native Swift
/// arrays (the only kind `JSONValue` holds) keep their elements at a fixed address while
/// nothing mutates them. The same invariant already holds for every ``ValueRef``.
enum InstanceAccess {
    /// The elements of an array instance, or `nil` for any other kind.
    @inline(__always)
    static func elements(_ instance: ValueRef) -> UnsafeBufferPointer<JSONValue>? {
        guard case .array(let elements) = instance.pointee else { return nil }
        return elements.withUnsafeBufferPointer { $0 }
    }

    /// The keys and values (parallel, in member order) of an object instance, or `nil`.
    @inline(__always)
    static func members(_ instance: ValueRef) -> Members? {
        guard case .object(let object) = instance.pointee else { return nil }
        return Members(
            keys: object.keys.withUnsafeBufferPointer { $0 }, values: object.values.withUnsafeBufferPointer { $0 })
    }

    /// An object's members as two parallel buffers.
    struct Members {
        let keys: UnsafeBufferPointer<String>
        let values: UnsafeBufferPointer<JSONValue>

        var count: Int { keys.count }

        /// The position of the member named exactly `key` (by code points), by a linear scan:
        /// callers use it for objects up to ``JSONObject/indexThreshold`` members and go through
        /// the object's index above that.
        @inline(__always)
        func position(of key: String) -> Int? {
            for index in 0..<keys.count where JSONEquality.sameText(keys[index], key) { return index }
            return nil
        }
    }

    /// The position of the member named exactly `key` in an object instance: a linear scan for
    /// small objects, the object's own index for large ones (binding the object only then).
    @inline(__always)
    static func position(of key: String, in instance: ValueRef, _ members: Members) -> Int? {
        if members.count <= JSONObject.indexThreshold { return members.position(of: key) }
        guard case .object(let object) = instance.pointee else { return nil }
        return JSONEquality.position(of: key, in: object)
    }
}
