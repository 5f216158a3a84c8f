/// A set of Unicode code points as used by ECMA-262 character classes, `.` and class escapes.
///
/// Membership of ASCII code points is precomputed into a 128-bit map (negation and Unicode
/// properties included), so the common case is two shifts and a mask.
struct RegexCharSet: Sendable {
    /// Membership bits for code points 0–63 and 64–127, negation already applied.
    private(set) var lowBits: UInt64 = 0
    private(set) var highBits: UInt64 = 0
    /// Non-negated ranges, sorted and merged.
    private(set) var ranges: [ClosedRange<UInt32>] = []
    /// Unicode property tests, each possibly negated (`\P{…}`).
    private(set) var properties: [UnicodePropertyTest] = []
    /// Whether the whole class is negated (`[^…]`).
    private(set) var negated = false

    /// Builds a set from its members; `negated` inverts the whole class.
    init(ranges: [ClosedRange<UInt32>], properties: [UnicodePropertyTest], negated: Bool) {
        self.ranges = Self.merge(ranges)
        self.properties = properties
        self.negated = negated
        for code in UInt32(0)..<128 where containsSlow(code) {
            if code < 64 { lowBits |= 1 << UInt64(code) } else { highBits |= 1 << UInt64(code - 64) }
        }
    }

    /// The membership bits when the set has no member beyond ASCII, otherwise `nil`.
    var asciiOnlyBits: (UInt64, UInt64)? {
        guard !negated, properties.isEmpty, ranges.allSatisfy({ $0.upperBound < 128 }) else { return nil }
        return (lowBits, highBits)
    }

    /// Whether the set contains the code point.
    @inline(__always)
    func contains(_ code: UInt32) -> Bool {
        if code < 64 { return lowBits & (1 << UInt64(code)) != 0 }
        if code < 128 { return highBits & (1 << UInt64(code &- 64)) != 0 }
        return containsSlow(code)
    }

    /// Whether an ASCII byte is in the set (caller guarantees `byte < 128`).
    @inline(__always)
    func containsASCII(_ byte: UInt8) -> Bool {
        if byte < 64 { return lowBits & (1 << UInt64(byte)) != 0 }
        return highBits & (1 << UInt64(byte &- 64)) != 0
    }

    private func containsSlow(_ code: UInt32) -> Bool {
        var hit = Self.search(ranges, code)
        if !hit {
            for property in properties where property.matches(code) {
                hit = true
                break
            }
        }
        return hit != negated
    }

    private static func search(_ ranges: [ClosedRange<UInt32>], _ code: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = ranges[middle]
            if code < range.lowerBound {
                high = middle - 1
            } else if code > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    private static func merge(_ input: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        let sorted = input.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt32>] = []
        for range in sorted {
            if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// The complement of a list of ranges within 0...0x10FFFF.
    static func complement(_ input: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in merge(input) {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            next = range.upperBound &+ 1
        }
        if next <= 0x10FFFF { result.append(next...0x10FFFF) }
        return result
    }

    // MARK: Class escapes (ECMA-262, Unicode mode without case folding)

    /// `\d`: ASCII digits only.
    static let digitRanges: [ClosedRange<UInt32>] = [0x30...0x39]
    /// `\w`: ASCII letters, digits and underscore only.
    static let wordRanges: [ClosedRange<UInt32>] = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]
    /// `\s`: WhiteSpace and LineTerminator code points.
    static let spaceRanges: [ClosedRange<UInt32>] = [
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A,
        0x2028...0x2029, 0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
    ]
    /// Line terminators, excluded by `.`.
    static let lineTerminators: [ClosedRange<UInt32>] = [0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029]

    /// `.`: every code point except line terminators.
    static let dot = RegexCharSet(ranges: lineTerminators, properties: [], negated: true)

    /// Whether `code` is an ECMA-262 word character (for `\b`).
    @inline(__always)
    static func isWordCharacter(_ code: UInt32) -> Bool {
        (code >= 0x61 && code <= 0x7A) || (code >= 0x41 && code <= 0x5A) || (code >= 0x30 && code <= 0x39)
            || code == 0x5F
    }
}
