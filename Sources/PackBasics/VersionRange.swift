/// A set of versions written with npm's range syntax, such as `>=1.2.0 <2.0.0`, `^1.2`, `~1.2.3`,
/// `1.x`, `1.2.3 - 2.3.4` or `^1.0.0 || ^2.0.0`.
///
/// A range is a union (`||`) of comparator sets; a version satisfies a set when it satisfies every
/// comparator in it (space-separated comparators intersect). Parsing turns the shorthands into
/// plain comparators exactly as npm's `semver` does:
///
/// | written            | means                        |
/// |--------------------|------------------------------|
/// | `^1.2.3`           | `>=1.2.3 <2.0.0-0`           |
/// | `^0.2.3`           | `>=0.2.3 <0.3.0-0`           |
/// | `~1.2.3`, `~>1.2.3`| `>=1.2.3 <1.3.0-0`           |
/// | `1.2.x`, `1.2.*`, `1.2` | `>=1.2.0 <1.3.0-0`      |
/// | `*`, `x`, empty    | any version                  |
/// | `1.2.3 - 2.3`      | `>=1.2.3 <2.4.0-0`           |
/// | `>1.2`             | `>=1.3.0`                    |
///
/// Prereleases are excluded unless asked for: a prerelease version satisfies a comparator set only
/// when some comparator in that set has a prerelease on the same `MAJOR.MINOR.PATCH`, so `^1.2.3-beta.1`
/// admits `1.2.3-beta.2` but not `1.2.4-beta.1`. ``Options/includePrerelease`` lifts the rule.
///
/// ```swift
/// let range = try VersionRange(">=0.3.0 <1.0.0")
/// range.contains(try Version("0.4.2"))     // true
/// range.contains(try Version("0.5.0-rc.1")) // false: a prerelease of another release
/// range.description                         // ">=0.3.0 <1.0.0"
/// ```
///
/// Two ranges are equal when they have the same comparators and the same
/// ``Options/includePrerelease``, however they were written. A range encodes (`Codable`) as the
/// ``text`` it was parsed from, and decodes with default options.
public struct VersionRange: Sendable {
    /// The longest range text, in UTF-8 bytes, that ``init(_:options:)`` accepts (16 KiB).
    public static let maximumLength = 16_384

    /// Options for parsing and matching ranges, as in npm's `semver`.
    public struct Options: OptionSet, Sendable, Hashable {
        /// The option bits.
        public let rawValue: Int

        /// Creates options from their raw bits.
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// npm's loose mode: versions are parsed loosely (see ``Version/ParsingOptions/loose``) and
        /// comparators that do not parse are skipped instead of failing the whole range.
        public static let loose = Options(rawValue: 1 << 0)

        /// Lets prerelease versions satisfy the range like any other version, and makes the
        /// shorthands start at the lowest prerelease (`1.2.x` means `>=1.2.0-0 <1.3.0-0`).
        public static let includePrerelease = Options(rawValue: 1 << 1)

        var versionParsingOptions: Version.ParsingOptions { contains(.loose) ? .loose : [] }
    }

    /// The text the range was parsed from.
    public let text: String
    /// The options the range was parsed with; they also govern matching.
    public let options: Options
    /// The comparator sets whose union the range is; never empty, and no set is empty.
    public let comparatorSets: [[Comparator]]

    /// Parses a range.
    ///
    /// - Parameters:
    ///   - text: The range, at most ``maximumLength`` bytes.
    ///   - options: Loose parsing and prerelease matching. (Default: strict, prereleases excluded)
    /// - Throws: ``VersionError`` naming the range, the part that is wrong and how to write it.
    public init(_ text: String, options: Options = []) throws(VersionError) {
        self.text = text
        self.options = options
        self.comparatorSets = try RangeParser.parse(text, options: options)
    }

    /// Creates the range of versions that satisfy one comparator.
    public init(_ comparator: Comparator, options: Options = []) {
        self.text = comparator.description
        self.options = options
        self.comparatorSets = [[comparator]]
    }

    /// The range that every version satisfies (`*`); prereleases still need ``Options/includePrerelease``.
    public static let any = VersionRange(.any)

    /// Whether prerelease versions match freely.
    var includesPrerelease: Bool { options.contains(.includePrerelease) }

    /// Whether `version` is one of the range's versions.
    ///
    /// Complexity: O(*n*) in the number of comparators.
    public func contains(_ version: Version) -> Bool {
        comparatorSets.contains { set in
            VersionRange.comparatorSet(set, contains: version, includePrerelease: includesPrerelease)
        }
    }

    /// Whether `version` satisfies the range; the same as ``contains(_:)``.
    public func isSatisfied(by version: Version) -> Bool {
        contains(version)
    }

    /// Whether every comparator of `set` matches `version`, and a prerelease `version` is admitted by
    /// a comparator with a prerelease on the same release (or prereleases are included).
    static func comparatorSet(_ set: [Comparator], contains version: Version, includePrerelease: Bool) -> Bool {
        for comparator in set where !comparator.matches(version) {
            return false
        }
        guard version.isPrerelease, !includePrerelease else { return true }
        for comparator in set {
            if let bound = comparator.version, bound.isPrerelease, bound.hasSameRelease(as: version) {
                return true
            }
        }
        return false
    }
}

// MARK: - Equality and text

extension VersionRange: Hashable, CustomStringConvertible, Codable {
    /// Whether both ranges have the same comparators and the same prerelease matching.
    public static func == (lhs: VersionRange, rhs: VersionRange) -> Bool {
        lhs.comparatorSets == rhs.comparatorSets && lhs.includesPrerelease == rhs.includesPrerelease
    }

    /// Hashes what `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(comparatorSets)
        hasher.combine(includesPrerelease)
    }

    /// The normalized range, as npm's `range.range`: comparators separated by spaces, sets by `||`,
    /// and `*` for any version; for example `>=1.2.0 <2.0.0-0||>=3.0.0`.
    public var description: String {
        comparatorSets.map { set in set.map(\.description).joined(separator: " ") }.joined(separator: "||")
    }

    /// Decodes a range from a string, with default options.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try VersionRange(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes the range as the ``text`` it was parsed from.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
