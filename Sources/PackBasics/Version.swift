/// A semantic version as defined by SemVer 2.0.0: `MAJOR.MINOR.PATCH`, then optional prerelease
/// identifiers after `-` and optional build metadata after `+`.
///
/// Versions are ordered by SemVer precedence. Build metadata takes no part in it: `==`, `<` and
/// hashing all ignore it, so `1.2.3+linux` equals `1.2.3+mac`. Use ``isIdentical(to:)`` to compare
/// the build metadata as well.
///
/// Parsing follows npm's `semver` package: surrounding whitespace and one leading `v` are accepted,
/// and ``ParsingOptions/loose`` accepts the sloppier spellings found in the npm registry. Numbers
/// may not exceed ``maximumComponent`` and the text may not exceed ``maximumLength`` characters.
///
/// ```swift
/// let version = try Version("1.4.0-beta.2+exp.sha.5114f85")
/// version.major                  // 1
/// version.prerelease             // [beta, 2]
/// version < Version(1, 4, 0)     // true: a prerelease comes before its release
/// version.description            // "1.4.0-beta.2+exp.sha.5114f85"
/// ```
///
/// A version encodes (`Codable`) as its ``description`` string.
public struct Version: Sendable {
    /// The largest number allowed for a version component or a numeric bound (2^53 − 1).
    ///
    /// It is JavaScript's largest exact integer, so that every version accepted here means the same
    /// to npm and to JSON tools.
    public static let maximumComponent = 9_007_199_254_740_991

    /// The longest text, in UTF-8 bytes, that ``init(_:options:)`` accepts (256, as npm does).
    public static let maximumLength = 256

    /// The major version: incompatible API changes.
    public let major: Int
    /// The minor version: backwards-compatible additions.
    public let minor: Int
    /// The patch version: backwards-compatible fixes.
    public let patch: Int
    /// The prerelease identifiers, such as `beta` and `2` in `1.4.0-beta.2`; empty for a release.
    public let prerelease: [PrereleaseIdentifier]
    /// The build metadata identifiers, such as `exp` and `sha` in `1.0.0+exp.sha`; ignored by precedence.
    public let buildMetadata: [String]

    /// Options for ``Version/init(_:options:)``.
    public struct ParsingOptions: OptionSet, Sendable, Hashable {
        /// The option bits.
        public let rawValue: Int

        /// Creates options from their raw bits.
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// npm's loose mode: accepts any mix of `v`, `=` and spaces before the version, leading
        /// zeros (`01.02.03`), and prereleases without a hyphen (`1.2.3beta`, `1.2.3.beta`).
        public static let loose = ParsingOptions(rawValue: 1 << 0)
    }

    /// Creates a release version from its three numbers.
    ///
    /// Each number must be between 0 and ``maximumComponent``; use the throwing initialisers for
    /// numbers that come from input.
    public init(_ major: Int, _ minor: Int, _ patch: Int) {
        precondition(
            [major, minor, patch].allSatisfy { (0...Version.maximumComponent).contains($0) },
            "version components must be between 0 and \(Version.maximumComponent)")
        self.init(uncheckedMajor: major, minor: minor, patch: patch, prerelease: [], buildMetadata: [])
    }

    /// Creates a version from its parts, checking each of them.
    ///
    /// - Parameters:
    ///   - prerelease: The prerelease identifiers; empty for a release.
    ///   - buildMetadata: Build identifiers made of ASCII letters, digits and hyphens. (Default: none)
    /// - Throws: ``VersionError`` when a number is negative or above ``maximumComponent``, or when a
    ///   build identifier is empty or has other characters.
    public init(
        _ major: Int, _ minor: Int, _ patch: Int,
        prerelease: [PrereleaseIdentifier], buildMetadata: [String] = []
    ) throws(VersionError) {
        let candidate = Version(
            uncheckedMajor: major, minor: minor, patch: patch, prerelease: prerelease, buildMetadata: buildMetadata)
        for number in [major, minor, patch] {
            if number < 0 {
                throw VersionError.version(
                    candidate.description, .syntax(reason: "'\(number)' is negative", suggestion: nil))
            }
            if number > Version.maximumComponent {
                throw VersionError.version(candidate.description, .tooLarge(number: String(number)))
            }
        }
        for identifier in buildMetadata
        where !identifier.utf8.allSatisfy(\.isSemverIdentifierByte) || identifier.isEmpty {
            throw VersionError.version(
                candidate.description,
                .syntax(
                    reason: "build identifier '\(identifier)' must be ASCII letters, digits or hyphens", suggestion: nil
                ))
        }
        self = candidate
    }

    /// Parses a version such as `1.2.3`, `v1.2.3-rc.1` or `1.2.3+build.5`.
    ///
    /// - Parameters:
    ///   - text: The version; surrounding whitespace and one leading `v` are ignored.
    ///   - options: ``ParsingOptions/loose`` accepts npm's loose spellings. (Default: strict)
    /// - Throws: ``VersionError`` naming the text and how to fix it, for example
    ///   `'1.2' is not a valid version; use MAJOR.MINOR.PATCH such as '1.2.0'`.
    public init(_ text: String, options: ParsingOptions = []) throws(VersionError) {
        switch Version.parse(text, loose: options.contains(.loose), lengthLimit: Version.maximumLength) {
        case .success(let version):
            self = version
        case .failure(let problem):
            throw VersionError.version(
                text, Version.withSuggestion(problem, for: text, loose: options.contains(.loose)))
        }
    }

    init(uncheckedMajor major: Int, minor: Int, patch: Int, prerelease: [PrereleaseIdentifier], buildMetadata: [String])
    {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
        self.buildMetadata = buildMetadata
    }

    /// `0.0.0`, the lowest release.
    static let zero = Version(uncheckedMajor: 0, minor: 0, patch: 0, prerelease: [], buildMetadata: [])

    /// Whether the version has prerelease identifiers.
    public var isPrerelease: Bool { !prerelease.isEmpty }

    /// The same version without build metadata.
    public var withoutBuildMetadata: Version {
        Version(uncheckedMajor: major, minor: minor, patch: patch, prerelease: prerelease, buildMetadata: [])
    }

    /// The same version without prerelease identifiers or build metadata, such as `1.2.3` for `1.2.3-beta+5`.
    public var release: Version {
        Version(uncheckedMajor: major, minor: minor, patch: patch, prerelease: [], buildMetadata: [])
    }

    /// Whether both versions are equal including their build metadata.
    public func isIdentical(to other: Version) -> Bool {
        self == other && buildMetadata == other.buildMetadata
    }

    /// Whether both versions have the same major, minor and patch numbers.
    func hasSameRelease(as other: Version) -> Bool {
        major == other.major && minor == other.minor && patch == other.patch
    }

    /// Adds a loose-mode spelling to a strict failure when one exists, such as `1.2.3` for `=1.2.3`.
    private static func withSuggestion(
        _ problem: VersionSyntaxProblem, for text: String, loose: Bool
    ) -> VersionSyntaxProblem {
        guard !loose, case .syntax(let reason, nil) = problem,
            case .success(let version) = parse(text, loose: true, lengthLimit: maximumLength)
        else { return problem }
        return .syntax(reason: reason, suggestion: version.description)
    }
}

// MARK: - Precedence

extension Version: Comparable, Hashable {
    /// SemVer precedence: numbers first, then a prerelease before its release, then prerelease
    /// identifiers one by one; build metadata is ignored.
    public static func < (lhs: Version, rhs: Version) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// Equality by precedence: build metadata is ignored.
    public static func == (lhs: Version, rhs: Version) -> Bool {
        lhs.major == rhs.major && lhs.minor == rhs.minor && lhs.patch == rhs.patch && lhs.prerelease == rhs.prerelease
    }

    /// Hashes everything but build metadata, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(prerelease)
    }

    /// Returns -1, 0 or 1 as `lhs` has lower, equal or higher precedence than `rhs`.
    static func compare(_ lhs: Version, _ rhs: Version) -> Int {
        if lhs.major != rhs.major { return lhs.major < rhs.major ? -1 : 1 }
        if lhs.minor != rhs.minor { return lhs.minor < rhs.minor ? -1 : 1 }
        if lhs.patch != rhs.patch { return lhs.patch < rhs.patch ? -1 : 1 }
        switch (lhs.prerelease.isEmpty, rhs.prerelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): break
        }
        for (left, right) in zip(lhs.prerelease, rhs.prerelease) {
            let order = PrereleaseIdentifier.compare(left, right)
            if order != 0 { return order }
        }
        if lhs.prerelease.count == rhs.prerelease.count { return 0 }
        return lhs.prerelease.count < rhs.prerelease.count ? -1 : 1
    }
}

// MARK: - Text

extension Version: CustomStringConvertible, Codable {
    /// The canonical text, such as `1.2.3-beta.1+build.5`.
    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty {
            text += "-"
            text += prerelease.map(\.description).joined(separator: ".")
        }
        if !buildMetadata.isEmpty {
            text += "+"
            text += buildMetadata.joined(separator: ".")
        }
        return text
    }

    /// Decodes a version from a string, strictly.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Version(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes the version as its ``description``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
