/// A failure found while scanning JSON text, before line and column are worked out.
struct ParseFailure: Error {
    var code: JSONParseError.Code
    var message: String
    var offset: Int
}

/// Scans RFC 8259 number literals into canonical ``JSONNumber`` values.
///
/// Literals with at most 19 significant digits are accumulated in a `UInt64`; integers that fit
/// in `Int64` and decimals with at most 15 significant digits and a power of ten within ±22 are
/// converted directly (Clinger's fast path: both operands are exact doubles, so one correctly
/// rounded multiplication or division gives the correctly rounded result, and 15 digits always
/// round-trip). Everything else goes through ``ExactDecimal``.
enum NumberScanner {
    /// A scanned number and the offset just after it.
    struct Scanned {
        var number: JSONNumber
        var end: Int
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    /// Scans the number literal starting at `start`; the byte there must be `-` or a digit.
    static func scan(_ bytes: UnsafePointer<UInt8>, start: Int, end: Int) throws(ParseFailure) -> Scanned {
        var index = start
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < end, isDigit(bytes[index]) else {
            throw ParseFailure(
                code: .invalidNumber, message: "invalid number: expected a digit after '-'", offset: index)
        }
        let integerStart = index
        var mantissa: UInt64 = 0
        var significant = 0
        var exact = true
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < end, isDigit(bytes[index]) {
                throw ParseFailure(
                    code: .invalidNumber,
                    message: "invalid number: leading zeros are not allowed; write '0' only before '.' or 'e'",
                    offset: integerStart)
            }
        } else {
            while index < end, isDigit(bytes[index]) {
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(bytes[index] &- UInt8(ascii: "0"))
                    significant += 1
                } else {
                    exact = false
                }
                index += 1
            }
        }
        let integerEnd = index
        var fractionDigits = 0
        var fractionStart = index
        var hasFractionOrExponent = false
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < end, isDigit(bytes[index]) else {
                throw ParseFailure(
                    code: .invalidNumber, message: "invalid number: expected a digit after the decimal point",
                    offset: index)
            }
            hasFractionOrExponent = true
            fractionStart = index
            while index < end, isDigit(bytes[index]) {
                let digit = bytes[index] &- UInt8(ascii: "0")
                if mantissa == 0, digit == 0 {
                    fractionDigits += 1
                } else if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    significant += 1
                    fractionDigits += 1
                } else {
                    exact = false
                }
                index += 1
            }
        }
        let fractionEnd = index
        var exponent = 0
        if index < end, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var exponentNegative = false
            if index < end, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < end, isDigit(bytes[index]) else {
                throw ParseFailure(
                    code: .invalidNumber, message: "invalid number: expected a digit in the exponent",
                    offset: index)
            }
            hasFractionOrExponent = true
            let exponentStart = index
            while index < end, isDigit(bytes[index]) {
                if exponent <= ExactDecimal.exponentLimit {
                    exponent = exponent * 10 + Int(bytes[index] &- UInt8(ascii: "0"))
                }
                index += 1
            }
            if exponent > ExactDecimal.exponentLimit {
                throw ParseFailure(
                    code: .invalidNumber,
                    message: "number exponent is out of range; exponents are limited to ±\(ExactDecimal.exponentLimit)",
                    offset: exponentStart)
            }
            if exponentNegative { exponent = -exponent }
        }

        if exact {
            if mantissa == 0 { return Scanned(number: JSONNumber(storage: .int(0)), end: index) }
            if !hasFractionOrExponent {
                if negative, mantissa <= UInt64(Int64.max) + 1 {
                    return Scanned(number: JSONNumber(storage: .int(Int64(truncatingIfNeeded: 0 &- mantissa))), end: index)
                }
                if !negative, mantissa <= UInt64(Int64.max) {
                    return Scanned(number: JSONNumber(storage: .int(Int64(mantissa))), end: index)
                }
            }
            if let number = fastNumber(mantissa, significant, exponent - fractionDigits, negative) {
                return Scanned(number: number, end: index)
            }
        }
        var digits: [UInt8] = []
        digits.reserveCapacity(fractionEnd - integerStart)
        for position in integerStart..<integerEnd { digits.append(bytes[position]) }
        if fractionEnd > integerEnd {
            for position in fractionStart..<fractionEnd { digits.append(bytes[position]) }
        }
        let fractionLength = fractionEnd > integerEnd ? fractionEnd - fractionStart : 0
        let decimal = ExactDecimal(negative: negative, rawDigits: digits, exponent: exponent - fractionLength)
        return Scanned(number: JSONNumber(canonicalizing: decimal), end: index)
    }

    /// Converts `±mantissa × 10^power` on the fast paths, or returns `nil` for the slow path.
    @inline(__always)
    private static func fastNumber(
        _ mantissa: UInt64, _ significant: Int, _ power: Int, _ negative: Bool
    ) -> JSONNumber? {
        var mantissa = mantissa
        var power = power
        var significant = significant
        while mantissa % 10 == 0 {
            mantissa /= 10
            power += 1
            significant -= 1
        }
        if power >= 0, power <= 19 {
            var magnitude = mantissa
            var overflow = false
            for _ in 0..<power where !overflow {
                (magnitude, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            }
            if !overflow {
                if negative, magnitude <= UInt64(Int64.max) + 1 {
                    return JSONNumber(storage: .int(Int64(truncatingIfNeeded: 0 &- magnitude)))
                }
                if !negative, magnitude <= UInt64(Int64.max) {
                    return JSONNumber(storage: .int(Int64(magnitude)))
                }
            }
        }
        guard significant <= 15, power >= -22, power <= 22 else { return nil }
        let scaled =
            power < 0 ? Double(mantissa) / powersOfTen[-power] : Double(mantissa) * powersOfTen[power]
        return JSONNumber(storage: .double(negative ? -scaled : scaled))
    }
}
