/// A growable stack that hands its top elements out as an array by moving them.
///
/// The JSON parser and the YAML reader collect the children of every open container here. Closing a container moves
/// its children into one exactly sized array: one allocation and no reference counting per
/// element, where appending to a per-container array would reallocate as it grows and copying
/// out of an `Array` would retain and release every element.
package struct MoveStack<Element>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// The number of elements on the stack.
    package private(set) var count = 0

    package init(initialCapacity: Int = 32) {
        capacity = max(initialCapacity, 1)
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    @inline(__always)
    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    private mutating func grow() {
        let newCapacity = capacity * 2
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// The element at `index` (which must be below `count`).
    @inline(__always)
    subscript(index: Int) -> Element {
        base[index]
    }

    /// Removes the elements from `start` to the top and returns them in order.
    mutating func popArray(from start: Int) -> [Element] {
        let moved = count - start
        guard moved > 0 else { return [] }
        count = start
        return Self.makeArray(moving: base + start, count: moved)
    }

    // `Array(unsafeUninitializedCapacity:)` allocates through a non-inlinable generic entry
    // point that looks the storage metadata up at run time for every array; `reserveCapacity`
    // is specialized for `Element`, and appending moved elements costs no reference counting.
    private static func makeArray(moving source: UnsafeMutablePointer<Element>, count: Int) -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(count)
        for offset in 0..<count {
            result.append((source + offset).move())
        }
        return result
    }
}

// Other modules of the package (the YAML reader) use these concrete entry points: they are
// specialized here, where a generic call from another module would look up array metadata at
// run time on every call.

extension MoveStack where Element == JSONValue {
    /// Pushes a value.
    package mutating func pushValue(_ value: consuming JSONValue) { push(value) }

    /// Removes the values from `start` to the top and returns them in order.
    package mutating func popValues(from start: Int) -> [JSONValue] { popArray(from: start) }
}

extension MoveStack where Element == String {
    /// Pushes a key.
    package mutating func pushKey(_ key: consuming String) { push(key) }

    /// Removes the keys from `start` to the top and returns them in order.
    package mutating func popKeys(from start: Int) -> [String] { popArray(from: start) }

    /// Whether a key from `start` to the top equals `key`.
    package func containsKey(_ key: String, from start: Int) -> Bool {
        for index in start..<count where self[index] == key { return true }
        return false
    }

    /// The key at `index` (which must be below `count`).
    package func key(at index: Int) -> String { self[index] }
}
