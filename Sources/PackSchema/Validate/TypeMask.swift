import PackJSON

/// The JSON Schema types as bits; `integer` is a separate bit that `number` includes.
struct TypeMask: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    static let null = TypeMask(rawValue: 1)
    static let boolean = TypeMask(rawValue: 2)
    static let integer = TypeMask(rawValue: 4)
    static let number = TypeMask(rawValue: 8)
    static let string = TypeMask(rawValue: 16)
    static let array = TypeMask(rawValue: 32)
    static let object = TypeMask(rawValue: 64)
    static let any = TypeMask(rawValue: 127)

    /// The mask for a `type` name, or `nil` for an unknown name.
    init?(typeName: String) {
        switch typeName {
        case "null": self = .null
        case "boolean": self = .boolean
        case "integer": self = .integer
        case "number": self = [.number, .integer]
        case "string": self = .string
        case "array": self = .array
        case "object": self = .object
        default: return nil
        }
    }

    /// Whether an instance of this kind passes; numbers are checked for integrality only if needed.
    @inline(__always)
    func admits(_ instance: ValueRef) -> Bool {
        // Only the case is inspected (no payload is bound), so checking a type copies nothing.
        switch instance.pointee {
        case .null: return contains(.null)
        case .bool: return contains(.boolean)
        case .number: return contains(.number) || (contains(.integer) && Self.isInteger(instance))
        case .string: return contains(.string)
        case .array: return contains(.array)
        case .object: return contains(.object)
        }
    }

    private static func isInteger(_ instance: ValueRef) -> Bool {
        if case .number(let number) = instance.pointee { return number.isInteger }
        return false
    }

    /// The type names in the mask, for messages ("string or null").
    var names: [String] {
        var result: [String] = []
        if contains(.null) { result.append("null") }
        if contains(.boolean) { result.append("boolean") }
        if contains(.number) {
            result.append("number")
        } else if contains(.integer) {
            result.append("integer")
        }
        if contains(.string) { result.append("string") }
        if contains(.array) { result.append("array") }
        if contains(.object) { result.append("object") }
        return result
    }
}
