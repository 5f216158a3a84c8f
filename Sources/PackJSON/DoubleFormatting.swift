/// The shortest decimal digits that round-trip to a finite double, ignoring its sign.
///
/// Swift's `Double.description` already produces the shortest round-trip digits (choosing the
/// closest candidate when several are equally short), which is exactly the digit selection that
/// ECMAScript's `Number::toString` and RFC 8785 require; only the layout differs, so this type
/// extracts the digits and the exponent and leaves formatting to ``ECMAScriptNumberFormatter``.
/// The digits (at most 17) live inline, so extracting them allocates nothing.
struct ShortestDigits {
    /// Up to 24 ASCII digits, without leading or trailing zeros.
    private var storage: (UInt64, UInt64, UInt64) = (0, 0, 0)
    /// How many digits `storage` holds; zero for zero.
    private(set) var count = 0
    /// The power of ten that the digits are scaled by.
    private(set) var exponent = 0

    /// Extracts the digits of `value`, which must be finite.
    init(_ value: Double) {
        guard value.isFinite, value != 0 else { return }
        var fractionDigits = 0
        var seenPoint = false
        var exponentSign = 1
        var exponentValue = 0
        var inExponent = false
        var digitCount = 0
        var trailingZeros = 0
        withUnsafeMutableBytes(of: &storage) { digits in
            for byte in value.magnitude.description.utf8 {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if inExponent {
                        exponentValue = exponentValue * 10 + Int(byte - UInt8(ascii: "0"))
                        continue
                    }
                    if seenPoint { fractionDigits += 1 }
                    if digitCount == 0, byte == UInt8(ascii: "0") { continue }
                    guard digitCount < digits.count else { continue }
                    digits[digitCount] = byte
                    digitCount += 1
                    trailingZeros = byte == UInt8(ascii: "0") ? trailingZeros + 1 : 0
                case UInt8(ascii: "."):
                    seenPoint = true
                case UInt8(ascii: "e"), UInt8(ascii: "E"):
                    inExponent = true
                case UInt8(ascii: "-"):
                    exponentSign = -1
                default:
                    continue
                }
            }
        }
        count = digitCount - trailingZeros
        exponent = exponentSign * exponentValue - fractionDigits + trailingZeros
    }

    /// The position of the decimal point relative to the first digit (the ECMAScript `n`).
    var pointPosition: Int { count + exponent }

    /// Calls `body` with the digits.
    func withDigits<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withUnsafeBytes(of: storage) { raw in
            body(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[..<count]))
        }
    }

    /// The digits as an array.
    var digits: [UInt8] {
        withDigits { Array($0) }
    }

    /// Whether these digits and exponent equal a normalized decimal's.
    func matches(digits other: [UInt8], exponent otherExponent: Int) -> Bool {
        exponent == otherExponent && withDigits { $0.elementsEqual(other) }
    }
}

/// Formats numbers the way ECMAScript's `Number::toString` does (ECMA-262, section 6.1.6.1.20).
///
/// With `k` significant digits and the decimal point after `n` of them: integers up to 21 digits
/// are written in full, fractions down to `1e-7` (exclusive) are written with a leading `0.`, and
/// everything else uses an exponent with an explicit sign, as in `1e+21` and `1.5e-7`.
enum ECMAScriptNumberFormatter {
    /// Appends the ECMAScript text for a finite double to `output`; `-0` is written as `0`.
    static func append(_ value: Double, to output: inout [UInt8]) {
        if value == 0 || !value.isFinite {
            output.append(UInt8(ascii: "0"))
            return
        }
        if value < 0 { output.append(UInt8(ascii: "-")) }
        let parts = ShortestDigits(value)
        parts.withDigits { appendDigits($0, pointPosition: parts.pointPosition, to: &output) }
    }

    /// Appends normalized digits with the decimal point after `pointPosition` digits.
    ///
    /// `plainLimit` is ECMAScript's 21: the largest `n` written without an exponent. The
    /// ``JSONNumber`` description passes a larger limit so that big integers stay readable.
    static func appendDigits(
        _ digits: UnsafeBufferPointer<UInt8>, pointPosition n: Int, plainLimit: Int = 21, to output: inout [UInt8]
    ) {
        let k = digits.count
        if k == 0 {
            output.append(UInt8(ascii: "0"))
        } else if k <= n, n <= plainLimit {
            output.append(contentsOf: digits)
            output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: n - k))
        } else if 0 < n, n <= plainLimit {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[..<n]))
            output.append(UInt8(ascii: "."))
            output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[n...]))
        } else if -6 < n, n <= 0 {
            output.append(UInt8(ascii: "0"))
            output.append(UInt8(ascii: "."))
            output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -n))
            output.append(contentsOf: digits)
        } else {
            output.append(digits[0])
            if k > 1 {
                output.append(UInt8(ascii: "."))
                output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[1...]))
            }
            output.append(UInt8(ascii: "e"))
            output.append(n - 1 >= 0 ? UInt8(ascii: "+") : UInt8(ascii: "-"))
            IntegerText.append(Int64((n - 1).magnitude), to: &output)
        }
    }
}
