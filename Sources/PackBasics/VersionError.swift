/// A failure to parse a version, a version range or a comparator, or to increment a version.
///
/// The ``message`` names the input and, after `; `, the remedy, for example
/// `'1.2' is not a valid version; use MAJOR.MINOR.PATCH such as '1.2.0'`.
public struct VersionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is; new codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The text is not a semantic version.
        public static let invalidVersion = Code("invalidVersion")
        /// The text is not a version range.
        public static let invalidRange = Code("invalidRange")
        /// The text is not a single comparator such as `>=1.2.3`.
        public static let invalidComparator = Code("invalidComparator")
        /// A number is larger than ``Version/maximumComponent``.
        public static let numberTooLarge = Code("numberTooLarge")
        /// The text is longer than the limit for its kind.
        public static let tooLong = Code("tooLong")
        /// An increment cannot be applied to the version with the given identifier.
        public static let invalidIncrement = Code("invalidIncrement")
        /// The code's name, such as `invalidVersion`.
        public var description: String { name }
    }

    /// The kind of failure.
    public var code: Code
    /// The text that was being parsed or the version being incremented.
    public var input: String
    /// What went wrong and how to fix it.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, input: String, message: String) {
        self.code = code
        self.input = input
        self.message = message
    }

    /// The ``message``.
    public var description: String { message }
}

// MARK: - Message catalogue

extension VersionError {
    /// The longest part of an input quoted in a message; longer inputs are shortened with `…`.
    static let quotedInputLimit = 64

    /// The input as quoted in messages: shortened when very long.
    static func quoted(_ text: String) -> String {
        guard text.utf8.count > quotedInputLimit else { return "'\(text)'" }
        return "'\(text.prefix(quotedInputLimit))…'"
    }

    static let versionRemedy = "use MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] such as '1.2.3' or '1.2.3-beta.1'"
    static let rangeRemedy =
        "use comparators such as '>=1.2.0 <2.0.0', '^1.2.0', '~1.2.3' or '1.2.x', separated by spaces or '||'"

    /// The error for a version that could not be parsed.
    static func version(_ input: String, _ problem: VersionSyntaxProblem) -> VersionError {
        let subject = "\(quoted(input)) is not a valid version"
        switch problem {
        case .empty:
            return VersionError(
                .invalidVersion, input: input, message: "the version is empty; use MAJOR.MINOR.PATCH such as '1.0.0'")
        case .tooLong(let limit):
            return VersionError(
                .tooLong, input: input,
                message: "\(subject): it is longer than \(limit) characters; shorten its prerelease or build metadata")
        case .missingComponents(let suggestion):
            let remedy = suggestion.map { "use MAJOR.MINOR.PATCH such as '\($0)'" } ?? versionRemedy
            return VersionError(.invalidVersion, input: input, message: "\(subject); \(remedy)")
        case .tooLarge(let number):
            return VersionError(
                .numberTooLarge, input: input,
                message: "\(subject): \(quoted(number)) is larger than \(Version.maximumComponent); use smaller numbers"
            )
        case .syntax(let reason, let suggestion):
            let remedy = suggestion.map { "write '\($0)'" } ?? versionRemedy
            return VersionError(.invalidVersion, input: input, message: "\(subject): \(reason); \(remedy)")
        }
    }

    /// The error for a range that could not be parsed.
    static func range(_ input: String, _ problem: RangeSyntaxProblem) -> VersionError {
        let subject = "\(quoted(input)) is not a valid version range"
        switch problem {
        case .tooLong(let limit):
            return VersionError(
                .tooLong, input: input,
                message: "\(subject): it is longer than \(limit) characters; split it or use fewer comparators")
        case .noComparators:
            return VersionError(
                .invalidRange, input: input, message: "\(subject): it has no valid comparators; \(rangeRemedy)")
        case .invalidComparator(let token, let reason):
            let detail = reason.map { "in \(quoted(token)), \($0)" } ?? "\(quoted(token)) is not a comparator"
            return VersionError(.invalidRange, input: input, message: "\(subject): \(detail); \(rangeRemedy)")
        case .tooLarge(let token, let number):
            return VersionError(
                .numberTooLarge, input: input,
                message: "\(subject): in \(quoted(token)), \(number) is larger than \(Version.maximumComponent); "
                    + "use smaller numbers")
        }
    }

    /// The error for a comparator that could not be parsed.
    static func comparator(_ input: String, tooLarge: Bool) -> VersionError {
        if tooLarge {
            return VersionError(
                .numberTooLarge, input: input,
                message: "\(quoted(input)) is not a valid comparator: it has a number larger than "
                    + "\(Version.maximumComponent); use smaller numbers")
        }
        return VersionError(
            .invalidComparator, input: input,
            message: "\(quoted(input)) is not a valid comparator; use an operator and a full version such as '>=1.2.3'")
    }

    /// The error for an increment that cannot be applied.
    static func increment(_ version: Version, _ reason: String, remedy: String) -> VersionError {
        VersionError(
            .invalidIncrement, input: version.description,
            message: "cannot increment '\(version)': \(reason); \(remedy)")
    }
}

/// Why a version did not parse; turned into a message by ``VersionError/version(_:_:)``.
enum VersionSyntaxProblem: Error, Equatable {
    case empty
    case tooLong(limit: Int)
    /// Fewer than three numbers; the suggestion pads the missing ones with zeros.
    case missingComponents(suggestion: String?)
    case tooLarge(number: String)
    /// A reason such as "'01' has a leading zero", and an optional corrected spelling.
    case syntax(reason: String, suggestion: String?)
}

/// Why a range did not parse; turned into a message by ``VersionError/range(_:_:)``.
enum RangeSyntaxProblem: Error, Equatable {
    case tooLong(limit: Int)
    case noComparators
    /// A comparator that did not parse, with an optional reason such as "a number follows a wildcard".
    case invalidComparator(token: String, reason: String?)
    /// A comparator with a number, or a bound made from it, above ``Version/maximumComponent``.
    case tooLarge(token: String, number: String)
}
