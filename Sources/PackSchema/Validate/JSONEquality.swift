import PackJSON

/// JSON Schema equality (`const`, `enum`, `uniqueItems`): numbers by mathematical value, objects
/// ignoring member order, and strings by code points.
///
/// Swift's `String ==` treats canonically equivalent strings as equal (`"é"` precomposed equals
/// `"e"` + U+0301), which JSON Schema does not, so strings and keys are compared as UTF-8 bytes
/// here. The comparison is iterative, so deeply nested values cannot exhaust the stack.
enum JSONEquality {
    /// Whether two strings have the same code points.
    @inline(__always)
    static func sameText(_ a: String, _ b: String) -> Bool {
        let left = a.utf8
        let right = b.utf8
        let count = left.count
        guard count == right.count else { return false }
        if let result = left.withContiguousStorageIfAvailable({ l in
            right.withContiguousStorageIfAvailable { r in sameBytes(l, r, count) }
        }), let result {
            return result
        }
        return left.elementsEqual(right)
    }

    /// Compares `count` bytes, eight at a time.
    @inline(__always)
    private static func sameBytes(_ l: UnsafeBufferPointer<UInt8>, _ r: UnsafeBufferPointer<UInt8>, _ count: Int) -> Bool {
        guard count > 0, let lp = l.baseAddress, let rp = r.baseAddress else { return true }
        let left = UnsafeRawPointer(lp)
        let right = UnsafeRawPointer(rp)
        var offset = 0
        while offset + 8 <= count {
            if left.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                != right.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            {
                return false
            }
            offset += 8
        }
        while offset < count {
            if lp[offset] != rp[offset] { return false }
            offset += 1
        }
        return true
    }

    /// Whether `other` has exactly the code points of `ascii`, a string known to be ASCII.
    ///
    /// Swift's `==` compares ASCII strings byte by byte; a non-ASCII string can only equal an
    /// ASCII one canonically if it is longer in UTF-8 (singletons such as U+212A KELVIN SIGN
    /// decompose to one ASCII letter), so equal lengths and `==` mean identical code points.
    @inline(__always)
    static func same(ascii: String, _ other: String) -> Bool {
        ascii.utf8.count == other.utf8.count && ascii == other
    }

    /// The position of a member whose key has exactly the code points of `key`.
    @inline(__always)
    static func position(of key: String, in object: JSONObject) -> Int? {
        if object.count > JSONObject.indexThreshold, let position = object.position(of: key),
            sameText(object.keys[position], key)
        {
            return position
        }
        let keys = object.keys
        for index in keys.indices where sameText(keys[index], key) { return index }
        return nil
    }

    /// Whether the object has a member named exactly `key`.
    @inline(__always)
    static func contains(_ key: String, in object: JSONObject) -> Bool {
        position(of: key, in: object) != nil
    }

    /// Whether two values are equal under JSON Schema equality.
    static func equal(_ a: borrowing JSONValue, _ b: borrowing JSONValue) -> Bool {
        // Scalars (the usual `const`/`enum` values) need no work list.
        switch a {
        case .string(let x):
            switch b {
            case .string(let y): return sameText(x, y)
            default: return false
            }
        case .null:
            switch b {
            case .null: return true
            default: return false
            }
        case .bool(let x):
            switch b {
            case .bool(let y): return x == y
            default: return false
            }
        case .number(let x):
            switch b {
            case .number(let y): return x == y
            default: return false
            }
        case .array, .object:
            return equalContainers(copy a, copy b)
        }
    }

    private static func equalContainers(_ a: JSONValue, _ b: JSONValue) -> Bool {
        var pending: [(JSONValue, JSONValue)] = []
        var left = a
        var right = b
        while true {
            switch (left, right) {
            case (.null, .null):
                break
            case (.bool(let x), .bool(let y)):
                if x != y { return false }
            case (.number(let x), .number(let y)):
                if x != y { return false }
            case (.string(let x), .string(let y)):
                if !sameText(x, y) { return false }
            case (.array(let x), .array(let y)):
                guard x.count == y.count else { return false }
                for index in x.indices { pending.append((x[index], y[index])) }
            case (.object(let x), .object(let y)):
                guard x.count == y.count else { return false }
                let keys = x.keys
                let values = x.values
                for index in keys.indices {
                    guard let other = position(of: keys[index], in: y) else { return false }
                    pending.append((values[index], y.values[other]))
                }
            default:
                return false
            }
            guard let next = pending.popLast() else { return true }
            (left, right) = next
        }
    }
}
