extension Version {
    /// A way to derive the next version, with the meanings of npm's `semver.inc`.
    public enum Increment: String, Sendable, Hashable, CaseIterable {
        /// The next major release: `1.2.3` → `2.0.0`, but `2.0.0-rc.1` → `2.0.0`.
        case major
        /// The next minor release: `1.2.3` → `1.3.0`, but `1.3.0-rc.1` → `1.3.0`.
        case minor
        /// The next patch release: `1.2.3` → `1.2.4`, but `1.2.4-rc.1` → `1.2.4`.
        case patch
        /// A prerelease of the next major version: `1.2.3` → `2.0.0-0`.
        case premajor
        /// A prerelease of the next minor version: `1.2.3` → `1.3.0-0`.
        case preminor
        /// A prerelease of the next patch version: `1.2.3` → `1.2.4-0`.
        case prepatch
        /// The next prerelease: `1.2.3-beta.1` → `1.2.3-beta.2`, and `1.2.3` → `1.2.4-0`.
        case prerelease
        /// The release a prerelease leads to: `1.2.3-beta.1` → `1.2.3`.
        case release

        var isPrereleaseIncrement: Bool { rawValue.hasPrefix("pre") }
    }

    /// How the number after a new prerelease identifier starts.
    public enum IdentifierBase: Sendable, Hashable {
        /// Start at 0, as in `1.2.4-beta.0`.
        case zero
        /// Start at 1, as in `1.2.4-beta.1`.
        case one
        /// Add no number, as in `1.2.4-beta`; needs an identifier.
        case omitted
    }

    /// Returns the version that `increment` leads to, as npm's `semver.inc` computes it.
    ///
    /// For the prerelease increments, `identifier` names the prerelease (`beta`, or dotted as in
    /// `alpha.1`): a version already in that prerelease has its number raised, any other starts it
    /// at `identifierBase`. Other increments ignore both. Build metadata is dropped.
    ///
    /// ```swift
    /// try Version("1.2.3").incremented(by: .preminor, identifier: "beta")         // 1.3.0-beta.0
    /// try Version("1.3.0-beta.0").incremented(by: .prerelease, identifier: "beta")  // 1.3.0-beta.1
    /// try Version("1.3.0-beta.1").incremented(by: .release)                       // 1.3.0
    /// ```
    ///
    /// - Parameters:
    ///   - increment: What to increment.
    ///   - identifier: The prerelease identifier; `nil` or empty for none. (Default: none)
    ///   - identifierBase: Where a new prerelease number starts. (Default: ``IdentifierBase/zero``)
    /// - Throws: ``VersionError`` with code ``VersionError/Code/invalidIncrement`` when `identifier` is
    ///   not a valid prerelease, when ``IdentifierBase/omitted`` has no identifier or would repeat the
    ///   current prerelease, when ``Increment/release`` is applied to a release, or when a number would
    ///   exceed ``maximumComponent``.
    public func incremented(
        by increment: Increment, identifier: String? = nil, identifierBase: IdentifierBase = .zero
    ) throws(VersionError) -> Version {
        var identifiers: [PrereleaseIdentifier] = []
        if increment.isPrereleaseIncrement {
            let name = identifier ?? ""
            if name.isEmpty, identifierBase == .omitted {
                throw .increment(
                    self, "identifierBase '.omitted' needs a prerelease identifier",
                    remedy: "pass an identifier such as 'beta'")
            }
            if !name.isEmpty {
                let parts = name.split(separator: ".", omittingEmptySubsequences: false)
                    .map { PrereleaseIdentifier(String($0)) }
                guard parts.allSatisfy({ $0 != nil }) else {
                    throw .increment(
                        self, "'\(name)' is not a valid prerelease identifier",
                        remedy: "use ASCII letters, digits and hyphens separated by dots, such as 'beta' or 'rc.1'")
                }
                identifiers = parts.compactMap { $0 }
            }
        }
        var next = Increments(major: major, minor: minor, patch: patch, prerelease: prerelease, of: self)
        switch increment {
        case .premajor:
            next.prerelease = []
            next.major = try next.bumped(next.major, "major")
            next.minor = 0
            next.patch = 0
            try next.applyPrerelease(identifiers, base: identifierBase)
        case .preminor:
            next.prerelease = []
            next.minor = try next.bumped(next.minor, "minor")
            next.patch = 0
            try next.applyPrerelease(identifiers, base: identifierBase)
        case .prepatch:
            next.prerelease = []
            try next.applyPatch()
            try next.applyPrerelease(identifiers, base: identifierBase)
        case .prerelease:
            if next.prerelease.isEmpty { try next.applyPatch() }
            try next.applyPrerelease(identifiers, base: identifierBase)
        case .release:
            guard isPrerelease else {
                throw .increment(
                    self, "it is not a prerelease", remedy: "use 'patch', 'minor' or 'major' instead of 'release'")
            }
            next.prerelease = []
        case .major:
            if minor != 0 || patch != 0 || !isPrerelease { next.major = try next.bumped(major, "major") }
            next.minor = 0
            next.patch = 0
            next.prerelease = []
        case .minor:
            if patch != 0 || !isPrerelease { next.minor = try next.bumped(minor, "minor") }
            next.patch = 0
            next.prerelease = []
        case .patch:
            try next.applyPatch()
        }
        return Version(
            uncheckedMajor: next.major, minor: next.minor, patch: next.patch, prerelease: next.prerelease,
            buildMetadata: [])
    }

    /// Returns the version cut down to `level`, as npm's `semver.truncate` does.
    ///
    /// ``Increment/major`` keeps only the major number (`1.2.3-rc` → `1.0.0`), ``Increment/minor``
    /// the major and minor numbers, ``Increment/patch`` and ``Increment/release`` all three numbers;
    /// the prerelease increments keep the prerelease. Build metadata is always dropped.
    public func truncated(to level: Increment) -> Version {
        switch level {
        case .premajor, .preminor, .prepatch, .prerelease:
            withoutBuildMetadata
        case .major:
            Version(uncheckedMajor: major, minor: 0, patch: 0, prerelease: [], buildMetadata: [])
        case .minor:
            Version(uncheckedMajor: major, minor: minor, patch: 0, prerelease: [], buildMetadata: [])
        case .patch, .release:
            release
        }
    }
}

/// The parts of a version being incremented, with npm's step rules.
private struct Increments {
    var major: Int
    var minor: Int
    var patch: Int
    var prerelease: [Version.PrereleaseIdentifier]
    let original: Version

    init(major: Int, minor: Int, patch: Int, prerelease: [Version.PrereleaseIdentifier], of original: Version) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
        self.original = original
    }

    func bumped(_ number: Int, _ name: String) throws(VersionError) -> Int {
        guard number < Version.maximumComponent else {
            throw .increment(
                original, "the \(name) number would exceed \(Version.maximumComponent)", remedy: "use a smaller version"
            )
        }
        return number + 1
    }

    /// A prerelease leads to its own patch release; a release moves to the next patch.
    mutating func applyPatch() throws(VersionError) {
        if prerelease.isEmpty { patch = try bumped(patch, "patch") }
        prerelease = []
    }

    /// Raises the last numeric prerelease identifier (or starts one), then switches to `identifiers`
    /// unless the prerelease already starts with them followed by a number.
    mutating func applyPrerelease(
        _ identifiers: [Version.PrereleaseIdentifier], base: Version.IdentifierBase
    ) throws(VersionError) {
        let start = Version.PrereleaseIdentifier(base == .one ? 1 : 0)
        if prerelease.isEmpty {
            prerelease = [start]
        } else if let index = prerelease.lastIndex(where: \.isNumeric) {
            guard let raised = prerelease[index].incremented(), (raised.numericValue ?? 0) <= Version.maximumComponent
            else {
                throw .increment(
                    original, "prerelease number '\(prerelease[index])' would exceed \(Version.maximumComponent)",
                    remedy: "start a new prerelease identifier")
            }
            prerelease[index] = raised
        } else {
            if identifiers == prerelease, base == .omitted {
                throw .increment(
                    original, "it already has prerelease '\(identifiers.map(\.description).joined(separator: "."))'",
                    remedy: "use identifierBase '.zero' or '.one', or another identifier")
            }
            prerelease.append(start)
        }
        guard !identifiers.isEmpty else { return }
        let continues =
            prerelease.count > identifiers.count && prerelease.starts(with: identifiers)
            && prerelease[identifiers.count].isNumeric
        if !continues {
            prerelease = base == .omitted ? identifiers : identifiers + [start]
        }
    }
}
