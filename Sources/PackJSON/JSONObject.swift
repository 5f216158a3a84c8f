/// An object whose keys keep insertion order; keys are unique.
///
/// Keys and values live in two contiguous arrays, so iteration and small lookups are cheap:
/// objects with up to ``indexThreshold`` keys are searched linearly, larger ones keep a hash
/// index from key to position. Equality and hashing ignore key order, as JSON requires.
///
/// ```swift
/// var object: JSONObject = ["name": "quiver", "version": 1]
/// object["license"] = "MIT"     // appended at the end
/// object["version"] = nil       // removed
/// object.keys                   // ["name", "license"]
/// ```
public struct JSONObject: Sendable {
    /// The key count above which lookups go through a hash index instead of a linear scan.
    public static let indexThreshold = 16

    /// The keys in insertion order.
    public private(set) var keys: [String]
    /// The values in insertion order, parallel to ``keys``.
    public private(set) var values: [JSONValue]
    /// Position of each key; present only when `keys.count > indexThreshold`.
    private var index: [String: Int]?

    /// Creates an empty object.
    public init() {
        keys = []
        values = []
        index = nil
    }

    /// Creates an object from key-value pairs; a later duplicate key replaces the earlier value
    /// but keeps the earlier position.
    public init(_ pairs: [(String, JSONValue)]) {
        self.init()
        keys.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        for (key, value) in pairs {
            self[key] = value
        }
    }

    /// Creates an object from arrays the caller guarantees to have equal counts and unique keys
    /// (parsers that have already rejected duplicates).
    ///
    /// `index` may carry a prebuilt key-to-position map for objects above the threshold.
    package init(uniqueKeys keys: [String], values: [JSONValue], index: [String: Int]? = nil) {
        self.keys = keys
        self.values = values
        if keys.count > Self.indexThreshold {
            self.index = index
            if index == nil { rebuildIndex() }
        } else {
            self.index = nil
        }
    }

    /// The number of members.
    public var count: Int { keys.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { keys.isEmpty }

    /// The value for `key`, or `nil`; assigning `nil` removes the member.
    ///
    /// Complexity: O(1) on average; removing a member is O(n).
    public subscript(key: String) -> JSONValue? {
        get {
            guard let position = position(of: key) else { return nil }
            return values[position]
        }
        set {
            if let newValue {
                if let position = position(of: key) {
                    values[position] = newValue
                } else {
                    append(key, newValue)
                }
            } else if let position = position(of: key) {
                keys.remove(at: position)
                values.remove(at: position)
                rebuildIndex()
            }
        }
    }

    /// Whether the object has a member named `key`.
    public func contains(key: String) -> Bool {
        position(of: key) != nil
    }

    /// The position of `key` in ``keys``, or `nil`.
    public func position(of key: String) -> Int? {
        if let index { return index[key] }
        for position in keys.indices where keys[position] == key {
            return position
        }
        return nil
    }

    /// Adds a member the caller knows to be absent.
    private mutating func append(_ key: String, _ value: JSONValue) {
        keys.append(key)
        values.append(value)
        if index != nil {
            index?[key] = keys.count - 1
        } else if keys.count > Self.indexThreshold {
            rebuildIndex()
        }
    }

    private mutating func rebuildIndex() {
        guard keys.count > Self.indexThreshold else {
            index = nil
            return
        }
        var built: [String: Int] = [:]
        built.reserveCapacity(keys.count)
        for (position, key) in keys.enumerated() {
            built[key] = position
        }
        index = built
    }

    /// Returns the keys sorted by Unicode code point (UTF-8 byte order).
    public var sortedKeys: [String] {
        keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}

extension JSONObject: Sequence {
    /// Iterates members in insertion order.
    public struct Iterator: IteratorProtocol {
        private let object: JSONObject
        private var position = 0

        init(_ object: JSONObject) {
            self.object = object
        }

        /// The next member, or `nil` at the end.
        public mutating func next() -> (key: String, value: JSONValue)? {
            guard position < object.keys.count else { return nil }
            defer { position += 1 }
            return (object.keys[position], object.values[position])
        }
    }

    /// Returns an iterator over the members in insertion order.
    public func makeIterator() -> Iterator {
        Iterator(self)
    }

    /// The number of members.
    public var underestimatedCount: Int { keys.count }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// Creates an object from a dictionary literal, keeping the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}

extension JSONObject: Hashable {
    /// Whether both objects have the same keys with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        JSONValue.deepEqual(.object(lhs), .object(rhs))
    }

    /// Hashes the members independently of their order.
    public func hash(into hasher: inout Hasher) {
        JSONValue.hashObject(self, into: &hasher, depth: 0)
    }
}

extension JSONObject: CustomStringConvertible {
    /// The object as compact JSON text.
    public var description: String {
        JSONValue.object(self).serialized()
    }
}
