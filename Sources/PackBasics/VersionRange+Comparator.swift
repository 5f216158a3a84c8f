extension VersionRange {
    /// One condition of a comparator set: a relation to a version, or any version.
    ///
    /// Comparator versions carry no build metadata. ``matches(_:)`` checks only the order; the
    /// prerelease rule belongs to the comparator set (see ``VersionRange``).
    public enum Comparator: Sendable, Hashable, CustomStringConvertible {
        /// Any version; written `*` (npm writes it as the empty string).
        case any
        /// Exactly this version (build metadata ignored); written without an operator, as `1.2.3`.
        case equal(Version)
        /// Versions below this one: `<1.2.3`.
        case less(Version)
        /// Versions up to and including this one: `<=1.2.3`.
        case lessOrEqual(Version)
        /// Versions above this one: `>1.2.3`.
        case greater(Version)
        /// Versions from this one up: `>=1.2.3`.
        case greaterOrEqual(Version)

        /// `<0.0.0-0`, which no version satisfies; npm's canonical empty set.
        static let nothing = Comparator.less(
            Version(
                uncheckedMajor: 0, minor: 0, patch: 0, prerelease: Version.PrereleaseIdentifier.lowest,
                buildMetadata: []))

        /// Parses one plain comparator, such as `>=1.2.3`, `<2.0.0-0`, `1.2.3` or `=1.2.3`.
        ///
        /// Only an operator (`<`, `<=`, `>`, `>=`, `=` or none) and a full version are accepted, as by
        /// npm's `Comparator`; use ``VersionRange/init(_:options:)`` for shorthands such as `^1.2`.
        /// The empty text and `*` mean any version.
        ///
        /// - Throws: ``VersionError`` with code ``VersionError/Code/invalidComparator`` or
        ///   ``VersionError/Code/numberTooLarge``.
        public init(_ text: String, options: Options = []) throws(VersionError) {
            let loose = options.contains(.loose)
            let result: Result<Comparator, VersionSyntaxProblem> = SemverScanner.withBytes(of: text) { bytes in
                var start = 0
                var end = bytes.count
                while start < end, bytes[start].isSemverWhitespace { start += 1 }
                while end > start, bytes[end - 1].isSemverWhitespace { end -= 1 }
                var scanner = SemverScanner(bytes, from: start, to: end)
                if scanner.isAtEnd { return .success(.any) }
                if scanner.current == UInt8(ascii: "*"), end - start == 1 { return .success(.any) }
                let relation = RangeParser.scanOperator(&scanner)
                scanner.skip(while: \.isSemverWhitespace)
                do throws(VersionSyntaxProblem) {
                    let version = try Version.scan(&scanner, loose: loose).withoutBuildMetadata
                    switch relation {
                    case nil, .equal: return .success(.equal(version))
                    case .less: return .success(.less(version))
                    case .lessOrEqual: return .success(.lessOrEqual(version))
                    case .greater: return .success(.greater(version))
                    case .greaterOrEqual: return .success(.greaterOrEqual(version))
                    case .tilde, .caret: return .failure(.empty)
                    }
                } catch {
                    return .failure(error)
                }
            }
            switch result {
            case .success(let comparator):
                self = comparator
            case .failure(let problem):
                if case .tooLarge = problem { throw VersionError.comparator(text, tooLarge: true) }
                throw VersionError.comparator(text, tooLarge: false)
            }
        }

        /// The comparator's version; `nil` for ``any``.
        public var version: Version? {
            switch self {
            case .any: nil
            case .equal(let version), .less(let version), .lessOrEqual(let version), .greater(let version),
                .greaterOrEqual(let version):
                version
            }
        }

        /// Whether `version` is in the relation; prerelease rules are not applied here.
        public func matches(_ version: Version) -> Bool {
            switch self {
            case .any: true
            case .equal(let bound): version == bound
            case .less(let bound): version < bound
            case .lessOrEqual(let bound): version <= bound
            case .greater(let bound): version > bound
            case .greaterOrEqual(let bound): version >= bound
            }
        }

        /// The comparator as npm prints it: `>=1.2.3`, `1.2.3` for equality, and `*` for any version.
        public var description: String {
            switch self {
            case .any: "*"
            case .equal(let version): version.description
            case .less(let version): "<\(version)"
            case .lessOrEqual(let version): "<=\(version)"
            case .greater(let version): ">\(version)"
            case .greaterOrEqual(let version): ">=\(version)"
            }
        }

        /// Whether the comparator bounds versions from below (`>` or `>=`).
        var isLowerBound: Bool {
            switch self {
            case .greater, .greaterOrEqual: true
            default: false
            }
        }

        /// Whether the comparator bounds versions from above (`<` or `<=`).
        var isUpperBound: Bool {
            switch self {
            case .less, .lessOrEqual: true
            default: false
            }
        }

        /// Whether the comparator admits its own version (`>=`, `<=` or `=`).
        var isInclusive: Bool {
            switch self {
            case .equal, .lessOrEqual, .greaterOrEqual: true
            default: false
            }
        }
    }
}
