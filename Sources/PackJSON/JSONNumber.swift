/// A JSON number, kept exactly as written (no silent rounding of big integers or decimals).
///
/// Numbers compare and hash by mathematical value, so `1`, `1.0`, `10e-1` and `1e0` are equal.
/// Integers that fit in `Int64` and decimals that a `Double` represents exactly as its shortest
/// text (such as `0.5` or `12.75`) take fast paths; anything else, such as `1e400`,
/// `12345678901234567890123` or `0.10000000000000000001`, is stored as an exact decimal.
///
/// A `Double` stands for its shortest round-trip text: `JSONNumber(0.1)` equals the JSON literal
/// `0.1`, not the binary fraction `0.1000000000000000055511151231257827`.
///
/// ```swift
/// let big = JSONNumber(text: "12345678901234567890123")!
/// big.isInteger          // true
/// big.int64Value         // nil: it does not fit
/// big.description        // "12345678901234567890123"
/// JSONNumber(1) == JSONNumber(text: "1.0")!   // true
/// ```
public struct JSONNumber: Sendable {
    /// The canonical storage; every value has exactly one representation.
    ///
    /// - `int`: any integral value that fits in `Int64`.
    /// - `double`: a non-zero value that is not an `Int64` integer and equals the shortest
    ///   round-trip text of this double. Non-integral doubles are below 2^53 in magnitude;
    ///   integral ones are beyond the `Int64` range.
    /// - `decimal`: everything else.
    ///
    /// Because the storage is canonical, equality and hashing compare storage directly.
    enum Storage: Sendable, Hashable {
        case int(Int64)
        case double(Double)
        case decimal(ExactDecimal)
    }

    var storage: Storage

    init(storage: Storage) {
        self.storage = storage
    }

    /// Creates a number from an integer.
    public init(_ value: Int) {
        storage = .int(Int64(value))
    }

    /// Creates a number from a 64-bit integer.
    public init(_ value: Int64) {
        storage = .int(value)
    }

    /// Creates a number from a double, standing for its shortest round-trip text.
    ///
    /// JSON cannot represent non-finite values, so NaN becomes `0` and the infinities become
    /// `±Double.greatestFiniteMagnitude`; use ``init(exactly:)`` to detect them instead.
    public init(_ value: Double) {
        if value.isNaN {
            self.init(storage: .int(0))
        } else if value.isInfinite {
            self.init(storage: .double(value < 0 ? -Double.greatestFiniteMagnitude : .greatestFiniteMagnitude))
        } else {
            self.init(finite: value)
        }
    }

    /// Creates a number from a double, or returns `nil` if the double is NaN or infinite.
    public init?(exactly value: Double) {
        guard value.isFinite else { return nil }
        self.init(finite: value)
    }

    /// Parses a JSON number literal such as `-12.5e3`, or returns `nil` if `text` is not one.
    ///
    /// The whole text must be the literal: no surrounding whitespace, no leading `+`, no leading
    /// zeros, no `NaN` or `Infinity`.
    public init?(text: String) {
        var text = text
        let parsed: JSONNumber? = text.withUTF8 { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty,
                base[0] == UInt8(ascii: "-") || base[0] &- UInt8(ascii: "0") < 10,
                let result = try? NumberScanner.scan(base, start: 0, end: buffer.count),
                result.end == buffer.count
            else { return nil }
            return result.number
        }
        guard let parsed else { return nil }
        self = parsed
    }

    private init(finite value: Double) {
        if value == 0 {
            self.init(storage: .int(0))
        } else if value.magnitude < 9_007_199_254_740_992 {
            // Below 2^53 an integral double's shortest text is the integer itself, and a
            // non-integral double's shortest text is never an integer.
            if value.rounded(.towardZero) == value {
                self.init(storage: .int(Int64(value)))
            } else {
                self.init(storage: .double(value))
            }
        } else {
            // The shortest text of a large double (such as 1.152921504606847e18 for 2^60) is not
            // its binary value, so classify the text.
            self.init(canonicalizing: ExactDecimal(shortestOf: value))
        }
    }

    /// Creates the canonical number for an exact decimal.
    init(canonicalizing decimal: ExactDecimal) {
        if let integer = decimal.int64Value {
            storage = .int(integer)
            return
        }
        if decimal.digits.count <= 17, decimal.pointPosition > -330, decimal.pointPosition < 310 {
            let candidate = decimal.nearestDouble
            if candidate.isFinite, candidate != 0 {
                if ShortestDigits(candidate).matches(digits: decimal.digits, exponent: decimal.exponent) {
                    storage = .double(candidate)
                    return
                }
            }
        }
        storage = .decimal(decimal)
    }

    /// Whether the number is mathematically integral: `1.0`, `1e2` and `1e30` are integers.
    public var isInteger: Bool {
        switch storage {
        case .int: true
        case .double(let value): value.rounded(.towardZero) == value
        case .decimal(let decimal): decimal.isInteger
        }
    }

    /// The exact value if the number is integral and fits in `Int64`, otherwise `nil`.
    public var int64Value: Int64? {
        if case .int(let value) = storage { return value }
        return nil
    }

    /// The exact value if the number is integral and fits in `Int`, otherwise `nil`.
    public var intValue: Int? {
        if case .int(let value) = storage { return Int(exactly: value) }
        return nil
    }

    /// The nearest double; may round, and is infinite for magnitudes beyond the double range.
    public var doubleValue: Double {
        switch storage {
        case .int(let value): Double(value)
        case .double(let value): value
        case .decimal(let decimal): decimal.nearestDouble
        }
    }

    /// Whether the number is below zero.
    public var isNegative: Bool {
        switch storage {
        case .int(let value): value < 0
        case .double(let value): value < 0
        case .decimal(let decimal): decimal.negative
        }
    }

    /// The exact value as a normalized decimal (slow path).
    var exactDecimal: ExactDecimal {
        switch storage {
        case .int(let value): ExactDecimal(value)
        case .double(let value): ExactDecimal(shortestOf: value)
        case .decimal(let decimal): decimal
        }
    }

    /// Whether dividing this number by `divisor` gives an integer, computed exactly.
    ///
    /// Returns `false` for a zero divisor. Integers take a fast path; decimals are compared
    /// exactly, so `0.3` is a multiple of `0.1`.
    public func isMultiple(of divisor: JSONNumber) -> Bool {
        if case .int(let value) = storage, case .int(let step) = divisor.storage {
            guard step != 0 else { return false }
            if step == -1 { return true }
            return value % step == 0
        }
        return ExactArithmetic.isMultiple(exactDecimal, of: divisor.exactDecimal)
    }
}

extension JSONNumber: Hashable {
    /// Whether both numbers have the same mathematical value.
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        lhs.storage == rhs.storage
    }

    /// Hashes the mathematical value.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage)
    }
}

extension JSONNumber: Comparable {
    /// Whether `lhs` is mathematically smaller than `rhs`, computed exactly.
    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.int(let left), .int(let right)):
            return left < right
        case (.double(let left), .double(let right)):
            // Shortest round-trip text is monotonic in the double, so double order is exact.
            return left < right
        case (.int(let left), .double(let right)):
            return compare(left, right) < 0
        case (.double(let left), .int(let right)):
            return compare(right, left) > 0
        default:
            return ExactDecimal.compare(lhs.exactDecimal, rhs.exactDecimal) < 0
        }
    }

    /// Compares an integer with a canonical `double` payload: -1, 0 or 1.
    private static func compare(_ integer: Int64, _ double: Double) -> Int {
        if double.magnitude >= 9_007_199_254_740_992 {
            // Canonical large doubles lie outside the Int64 range.
            return double > 0 ? -1 : 1
        }
        if integer.magnitude > 9_007_199_254_740_992 {
            return integer < 0 ? -1 : 1
        }
        let converted = Double(integer)  // exact below 2^53
        return converted < double ? -1 : (converted > double ? 1 : 0)
    }
}

extension JSONNumber: CustomStringConvertible {
    /// The number as JSON text; integers below 10^40 are written without an exponent.
    public var description: String {
        var bytes: [UInt8] = []
        appendText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the JSON text of the number to `output`.
    func appendText(to output: inout [UInt8]) {
        switch storage {
        case .int(let value):
            IntegerText.append(value, to: &output)
        case .double(let value):
            if value < 0 { output.append(UInt8(ascii: "-")) }
            let parts = ShortestDigits(value)
            parts.withDigits {
                ECMAScriptNumberFormatter.appendDigits($0, pointPosition: parts.pointPosition, plainLimit: 40, to: &output)
            }
        case .decimal(let decimal):
            if decimal.negative { output.append(UInt8(ascii: "-")) }
            decimal.digits.withUnsafeBufferPointer {
                ECMAScriptNumberFormatter.appendDigits(
                    $0, pointPosition: decimal.pointPosition, plainLimit: 40, to: &output)
            }
        }
    }
}

extension JSONNumber: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    /// Creates a number from an integer literal.
    public init(integerLiteral value: Int64) {
        self.init(value)
    }

    /// Creates a number from a floating-point literal, standing for its shortest text.
    public init(floatLiteral value: Double) {
        self.init(value)
    }
}

/// Decimal text for integers without going through `String`.
enum IntegerText {
    /// Appends the decimal digits of `value` to `output`.
    static func append(_ value: Int64, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            output.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes hold 20 digits
        withUnsafeMutableBytes(of: &buffer) { raw in
            var index = raw.count
            while magnitude > 0 {
                index -= 1
                raw[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            output.append(contentsOf: raw[index...])
        }
    }
}
