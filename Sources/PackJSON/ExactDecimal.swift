/// An exact decimal number: `(-1)^negative × digits × 10^exponent`.
///
/// The representation is normalized so that equal values are equal structs: `digits` holds ASCII
/// digits with no leading and no trailing zeros, and zero has empty `digits`, `exponent` 0 and
/// `negative` false. This is the slow path behind ``JSONNumber``; the fast paths never touch it.
struct ExactDecimal: Sendable, Hashable {
    /// Whether the value is below zero.
    var negative: Bool
    /// Significant digits as ASCII bytes (`0x30`...`0x39`), without leading or trailing zeros.
    var digits: [UInt8]
    /// The power of ten that `digits` is scaled by.
    var exponent: Int

    /// The largest exponent magnitude a number literal may carry.
    ///
    /// Bounding the exponent keeps every exponent computation far from `Int` overflow; real JSON
    /// never comes close (RFC 8259 section 9 allows implementations to limit number ranges).
    static let exponentLimit = 1_000_000_000

    /// Zero.
    static let zero = ExactDecimal(negative: false, digits: [], exponent: 0)

    /// Creates a decimal from raw parts, normalizing leading and trailing zeros away.
    init(negative: Bool, rawDigits: some Collection<UInt8>, exponent: Int) {
        var start = rawDigits.startIndex
        while start != rawDigits.endIndex, rawDigits[start] == UInt8(ascii: "0") {
            rawDigits.formIndex(after: &start)
        }
        var trimmed = Array(rawDigits[start...])
        var exponent = exponent
        while let last = trimmed.last, last == UInt8(ascii: "0") {
            trimmed.removeLast()
            exponent += 1
        }
        if trimmed.isEmpty {
            self = .zero
        } else {
            self.init(negative: negative, digits: trimmed, exponent: exponent)
        }
    }

    /// Creates a decimal from already normalized parts.
    init(negative: Bool, digits: [UInt8], exponent: Int) {
        self.negative = negative
        self.digits = digits
        self.exponent = exponent
    }

    /// Creates the exact decimal value of an integer.
    init(_ value: Int64) {
        var magnitude = value.magnitude
        var reversed: [UInt8] = []
        while magnitude > 0 {
            reversed.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        self.init(negative: value < 0, rawDigits: reversed.reversed(), exponent: 0)
    }

    /// Creates the decimal a finite double stands for: its shortest round-trip representation.
    init(shortestOf value: Double) {
        let parts = ShortestDigits(value)
        self.init(negative: value < 0, rawDigits: parts.digits, exponent: parts.exponent)
    }

    /// Whether the value is zero.
    var isZero: Bool { digits.isEmpty }

    /// Whether the value is a whole number.
    var isInteger: Bool { exponent >= 0 }

    /// The position of the decimal point relative to the first digit (the ECMAScript `n`).
    var pointPosition: Int { digits.count + exponent }

    /// Scientific text such as `-12345e-3` that `Double(_:)` accepts.
    var scientificText: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count + 24)
        if negative { bytes.append(UInt8(ascii: "-")) }
        if digits.isEmpty {
            bytes.append(UInt8(ascii: "0"))
        } else {
            bytes.append(contentsOf: digits)
            bytes.append(UInt8(ascii: "e"))
            bytes.append(contentsOf: String(exponent).utf8)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The value as an `Int64`, if it is integral and in range.
    var int64Value: Int64? {
        if isZero { return 0 }
        guard exponent >= 0, pointPosition <= 19 else { return nil }
        var magnitude: UInt64 = 0
        for digit in digits {
            magnitude = magnitude * 10 + UInt64(digit &- UInt8(ascii: "0"))
        }
        for _ in 0..<exponent {
            let (product, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            magnitude = product
        }
        if negative {
            if magnitude <= UInt64(Int64.max) { return -Int64(magnitude) }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// The nearest double (infinite beyond the double range, zero below it).
    var nearestDouble: Double {
        if isZero { return 0 }
        if pointPosition > 400 { return negative ? -.infinity : .infinity }
        if pointPosition < -400 { return negative ? -0.0 : 0 }
        return Double(scientificText) ?? 0
    }

    /// Compares two decimals by mathematical value.
    static func compare(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> Int {
        if lhs.isZero || rhs.isZero || lhs.negative != rhs.negative {
            return lhs.sign - rhs.sign
        }
        let magnitudeOrder = compareMagnitudes(lhs, rhs)
        return lhs.negative ? -magnitudeOrder : magnitudeOrder
    }

    /// -1, 0 or 1.
    var sign: Int { isZero ? 0 : (negative ? -1 : 1) }

    private static func compareMagnitudes(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> Int {
        if lhs.pointPosition != rhs.pointPosition {
            return lhs.pointPosition < rhs.pointPosition ? -1 : 1
        }
        // Same leading-digit position: digit strings compare lexicographically, a strict prefix
        // being smaller because trailing zeros were stripped.
        for (left, right) in zip(lhs.digits, rhs.digits) where left != right {
            return left < right ? -1 : 1
        }
        if lhs.digits.count == rhs.digits.count { return 0 }
        return lhs.digits.count < rhs.digits.count ? -1 : 1
    }
}
