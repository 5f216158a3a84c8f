/// A version in a range that may stop early or use wildcards: `1`, `1.2`, `1.x`, `1.2.*`, `*`, `1.2.3-beta`.
///
/// `nil` parts are wildcards or missing. Once a part is a wildcard, every later part must be one
/// too (`1.x.5` is rejected). A prerelease is kept only when all three numbers are given; build
/// metadata is read and dropped.
struct PartialVersion {
    var major: Int?
    var minor: Int?
    var patch: Int?
    var prerelease: [Version.PrereleaseIdentifier] = []

    /// Reads a partial version that must fill the rest of the scanner: npm's `XRANGEPLAIN`, or
    /// `XRANGEPLAINLOOSE` in loose mode. Any `v` and `=` characters before it are skipped.
    ///
    /// - Parameter start: Where the text quoted in messages begins.
    static func scan(
        _ scanner: inout SemverScanner, loose: Bool, from start: Int
    ) throws(VersionSyntaxProblem) -> PartialVersion {
        scanner.skip { $0 == UInt8(ascii: "v") || $0 == UInt8(ascii: "=") }
        guard !scanner.isAtEnd else {
            throw .syntax(
                reason: "there is no version after '\(scanner.text(from: start, to: scanner.position))'",
                suggestion: nil)
        }
        var partial = PartialVersion(major: try scanner.scanNumberOrWildcard(loose: loose, from: start))
        var count = 1
        var sawWildcard = partial.major == nil
        while count < 3, scanner.current == UInt8(ascii: ".") {
            scanner.advance()
            let part = try scanner.scanNumberOrWildcard(loose: loose, from: start)
            if sawWildcard, part != nil { throw .syntax(reason: "a number follows a wildcard", suggestion: nil) }
            sawWildcard = sawWildcard || part == nil
            if count == 1 { partial.minor = part } else { partial.patch = part }
            count += 1
        }
        if count == 3 {
            let prerelease = try scanner.scanPrerelease(loose: loose, from: start)
            if partial.patch != nil { partial.prerelease = prerelease }
        }
        _ = try scanner.scanBuildMetadata(from: start)
        guard scanner.isAtEnd else { throw scanner.unexpected(from: start) }
        return partial
    }

    /// The comparators this partial version means after `relation`, following npm's desugaring of
    /// x-ranges, `~` and `^`.
    ///
    /// With `includePrerelease`, lower bounds made up from missing parts start at the lowest
    /// prerelease (`-0`); upper bounds made up from missing parts are always `-0` exclusive.
    func comparators(
        after relation: RangeOperator?, includePrerelease: Bool
    ) throws(VersionSyntaxProblem) -> [VersionRange.Comparator] {
        let lowest = includePrerelease ? Version.PrereleaseIdentifier.lowest : []
        guard let major else {
            switch relation {
            case .less, .greater: return [.nothing]
            default: return [.any]
            }
        }
        switch relation {
        case nil, .equal:
            if let minor, let patch { return [.equal(version(major, minor, patch, prerelease))] }
            return try wildcardRange(major: major, lowest: lowest)
        case .greater, .greaterOrEqual, .less, .lessOrEqual:
            return [try bound(relation, major: major, lowest: lowest)]
        case .tilde:
            guard let minor, let patch else { return try wildcardRange(major: major, lowest: lowest) }
            return [
                .greaterOrEqual(version(major, minor, patch, prerelease)),
                .less(firstPrerelease(major, try bump(minor), 0)),
            ]
        case .caret:
            guard let minor else { return try wildcardRange(major: major, lowest: lowest) }
            guard let patch else {
                if major == 0 {
                    return [
                        .greaterOrEqual(version(0, minor, 0, lowest)),
                        .less(firstPrerelease(0, try bump(minor), 0)),
                    ]
                }
                return [
                    .greaterOrEqual(version(major, minor, 0, lowest)),
                    .less(firstPrerelease(try bump(major), 0, 0)),
                ]
            }
            let lower = VersionRange.Comparator.greaterOrEqual(version(major, minor, patch, prerelease))
            if major != 0 {
                return [lower, .less(firstPrerelease(try bump(major), 0, 0))]
            }
            if minor != 0 {
                return [lower, .less(firstPrerelease(0, try bump(minor), 0))]
            }
            return [lower, .less(firstPrerelease(0, 0, try bump(patch)))]
        }
    }

    /// `1.x` or `1.2.x`: from the lowest version of the line to below the next line.
    private func wildcardRange(
        major: Int, lowest: [Version.PrereleaseIdentifier]
    ) throws(VersionSyntaxProblem) -> [VersionRange.Comparator] {
        if let minor {
            return [
                .greaterOrEqual(version(major, minor, 0, lowest)),
                .less(firstPrerelease(major, try bump(minor), 0)),
            ]
        }
        return [
            .greaterOrEqual(version(major, 0, 0, lowest)),
            .less(firstPrerelease(try bump(major), 0, 0)),
        ]
    }

    /// One bound for `>`, `>=`, `<` or `<=` before a partial version with a major number.
    private func bound(
        _ relation: RangeOperator?, major: Int, lowest: [Version.PrereleaseIdentifier]
    ) throws(VersionSyntaxProblem) -> VersionRange.Comparator {
        if let minor, let patch {
            let exact = version(major, minor, patch, prerelease)
            switch relation {
            case .greater: return .greater(exact)
            case .greaterOrEqual: return .greaterOrEqual(exact)
            case .less: return .less(exact)
            default: return .lessOrEqual(exact)
            }
        }
        switch relation {
        case .greater:
            // >1 is >=2.0.0 and >1.2 is >=1.3.0.
            guard let minor else { return .greaterOrEqual(version(try bump(major), 0, 0, lowest)) }
            return .greaterOrEqual(version(major, try bump(minor), 0, lowest))
        case .greaterOrEqual:
            return .greaterOrEqual(version(major, minor ?? 0, 0, lowest))
        case .less:
            return .less(firstPrerelease(major, minor ?? 0, 0))
        default:
            // <=1 is <2.0.0-0 and <=1.2 is <1.3.0-0.
            guard let minor else { return .less(firstPrerelease(try bump(major), 0, 0)) }
            return .less(firstPrerelease(major, try bump(minor), 0))
        }
    }

    /// The comparators of a hyphen range `from - to`, where missing parts of `to` widen it to the
    /// end of that line (`1.2.3 - 2.3` means `>=1.2.3 <2.4.0-0`).
    static func hyphenRange(
        from: PartialVersion, to: PartialVersion, includePrerelease: Bool
    ) throws(VersionSyntaxProblem) -> [VersionRange.Comparator] {
        let lowest = includePrerelease ? Version.PrereleaseIdentifier.lowest : []
        var comparators: [VersionRange.Comparator] = []
        if let major = from.major {
            let prerelease = from.patch != nil && !from.prerelease.isEmpty ? from.prerelease : lowest
            comparators.append(.greaterOrEqual(from.version(major, from.minor ?? 0, from.patch ?? 0, prerelease)))
        }
        if let major = to.major {
            if let minor = to.minor, let patch = to.patch {
                if !to.prerelease.isEmpty {
                    comparators.append(.lessOrEqual(to.version(major, minor, patch, to.prerelease)))
                } else if includePrerelease {
                    comparators.append(
                        .less(to.firstPrerelease(major, minor, try to.bump(patch))))
                } else {
                    comparators.append(.lessOrEqual(to.version(major, minor, patch, [])))
                }
            } else if let minor = to.minor {
                comparators.append(.less(to.firstPrerelease(major, try to.bump(minor), 0)))
            } else {
                comparators.append(.less(to.firstPrerelease(try to.bump(major), 0, 0)))
            }
        }
        return comparators.isEmpty ? [.any] : comparators
    }

    private func version(
        _ major: Int, _ minor: Int, _ patch: Int, _ prerelease: [Version.PrereleaseIdentifier]
    ) -> Version {
        Version(uncheckedMajor: major, minor: minor, patch: patch, prerelease: prerelease, buildMetadata: [])
    }

    /// `major.minor.patch-0`, the lowest version of that release: the exclusive end of a line.
    private func firstPrerelease(_ major: Int, _ minor: Int, _ patch: Int) -> Version {
        version(major, minor, patch, Version.PrereleaseIdentifier.lowest)
    }

    /// The next number, which must stay within ``Version/maximumComponent``.
    private func bump(_ number: Int) throws(VersionSyntaxProblem) -> Int {
        guard number < Version.maximumComponent else { throw .tooLarge(number: String(number + 1)) }
        return number + 1
    }
}
