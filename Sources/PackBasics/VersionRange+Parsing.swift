/// An operator written before a version in a range.
enum RangeOperator: Equatable {
    case less, lessOrEqual, greater, greaterOrEqual, equal, tilde, caret
}

/// Parses range text into comparator sets with npm's rules, reading UTF-8 bytes once, without regular expressions.
///
/// The text is split at `||` into sets. A set is either a hyphen range (`1.2.3 - 2.3.4`) or
/// whitespace-separated comparators; whitespace between an operator and its version is allowed
/// (`>= 1.2.3`, `^ 1.2`). Each comparator is desugared (see ``PartialVersion``), then a set is
/// tidied as npm does: `>=0.0.0` means any version, a set with `<0.0.0-0` is just that, duplicates
/// go, and "any" goes from sets with other comparators. Finally empty sets are dropped when other
/// sets exist, and a union containing "any" becomes "any".
enum RangeParser {
    static func parse(_ text: String, options: VersionRange.Options) throws(VersionError) -> [[VersionRange.Comparator]]
    {
        let result: Result<[[VersionRange.Comparator]], RangeSyntaxProblem> = SemverScanner.withBytes(of: text) {
            bytes in
            guard bytes.count <= VersionRange.maximumLength else {
                return .failure(.tooLong(limit: VersionRange.maximumLength))
            }
            var sets: [[VersionRange.Comparator]] = []
            var setStart = 0
            while true {
                var stop = setStart
                while stop < bytes.count,
                    !(bytes[stop] == UInt8(ascii: "|") && stop + 1 < bytes.count
                        && bytes[stop + 1] == UInt8(ascii: "|"))
                {
                    stop += 1
                }
                do throws(RangeSyntaxProblem) {
                    let set = try parseSet(bytes, from: setStart, to: stop, options: options)
                    // In loose mode a set whose comparators were all skipped is dropped.
                    if !set.isEmpty { sets.append(set) }
                } catch {
                    return .failure(error)
                }
                guard stop < bytes.count else { break }
                setStart = stop + 2
            }
            guard !sets.isEmpty else { return .failure(.noComparators) }
            return .success(simplifyUnion(sets))
        }
        switch result {
        case .success(let sets): return sets
        case .failure(let problem): throw VersionError.range(text, problem)
        }
    }

    /// Reads `<`, `<=`, `>`, `>=`, `=`, `~`, `~>` or `^` at the cursor, if there is one.
    static func scanOperator(_ scanner: inout SemverScanner) -> RangeOperator? {
        switch scanner.current {
        case UInt8(ascii: "<"), UInt8(ascii: ">"):
            let isLess = scanner.current == UInt8(ascii: "<")
            scanner.advance()
            guard scanner.current == UInt8(ascii: "=") else { return isLess ? .less : .greater }
            scanner.advance()
            return isLess ? .lessOrEqual : .greaterOrEqual
        case UInt8(ascii: "="):
            scanner.advance()
            return .equal
        case UInt8(ascii: "~"):
            scanner.advance()
            if scanner.current == UInt8(ascii: ">") { scanner.advance() }
            return .tilde
        case UInt8(ascii: "^"):
            scanner.advance()
            return .caret
        default:
            return nil
        }
    }

    // MARK: - One comparator set

    private static func parseSet(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, options: VersionRange.Options
    ) throws(RangeSyntaxProblem) -> [VersionRange.Comparator] {
        let tokens = tokenize(bytes, from: start, to: end)
        guard !tokens.isEmpty else { return [.any] }
        let loose = options.contains(.loose)
        let includePrerelease = options.contains(.includePrerelease)
        if tokens.count == 3, tokens[1].count == 1, bytes[tokens[1].lowerBound] == UInt8(ascii: "-"),
            let hyphen = try hyphenRange(
                bytes, tokens[0], tokens[2], loose: loose, includePrerelease: includePrerelease)
        {
            return tidy(hyphen, includePrerelease: includePrerelease)
        }
        var comparators: [VersionRange.Comparator] = []
        for token in tokens {
            do {
                comparators += try parseComparator(bytes, token, loose: loose, includePrerelease: includePrerelease)
            } catch {
                if case .tooLarge = error { throw problem(error, bytes, token) }
                // Loose mode skips what does not parse, as npm does; strict mode fails.
                if !loose { throw problem(error, bytes, token) }
            }
        }
        return tidy(comparators, includePrerelease: includePrerelease)
    }

    /// Splits a set at whitespace, keeping an operator together with the version after it.
    private static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> [Range<Int>] {
        var tokens: [Range<Int>] = []
        var scanner = SemverScanner(bytes, from: start, to: end)
        while true {
            scanner.skip(while: \.isSemverWhitespace)
            guard !scanner.isAtEnd else { break }
            let tokenStart = scanner.position
            if scanOperator(&scanner) != nil {
                let operatorEnd = scanner.position
                scanner.skip(while: \.isSemverWhitespace)
                if scanner.position > operatorEnd, !scanner.current.isSemverVersionStart {
                    tokens.append(tokenStart..<operatorEnd)
                    continue
                }
            }
            scanner.skip { !$0.isSemverWhitespace }
            tokens.append(tokenStart..<scanner.position)
        }
        return tokens
    }

    private static func parseComparator(
        _ bytes: UnsafeBufferPointer<UInt8>, _ token: Range<Int>, loose: Bool, includePrerelease: Bool
    ) throws(VersionSyntaxProblem) -> [VersionRange.Comparator] {
        var scanner = SemverScanner(bytes, from: token.lowerBound, to: token.upperBound)
        let relation = scanOperator(&scanner)
        scanner.skip(while: \.isSemverWhitespace)
        let partial = try PartialVersion.scan(&scanner, loose: loose, from: token.lowerBound)
        return try partial.comparators(after: relation, includePrerelease: includePrerelease)
    }

    /// The comparators of `from - to`, or `nil` in loose mode when an end does not parse (the
    /// tokens are then read one by one, as npm does).
    private static func hyphenRange(
        _ bytes: UnsafeBufferPointer<UInt8>, _ from: Range<Int>, _ to: Range<Int>, loose: Bool, includePrerelease: Bool
    ) throws(RangeSyntaxProblem) -> [VersionRange.Comparator]? {
        func end(_ token: Range<Int>) throws(VersionSyntaxProblem) -> PartialVersion {
            var scanner = SemverScanner(bytes, from: token.lowerBound, to: token.upperBound)
            let relation = scanOperator(&scanner)
            guard relation == nil || relation == .equal else {
                throw .syntax(reason: "a hyphen range takes versions without operators", suggestion: nil)
            }
            scanner.skip(while: \.isSemverWhitespace)
            return try PartialVersion.scan(&scanner, loose: loose, from: token.lowerBound)
        }
        var token = from
        do {
            let lower = try end(from)
            token = to
            let upper = try end(to)
            return try PartialVersion.hyphenRange(from: lower, to: upper, includePrerelease: includePrerelease)
        } catch {
            if loose, error.isSyntax { return nil }
            throw problem(error, bytes, token)
        }
    }

    private static func problem(
        _ error: VersionSyntaxProblem, _ bytes: UnsafeBufferPointer<UInt8>, _ token: Range<Int>
    ) -> RangeSyntaxProblem {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[token]), as: UTF8.self)
        switch error {
        case .tooLarge(let number): return .tooLarge(token: text, number: number)
        case .syntax(let reason, _): return .invalidComparator(token: text, reason: reason)
        case .empty, .tooLong, .missingComponents: return .invalidComparator(token: text, reason: nil)
        }
    }

    // MARK: - Tidying

    /// npm's clean-up of one set: `>=0.0.0` (or `>=0.0.0-0` with prereleases) means any version,
    /// `<0.0.0-0` swallows the set, duplicates go, and "any" goes when other comparators remain.
    private static func tidy(
        _ comparators: [VersionRange.Comparator], includePrerelease: Bool
    ) -> [VersionRange.Comparator] {
        let anyBound: VersionRange.Comparator = .greaterOrEqual(
            Version(
                uncheckedMajor: 0, minor: 0, patch: 0,
                prerelease: includePrerelease ? Version.PrereleaseIdentifier.lowest : [], buildMetadata: []))
        var result: [VersionRange.Comparator] = []
        result.reserveCapacity(comparators.count)
        // Sets are short; a hash set only pays off for long ones.
        let usesHashing = comparators.count > 8
        var seen: Set<VersionRange.Comparator> = []
        for original in comparators {
            let comparator = original == anyBound ? .any : original
            if comparator == .nothing { return [.nothing] }
            let isNew = usesHashing ? seen.insert(comparator).inserted : !result.contains(comparator)
            if isNew { result.append(comparator) }
        }
        if result.count > 1 { result.removeAll { $0 == .any } }
        return result
    }

    /// npm's clean-up of the union: impossible sets go unless all are, and "any" absorbs the rest.
    private static func simplifyUnion(_ sets: [[VersionRange.Comparator]]) -> [[VersionRange.Comparator]] {
        guard sets.count > 1 else { return sets }
        let possible = sets.filter { $0.first != .nothing }
        guard !possible.isEmpty else { return [sets[0]] }
        if possible.count > 1, let any = possible.first(where: { $0 == [.any] }) { return [any] }
        return possible
    }
}

extension VersionSyntaxProblem {
    /// Whether the problem is a spelling mistake rather than a number out of bounds.
    var isSyntax: Bool {
        if case .tooLarge = self { return false }
        return true
    }
}

extension UInt8 {
    /// Whether a version can start with this byte after an operator: a digit, a wildcard, `v` or `=`.
    var isSemverVersionStart: Bool {
        isSemverDigit || self == UInt8(ascii: "x") || self == UInt8(ascii: "X") || self == UInt8(ascii: "*")
            || self == UInt8(ascii: "v") || self == UInt8(ascii: "=")
    }
}
