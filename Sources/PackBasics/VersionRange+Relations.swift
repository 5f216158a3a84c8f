extension VersionRange {
    /// Whether some version could satisfy both ranges, by npm's `intersects` rules.
    ///
    /// Two comparator sets intersect when each is satisfiable and every comparator of one
    /// intersects every comparator of the other (see ``Comparator/intersects(_:options:)``).
    /// Prereleases count when either range has ``Options/includePrerelease``.
    ///
    /// Complexity: O(*n* × *m*) in the numbers of comparators.
    public func intersects(_ other: VersionRange) -> Bool {
        let options: Options = includesPrerelease || other.includesPrerelease ? .includePrerelease : []
        for mine in comparatorSets where VersionRange.isSatisfiable(mine, options: options) {
            for theirs in other.comparatorSets where VersionRange.isSatisfiable(theirs, options: options) {
                let allMeet = mine.allSatisfy { left in
                    theirs.allSatisfy { right in left.intersects(right, options: options) }
                }
                if allMeet { return true }
            }
        }
        return false
    }

    /// Whether the comparators of one set pairwise intersect.
    static func isSatisfiable(_ set: [Comparator], options: Options) -> Bool {
        for (index, left) in set.enumerated() {
            for right in set[(index + 1)...] where !left.intersects(right, options: options) {
                return false
            }
        }
        return true
    }

    /// Whether `version` is higher than every version the range allows, as npm's `gtr` decides.
    ///
    /// The version must not satisfy the range, and in every comparator set the highest bound must
    /// be an upper bound that `version` is beyond. npm's rules are kept exactly, prerelease
    /// exclusion included: with `0.7.x`, `0.7.2-beta` counts as above the range because the range
    /// excludes it and it is not below `0.7.0`.
    public func isBelow(_ version: Version) -> Bool {
        isOutside(version, above: true)
    }

    /// Whether `version` is lower than every version the range allows, as npm's `ltr` decides.
    ///
    /// The mirror image of ``isBelow(_:)``.
    public func isAbove(_ version: Version) -> Bool {
        isOutside(version, above: false)
    }

    /// npm's `outside`: `above` asks whether `version` is past the range's high end, otherwise
    /// whether it is before the low end. "Outer" means further in the asked direction.
    private func isOutside(_ version: Version, above: Bool) -> Bool {
        if contains(version) { return false }
        func isOuter(_ lhs: Version, _ rhs: Version) -> Bool { above ? lhs > rhs : lhs < rhs }
        for set in comparatorSets {
            var outermost: Comparator?
            var innermost: Comparator?
            for original in set {
                let comparator = original == .any ? Comparator.greaterOrEqual(.zero) : original
                guard let outer = outermost?.version, let inner = innermost?.version, let bound = comparator.version
                else {
                    outermost = comparator
                    innermost = comparator
                    continue
                }
                if isOuter(bound, outer) {
                    outermost = comparator
                } else if isOuter(inner, bound) {
                    innermost = comparator
                }
            }
            guard let outermost, let innermost, let innerVersion = innermost.version else { continue }
            // An outermost bound that leaves the range open on the far side: nothing is beyond it.
            if above ? outermost.isLowerBound : outermost.isUpperBound { return false }
            let pointsOutward = above ? innermost.isLowerBound : innermost.isUpperBound
            if case .equal = innermost, !isOuter(version, innerVersion) { return false }
            if pointsOutward, !innermost.isInclusive, !isOuter(version, innerVersion) { return false }
            if pointsOutward, innermost.isInclusive, isOuter(innerVersion, version) { return false }
        }
        return true
    }
}

extension VersionRange.Comparator {
    /// Whether some version satisfies both comparators, by npm's `Comparator.intersects` rules.
    ///
    /// An exact version intersects another comparator when that comparator's set admits it,
    /// prerelease rule included. Bounds in the same direction always intersect; opposite bounds
    /// intersect when they overlap or meet inclusively. Nothing is below `<0.0.0` (or below
    /// `<0.0.0-0` with ``VersionRange/Options/includePrerelease``).
    ///
    /// - Parameter options: Only ``VersionRange/Options/includePrerelease`` matters. (Default: none)
    public func intersects(_ other: VersionRange.Comparator, options: VersionRange.Options = []) -> Bool {
        let includePrerelease = options.contains(.includePrerelease)
        if case .equal(let version) = self {
            return VersionRange.comparatorSet([other], contains: version, includePrerelease: includePrerelease)
        }
        if case .equal(let version) = other {
            return VersionRange.comparatorSet([self], contains: version, includePrerelease: includePrerelease)
        }
        guard let mine = version, let theirs = other.version else { return true }
        if includePrerelease {
            if self == .nothing || other == .nothing { return false }
        } else if isBelowZero || other.isBelowZero {
            return false
        }
        if isLowerBound == other.isLowerBound { return true }
        if mine == theirs, isInclusive, other.isInclusive { return true }
        if isLowerBound { return mine < theirs }
        return mine > theirs
    }

    /// `<0.0.0` or `<0.0.0-…`, below which only prereleases of `0.0.0` could be.
    private var isBelowZero: Bool {
        guard case .less(let version) = self else { return false }
        return version.major == 0 && version.minor == 0 && version.patch == 0
    }
}
