/// A JSON value.
///
/// Equality is JSON equality: numbers compare by mathematical value (`1 == 1.0 == 1e0`) and
/// objects compare ignoring key order; hashing is consistent with that equality. Equality and
/// serialization work without recursion, so values of any depth are safe to compare and print.
///
/// ```swift
/// let value: JSONValue = ["name": "quiver", "tags": ["json", 1, 2.5, true, nil]]
/// value["tags"]?[0]?.stringValue   // "json"
/// value.description                // {"name":"quiver","tags":["json",1,2.5,true,null]}
/// ```
///
/// Releasing a value nests one stack frame per level (Swift releases containers recursively).
/// That is harmless for parsed values under the default depth limit of 512; for values
/// thousands of levels deep, release them with ``dismantle()``.
public enum JSONValue: Sendable {
    /// The `null` literal.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, kept exactly.
    case number(JSONNumber)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object with insertion-ordered, unique keys.
    case object(JSONObject)
}

extension JSONValue {
    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The Boolean, if this is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The number, if this is a number.
    public var numberValue: JSONNumber? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The object, if this is an object.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The member named `key`, or `nil` unless this is an object with that key.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The element at `index`, or `nil` unless this is an array and `index` is in range.
    public subscript(index: Int) -> JSONValue? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    /// The JSON type name: "null", "boolean", "number", "string", "array" or "object".
    ///
    /// "integer" is never returned; ask ``JSONNumber/isInteger`` instead.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Releases the value level by level instead of recursively, leaving `null` behind.
    ///
    /// Use it for very deep values (such as those parsed with a raised
    /// ``JSONParser/Options/maxDepth``) whose ordinary release could exhaust the stack. Nested
    /// containers still referenced elsewhere (by copies of this value) are left to those copies.
    public mutating func dismantle() {
        var pending: [JSONValue] = [self]
        self = .null
        while let next = pending.popLast() {
            switch next {
            case .array(let elements):
                for element in elements where element.isContainer {
                    pending.append(element)
                }
            case .object(let object):
                for element in object.values where element.isContainer {
                    pending.append(element)
                }
            case .null, .bool, .number, .string:
                break
            }
        }
    }

    /// Whether this is an array or object with at least one element or member.
    var isNonEmptyContainer: Bool {
        switch self {
        case .array(let elements): !elements.isEmpty
        case .object(let object): !object.isEmpty
        case .null, .bool, .number, .string: false
        }
    }

    var isContainer: Bool {
        switch self {
        case .array, .object: true
        case .null, .bool, .number, .string: false
        }
    }
}

extension JSONValue: Hashable {
    /// Whether two values are equal as JSON.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let left), .bool(let right)): left == right
        case (.number(let left), .number(let right)): left == right
        case (.string(let left), .string(let right)): left == right
        case (.array, .array), (.object, .object): deepEqual(lhs, rhs)
        default: false
        }
    }

    /// Hashes the value consistently with JSON equality.
    public func hash(into hasher: inout Hasher) {
        hash(into: &hasher, depth: 0)
    }

    /// How many container levels contribute to a hash; deeper levels add only their size.
    ///
    /// The bound keeps hashing free of deep recursion; equal values still hash equally.
    static let hashDepthLimit = 8

    func hash(into hasher: inout Hasher, depth: Int) {
        switch self {
        case .null:
            hasher.combine(0 as UInt8)
        case .bool(let value):
            hasher.combine(1 as UInt8)
            hasher.combine(value)
        case .number(let value):
            hasher.combine(2 as UInt8)
            hasher.combine(value)
        case .string(let value):
            hasher.combine(3 as UInt8)
            hasher.combine(value)
        case .array(let elements):
            hasher.combine(4 as UInt8)
            hasher.combine(elements.count)
            if depth < Self.hashDepthLimit {
                for element in elements {
                    element.hash(into: &hasher, depth: depth + 1)
                }
            }
        case .object(let object):
            Self.hashObject(object, into: &hasher, depth: depth)
        }
    }

    static func hashObject(_ object: JSONObject, into hasher: inout Hasher, depth: Int) {
        hasher.combine(5 as UInt8)
        hasher.combine(object.count)
        guard depth < hashDepthLimit else { return }
        // Members are hashed separately and summed so that the order does not matter.
        var sum = 0
        for (key, value) in object {
            var member = Hasher()
            member.combine(key)
            value.hash(into: &member, depth: depth + 1)
            sum = sum &+ member.finalize()
        }
        hasher.combine(sum)
    }

    /// Compares two values with an explicit work list instead of recursion.
    static func deepEqual(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        var pending: [(JSONValue, JSONValue)] = []
        var left = lhs
        var right = rhs
        while true {
            switch (left, right) {
            case (.array(let leftElements), .array(let rightElements)):
                guard leftElements.count == rightElements.count else { return false }
                for position in leftElements.indices {
                    guard equalOrDeferred(leftElements[position], rightElements[position], &pending) else {
                        return false
                    }
                }
            case (.object(let leftObject), .object(let rightObject)):
                guard leftObject.count == rightObject.count else { return false }
                for (key, leftValue) in leftObject {
                    guard let rightValue = rightObject[key],
                        equalOrDeferred(leftValue, rightValue, &pending)
                    else { return false }
                }
            default:
                guard equalOrDeferred(left, right, &pending) else { return false }
            }
            guard let next = pending.popLast() else { return true }
            (left, right) = next
        }
    }

    /// Compares scalars now; queues a pair of same-kind containers for later.
    @inline(__always)
    private static func equalOrDeferred(
        _ lhs: JSONValue, _ rhs: JSONValue, _ pending: inout [(JSONValue, JSONValue)]
    ) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let left), .bool(let right)): return left == right
        case (.number(let left), .number(let right)): return left == right
        case (.string(let left), .string(let right)): return left == right
        case (.array(let left), .array(let right)):
            guard left.count == right.count else { return false }
            pending.append((lhs, rhs))
            return true
        case (.object(let left), .object(let right)):
            guard left.count == right.count else { return false }
            pending.append((lhs, rhs))
            return true
        default: return false
        }
    }
}

extension JSONValue: CustomStringConvertible {
    /// The value as compact JSON text.
    public var description: String {
        serialized()
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    /// Creates `null`.
    public init(nilLiteral: ()) {
        self = .null
    }

    /// Creates a Boolean.
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }

    /// Creates an integer number.
    public init(integerLiteral value: Int) {
        self = .number(JSONNumber(value))
    }

    /// Creates a number standing for the literal's shortest text.
    public init(floatLiteral value: Double) {
        self = .number(JSONNumber(value))
    }

    /// Creates a string.
    public init(stringLiteral value: String) {
        self = .string(value)
    }

    /// Creates an array.
    public init(arrayLiteral elements: JSONValue...) {
        self = .array(elements)
    }

    /// Creates an object, keeping the literal's key order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements))
    }
}
