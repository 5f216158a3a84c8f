import PackBasics

/// Checks one fixture case the way node-semver's own tests use the file; returns why it failed, or `nil`.
///
/// Every check of the upstream test for a case must hold for the case to pass. Inputs that are not
/// strings (regular expressions, objects with `toString`, `false`) are rejected as invalid, as npm
/// rejects them.
enum SemverFixtureRunner {
    static func failure(in file: SemverFixtureFile, _ values: [FixtureValue]) -> String? {
        do {
            switch file {
            case .comparatorIntersection: return try comparatorIntersection(values)
            case .comparisons: return try comparison(values)
            case .equality: return try equality(values)
            case .increments: return increment(values)
            case .invalidVersions: return invalidVersion(values)
            case .rangeExclude: return try rangeMembership(values, expected: false)
            case .rangeInclude: return try rangeMembership(values, expected: true)
            case .rangeIntersection: return try rangeIntersection(values)
            case .rangeParse: return rangeParse(values)
            case .truncations: return truncation(values)
            case .validVersions: return try validVersion(values)
            case .versionGreaterThanRange: return try outside(values, above: true, expected: true)
            case .versionLessThanRange: return try outside(values, above: false, expected: true)
            case .versionNotGreaterThanRange: return try outside(values, above: true, expected: false)
            case .versionNotLessThanRange: return try outside(values, above: false, expected: false)
            }
        } catch {
            return "threw \(error)"
        }
    }

    /// Parses a value that must be a valid version.
    private static func version(_ value: FixtureValue, _ options: Version.ParsingOptions) throws -> Version {
        guard let text = value.string else { throw FixtureError("\(value) is not a string") }
        return try Version(text, options: options)
    }

    private static func range(_ value: FixtureValue, _ options: VersionRange.Options) throws -> VersionRange {
        guard let text = value.string else { throw FixtureError("\(value) is not a string") }
        return try VersionRange(text, options: options)
    }

    // [c0, c1, expected, includePrerelease]: both orders, strict and loose.
    private static func comparatorIntersection(_ values: [FixtureValue]) throws -> String? {
        guard let left = values[argument: 0].string, let right = values[argument: 1].string,
            case .bool(let expected) = values[argument: 2]
        else { throw FixtureError("malformed case") }
        var options: VersionRange.Options = values[argument: 3].isTruthy ? [.includePrerelease] : []
        for loose in [false, true] {
            if loose { options.insert(.loose) }
            let first = try VersionRange.Comparator(left, options: options)
            let second = try VersionRange.Comparator(right, options: options)
            if first.intersects(second, options: options) != expected
                || second.intersects(first, options: options) != expected
            {
                return "intersection is not \(expected) (loose: \(loose))"
            }
        }
        return nil
    }

    // [v0, v1, options]: v0 is greater than v1.
    private static func comparison(_ values: [FixtureValue]) throws -> String? {
        let options = values[argument: 2].versionOptions
        let greater = try version(values[argument: 0], options)
        let lesser = try version(values[argument: 1], options)
        let holds =
            greater > lesser && lesser < greater && greater >= lesser && lesser <= greater && greater != lesser
            && !(greater < lesser) && !(greater == lesser)
        return holds ? nil : "\(greater) is not greater than \(lesser)"
    }

    // [v0, v1, loose]: the versions are equal.
    private static func equality(_ values: [FixtureValue]) throws -> String? {
        let options = values[argument: 2].versionOptions
        let left = try version(values[argument: 0], options)
        let right = try version(values[argument: 1], options)
        let holds =
            left == right && right == left && left.hashValue == right.hashValue && !(left < right) && !(right < left)
        return holds ? nil : "\(left) and \(right) are not equal"
    }

    // [version, release, result, options, identifier, identifierBase]; a string in the options
    // position is the identifier (npm's `inc` shifts the arguments).
    private static func increment(_ values: [FixtureValue]) -> String? {
        var options = values[argument: 3]
        var identifier = values[argument: 4]
        var base = values[argument: 5]
        if case .string = options {
            (identifier, base, options) = (options, identifier, .undefined)
        }
        let expected = values[argument: 2].string
        let baseValue: Version.IdentifierBase
        switch base {
        case .bool(false): baseValue = .omitted
        case .string(let text): baseValue = (Double(text) ?? 0) != 0 ? .one : .zero
        case .number(let number): baseValue = number != 0 && !number.isNaN ? .one : .zero
        default: baseValue = .zero
        }
        guard let text = values[argument: 0].string, let start = try? Version(text, options: options.versionOptions),
            let release = values[argument: 1].string.flatMap(Version.Increment.init(rawValue:))
        else { return expected == nil ? nil : "the version or increment did not parse" }
        do {
            let result = try start.incremented(by: release, identifier: identifier.string, identifierBase: baseValue)
            return result.description == expected ? nil : "got \(result), expected \(expected ?? "an error")"
        } catch {
            return expected == nil ? nil : "threw \(error), expected \(expected ?? "")"
        }
    }

    // [value, reason, options]: not a version.
    private static func invalidVersion(_ values: [FixtureValue]) -> String? {
        guard let text = values[argument: 0].string else { return nil }
        if let parsed = try? Version(text, options: values[argument: 2].versionOptions) { return "parsed as \(parsed)" }
        return nil
    }

    // [range, version, options]: the version is (not) in the range; a non-version is never in it.
    private static func rangeMembership(_ values: [FixtureValue], expected: Bool) throws -> String? {
        let options = values[argument: 2].rangeOptions
        let range = try range(values[argument: 0], options)
        let version = values[argument: 1].string.flatMap {
            try? Version($0, options: options.contains(.loose) ? .loose : [])
        }
        let contained = version.map(range.contains) ?? false
        return contained == expected && version.map(range.isSatisfied(by:)) ?? false == expected
            ? nil : "contains is \(contained) for range \(range)"
    }

    // [r0, r1, expected]: both orders, strict and loose.
    private static func rangeIntersection(_ values: [FixtureValue]) throws -> String? {
        guard case .bool(let expected) = values[argument: 2] else { throw FixtureError("malformed case") }
        for options in [VersionRange.Options(), .loose] {
            let first = try range(values[argument: 0], options)
            let second = try range(values[argument: 1], options)
            if first.intersects(second) != expected || second.intersects(first) != expected {
                return "intersection of \(first) and \(second) is not \(expected)"
            }
        }
        return nil
    }

    // [range, normalized, options]: null means invalid; otherwise the normalized text, which
    // parses (without options) to the same normalized text.
    private static func rangeParse(_ values: [FixtureValue]) -> String? {
        let options = values[argument: 2].rangeOptions
        guard let text = values[argument: 0].string else { return "malformed case" }
        guard let expected = values[argument: 1].string else {
            if let parsed = try? VersionRange(text, options: options) {
                return "parsed as \(parsed), expected an error"
            }
            return nil
        }
        do {
            let parsed = try VersionRange(text, options: options)
            guard parsed.description == expected else { return "normalized to \(parsed), expected \(expected)" }
            let reparsed = try VersionRange(expected)
            return reparsed.description == parsed.description ? nil : "\(expected) reparses as \(reparsed)"
        } catch {
            return "threw \(error)"
        }
    }

    // [version, level, result]: null means no result.
    private static func truncation(_ values: [FixtureValue]) -> String? {
        let expected = values[argument: 2].string
        guard let text = values[argument: 0].string, let start = try? Version(text),
            let level = values[argument: 1].string.flatMap(Version.Increment.init(rawValue:))
        else { return expected == nil ? nil : "the version or level did not parse" }
        let result = start.truncated(to: level).description
        return result == expected ? nil : "got \(result), expected \(expected ?? "nothing")"
    }

    // [version, major, minor, patch, prerelease, build].
    private static func validVersion(_ values: [FixtureValue]) throws -> String? {
        let parsed = try version(values[argument: 0], [])
        guard case .number(let major) = values[argument: 1], case .number(let minor) = values[argument: 2],
            case .number(let patch) = values[argument: 3], case .array(let prerelease) = values[argument: 4],
            case .array(let build) = values[argument: 5]
        else { throw FixtureError("malformed case") }
        let expectedPrerelease = prerelease.map { value -> String in
            if case .number(let number) = value { return String(Int(number)) }
            return value.string ?? "?"
        }
        let numericMatch = zip(prerelease, parsed.prerelease).allSatisfy { value, identifier in
            if case .number = value { return identifier.isNumeric }
            return !identifier.isNumeric
        }
        let holds =
            parsed.major == Int(major) && parsed.minor == Int(minor) && parsed.patch == Int(patch)
            && parsed.prerelease.map(\.description) == expectedPrerelease && numericMatch
            && parsed.buildMetadata == build.compactMap(\.string)
        return holds ? nil : "parsed as \(parsed)"
    }

    // [range, version, options]: gtr / ltr, expected to hold or not.
    private static func outside(_ values: [FixtureValue], above: Bool, expected: Bool) throws -> String? {
        let options = values[argument: 2].rangeOptions
        let range = try range(values[argument: 0], options)
        let version = try version(values[argument: 1], options.contains(.loose) ? .loose : [])
        let result = above ? range.isBelow(version) : range.isAbove(version)
        return result == expected ? nil : "\(above ? "isBelow" : "isAbove") is \(result) for \(range) and \(version)"
    }
}
