/// Exact arithmetic on decimal digit strings, used by ``JSONNumber/isMultiple(of:)``.
enum ExactArithmetic {
    /// The largest `dividend digits × divisor digits` product computed exactly; beyond it the
    /// check falls back to doubles so that a hostile number cannot make a check quadratic.
    static let exactWorkLimit = 10_000_000

    /// Whether `value / divisor` is an integer.
    ///
    /// With `value = a × 10^ea` and `divisor = b × 10^eb` (a and b without trailing zeros), write
    /// `b = 2^p × 5^q × m` with `m` coprime to 10. Then `value / divisor` is an integer exactly when
    /// `m` divides `a` and `10^(ea - eb) × a` has at least `p` factors of 2 and `q` factors of 5.
    static func isMultiple(_ value: ExactDecimal, of divisor: ExactDecimal) -> Bool {
        if divisor.isZero { return false }
        if value.isZero { return true }
        let scale = value.exponent - divisor.exponent
        var rest = digitValues(divisor.digits)
        let twos = removeFactors(2, from: &rest)
        let fives = removeFactors(5, from: &rest)
        var dividend = digitValues(value.digits)
        // `a` has no trailing zeros, so at most one of its 2- and 5-valuations is non-zero; both
        // are bounded by the divisor's counts, which keeps these loops short.
        let dividendTwos = min(countFactors(2, in: dividend, upTo: twos), twos)
        let dividendFives = min(countFactors(5, in: dividend, upTo: fives), fives)
        if dividendTwos + scale < twos || dividendFives + scale < fives { return false }
        if rest == [1] { return true }
        if rest.count > dividend.count { return false }
        if dividend.count * rest.count > exactWorkLimit {
            let quotient = value.nearestDouble / divisor.nearestDouble
            return quotient.isFinite && quotient.rounded() == quotient
        }
        return isZeroRemainder(&dividend, modulo: rest)
    }

    private static func digitValues(_ ascii: [UInt8]) -> [UInt8] {
        ascii.map { $0 &- UInt8(ascii: "0") }
    }

    /// Divides `digits` (most significant first) by `divisor`, returning the remainder.
    private static func divide(_ digits: inout [UInt8], by divisor: Int) -> Int {
        var remainder = 0
        var quotient: [UInt8] = []
        quotient.reserveCapacity(digits.count)
        for digit in digits {
            let current = remainder * 10 + Int(digit)
            let next = UInt8(current / divisor)
            if !(quotient.isEmpty && next == 0) { quotient.append(next) }
            remainder = current % divisor
        }
        digits = quotient.isEmpty ? [0] : quotient
        return remainder
    }

    private static func removeFactors(_ factor: Int, from digits: inout [UInt8]) -> Int {
        var count = 0
        while digits != [0] {
            var candidate = digits
            guard divide(&candidate, by: factor) == 0 else { break }
            digits = candidate
            count += 1
        }
        return count
    }

    private static func countFactors(_ factor: Int, in digits: [UInt8], upTo limit: Int) -> Int {
        var copy = digits
        var count = 0
        while count < limit, divide(&copy, by: factor) == 0 {
            count += 1
        }
        return count
    }

    /// Whether `digits mod modulus` is zero, by schoolbook long division on decimal digits.
    private static func isZeroRemainder(_ digits: inout [UInt8], modulo modulus: [UInt8]) -> Bool {
        if modulus.count <= 18 {
            var small: UInt64 = 0
            for digit in modulus { small = small * 10 + UInt64(digit) }
            var remainder: UInt64 = 0
            for digit in digits { remainder = (remainder * 10 + UInt64(digit)) % small }
            return remainder == 0
        }
        var remainder: [UInt8] = []
        for digit in digits {
            if !(remainder.isEmpty && digit == 0) { remainder.append(digit) }
            while compare(remainder, modulus) >= 0 {
                subtract(modulus, from: &remainder)
            }
        }
        return remainder.isEmpty
    }

    private static func compare(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        if lhs.count != rhs.count { return lhs.count < rhs.count ? -1 : 1 }
        for (left, right) in zip(lhs, rhs) where left != right {
            return left < right ? -1 : 1
        }
        return 0
    }

    /// Subtracts `rhs` from `lhs` (`lhs >= rhs`), keeping `lhs` free of leading zeros.
    private static func subtract(_ rhs: [UInt8], from lhs: inout [UInt8]) {
        var borrow = 0
        var index = lhs.count - 1
        var rhsIndex = rhs.count - 1
        while index >= 0 {
            var digit = Int(lhs[index]) - borrow - (rhsIndex >= 0 ? Int(rhs[rhsIndex]) : 0)
            borrow = 0
            if digit < 0 {
                digit += 10
                borrow = 1
            }
            lhs[index] = UInt8(digit)
            index -= 1
            rhsIndex -= 1
        }
        let firstNonZero = lhs.firstIndex { $0 != 0 } ?? lhs.count
        lhs.removeFirst(firstNonZero)
    }
}
