extension Version {
    /// One dot-separated part of a prerelease, such as `beta` or `2` in `1.4.0-beta.2`.
    ///
    /// An identifier is numeric (digits only, no leading zero) or alphanumeric (ASCII letters,
    /// digits and hyphens with at least one non-digit). Numeric identifiers compare by value, and of
    /// any size; alphanumeric ones compare by their ASCII bytes and rank above numeric ones.
    public struct PrereleaseIdentifier: Sendable, Hashable, Comparable, CustomStringConvertible,
        ExpressibleByIntegerLiteral, ExpressibleByStringLiteral
    {
        /// The identifier as written, such as `beta` or `2`.
        public let description: String
        /// Whether the identifier is all digits and so compares by value.
        public let isNumeric: Bool

        /// Creates an identifier after checking it against SemVer 2.0.0; `nil` when it is invalid.
        ///
        /// Valid identifiers are non-empty, use only ASCII letters, digits and hyphens, and have
        /// no leading zero when they are numeric.
        public init?(_ text: String) {
            let bytes = text.utf8
            guard !bytes.isEmpty, bytes.allSatisfy(\.isSemverIdentifierByte) else { return nil }
            let numeric = bytes.allSatisfy(\.isSemverDigit)
            if numeric, bytes.count > 1, bytes.first == UInt8(ascii: "0") { return nil }
            self.init(unchecked: text, isNumeric: numeric)
        }

        /// Creates a numeric identifier; `value` must not be negative.
        public init(_ value: Int) {
            precondition(value >= 0, "numeric prerelease identifiers cannot be negative")
            self.init(unchecked: String(value), isNumeric: true)
        }

        /// Creates a numeric identifier from a literal such as `2`; traps when it is negative.
        public init(integerLiteral value: Int) {
            self.init(value)
        }

        /// Creates an identifier from a literal such as `"beta"`; traps when it is invalid.
        public init(stringLiteral value: String) {
            guard let identifier = PrereleaseIdentifier(value) else {
                preconditionFailure("'\(value)' is not a valid prerelease identifier")
            }
            self = identifier
        }

        init(unchecked text: String, isNumeric: Bool) {
            self.description = text
            self.isNumeric = isNumeric
        }

        /// `0`, the lowest identifier, used for bounds such as `<2.0.0-0`.
        static let zero = PrereleaseIdentifier(unchecked: "0", isNumeric: true)

        /// `[0]`, the lowest prerelease, shared so that bounds such as `<2.0.0-0` allocate nothing.
        static let lowest: [PrereleaseIdentifier] = [zero]

        /// The value of a numeric identifier, or `nil` when it is alphanumeric or does not fit in `Int`.
        public var numericValue: Int? { isNumeric ? Int(description) : nil }

        /// SemVer order: numeric identifiers by value, below alphanumeric ones, which compare by ASCII.
        public static func < (lhs: PrereleaseIdentifier, rhs: PrereleaseIdentifier) -> Bool {
            compare(lhs, rhs) < 0
        }

        /// Returns -1, 0 or 1 as `lhs` ranks below, with or above `rhs`.
        static func compare(_ lhs: PrereleaseIdentifier, _ rhs: PrereleaseIdentifier) -> Int {
            switch (lhs.isNumeric, rhs.isNumeric) {
            case (true, false): return -1
            case (false, true): return 1
            case (true, true):
                // Without leading zeros, a longer number is a larger one; equal lengths compare digit by digit.
                let left = lhs.description.utf8.count
                let right = rhs.description.utf8.count
                if left != right { return left < right ? -1 : 1 }
                return compareBytes(lhs.description, rhs.description)
            case (false, false):
                return compareBytes(lhs.description, rhs.description)
            }
        }

        private static func compareBytes(_ lhs: String, _ rhs: String) -> Int {
            if lhs == rhs { return 0 }
            return lhs.utf8.lexicographicallyPrecedes(rhs.utf8) ? -1 : 1
        }

        /// The identifier that follows a numeric one, such as `3` after `2`; `nil` past `Int.max`.
        func incremented() -> PrereleaseIdentifier? {
            guard let value = numericValue, value < Int.max else { return nil }
            return PrereleaseIdentifier(value + 1)
        }
    }
}
