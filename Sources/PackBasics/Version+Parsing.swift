extension Version {
    /// Parses a whole version text: trims whitespace, checks the length, then reads the version.
    ///
    /// Strict mode is npm's `FULL` form (an optional `v`, then SemVer 2.0.0); loose mode is npm's
    /// `LOOSE` form. The length limit applies to the untrimmed text, as in npm.
    static func parse(_ text: String, loose: Bool, lengthLimit: Int?) -> Result<Version, VersionSyntaxProblem> {
        SemverScanner.withBytes(of: text) { bytes in
            if let lengthLimit, bytes.count > lengthLimit { return .failure(.tooLong(limit: lengthLimit)) }
            var start = 0
            var end = bytes.count
            while start < end, bytes[start].isSemverWhitespace { start += 1 }
            while end > start, bytes[end - 1].isSemverWhitespace { end -= 1 }
            guard start < end else { return .failure(.empty) }
            var scanner = SemverScanner(bytes, from: start, to: end)
            do throws(VersionSyntaxProblem) {
                return .success(try scan(&scanner, loose: loose))
            } catch {
                return .failure(error)
            }
        }
    }

    /// Reads a version that must fill the rest of the scanner.
    static func scan(_ scanner: inout SemverScanner, loose: Bool) throws(VersionSyntaxProblem) -> Version {
        let start = scanner.position
        if loose {
            scanner.skip { $0 == UInt8(ascii: "v") || $0 == UInt8(ascii: "=") || $0.isSemverWhitespace }
        } else if scanner.current == UInt8(ascii: "v") {
            scanner.advance()
        }
        let major = try scanner.scanNumber(loose: loose, from: start)
        try expectDot(&scanner, start: start, major: major, minor: nil)
        let minor = try scanner.scanNumber(loose: loose, from: start)
        try expectDot(&scanner, start: start, major: major, minor: minor)
        let patch = try scanner.scanNumber(loose: loose, from: start)
        let prerelease = try scanner.scanPrerelease(loose: loose, from: start)
        let buildMetadata = try scanner.scanBuildMetadata(from: start)
        guard scanner.isAtEnd else {
            if scanner.current == UInt8(ascii: "."), scanner.byte(at: scanner.position + 1).isSemverDigit,
                prerelease.isEmpty, buildMetadata.isEmpty
            {
                throw .syntax(reason: "it has more than three numbers", suggestion: nil)
            }
            throw scanner.unexpected(from: start)
        }
        return Version(
            uncheckedMajor: major, minor: minor, patch: patch, prerelease: prerelease, buildMetadata: buildMetadata)
    }

    /// Consumes the dot after a number, or explains that numbers are missing.
    private static func expectDot(
        _ scanner: inout SemverScanner, start: Int, major: Int, minor: Int?
    ) throws(VersionSyntaxProblem) {
        if scanner.current == UInt8(ascii: ".") {
            scanner.advance()
            return
        }
        if scanner.isAtEnd {
            throw .missingComponents(suggestion: "\(major).\(minor ?? 0).0")
        }
        if scanner.current == UInt8(ascii: "-") || scanner.current == UInt8(ascii: "+") {
            throw .missingComponents(suggestion: nil)
        }
        throw scanner.unexpected(from: start)
    }
}
