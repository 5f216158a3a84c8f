import Foundation
import PackBasics

/// One of node-semver's fixture files, converted to JSON in `shared/corpora/node-semver-fixtures`.
enum SemverFixtureFile: String, CaseIterable, Sendable, CustomStringConvertible {
    case comparatorIntersection = "comparator-intersection"
    case comparisons
    case equality
    case increments
    case invalidVersions = "invalid-versions"
    case rangeExclude = "range-exclude"
    case rangeInclude = "range-include"
    case rangeIntersection = "range-intersection"
    case rangeParse = "range-parse"
    case truncations
    case validVersions = "valid-versions"
    case versionGreaterThanRange = "version-gt-range"
    case versionLessThanRange = "version-lt-range"
    case versionNotGreaterThanRange = "version-not-gt-range"
    case versionNotLessThanRange = "version-not-lt-range"

    var fileName: String { "\(rawValue).json" }
    var description: String { fileName }

    /// The number of cases the corpus README lists for the file, so that a truncated file fails.
    var expectedCount: Int {
        switch self {
        case .comparatorIntersection: 34
        case .comparisons: 31
        case .equality: 37
        case .increments: 133
        case .invalidVersions: 10
        case .rangeExclude: 98
        case .rangeInclude: 126
        case .rangeIntersection: 54
        case .rangeParse: 133
        case .truncations: 27
        case .validVersions: 22
        case .versionGreaterThanRange: 56
        case .versionLessThanRange: 58
        case .versionNotGreaterThanRange: 80
        case .versionNotLessThanRange: 83
        }
    }

    /// Where the corpus is: `../shared/corpora/node-semver-fixtures` beside the package root, found
    /// by walking up from this file (after resolving symbolic links) to the folder with `Package.swift`.
    static func corpusDirectory(filePath: String = #filePath) throws -> URL {
        var directory = URL(fileURLWithPath: filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory.deletingLastPathComponent()
                    .appendingPathComponent("shared/corpora/node-semver-fixtures", isDirectory: true)
            }
            directory = directory.deletingLastPathComponent()
        }
        throw FixtureError("no Package.swift above \(filePath)")
    }

    /// The file's cases, each an array of values in the layout given in its `upstreamComments`.
    func loadCases() throws -> [[FixtureValue]] {
        let url = try SemverFixtureFile.corpusDirectory().appendingPathComponent(fileName)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        guard let root = object as? [String: Any], let cases = root["cases"] as? [Any] else {
            throw FixtureError("\(fileName) has no 'cases' array")
        }
        return try cases.map { item in
            guard case .array(let values) = FixtureValue(json: item) else {
                throw FixtureError("a case of \(fileName) is not an array")
            }
            return values
        }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A JavaScript value from a fixture, including the encodings of values JSON cannot hold.
indirect enum FixtureValue: CustomStringConvertible {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([FixtureValue])
    case object([String: FixtureValue])
    /// `{"$regexp": source}`: a regular expression object.
    case regexp(String)
    /// `{"$objectWithToString": text}`: an object whose `toString()` returns `text`.
    case objectWithToString(String)
    /// `{"$undefined": true}`.
    case undefined

    init(json: Any) {
        switch json {
        case let text as String:
            self = .string(text)
        case let number as NSNumber:
            // JSONSerialization boxes booleans as NSNumber with the `char` type code, on Linux and Darwin.
            if String(cString: number.objCType) == "c" {
                self = .bool(number.boolValue)
            } else {
                self = .number(number.doubleValue)
            }
        case let array as [Any]:
            self = .array(array.map(FixtureValue.init(json:)))
        case let dictionary as [String: Any]:
            if let source = dictionary["$regexp"] as? String {
                self = .regexp(source)
            } else if let text = dictionary["$objectWithToString"] as? String {
                self = .objectWithToString(text)
            } else if dictionary["$undefined"] != nil {
                self = .undefined
            } else if let number = dictionary["$number"] as? String {
                self = .number(Double(number) ?? .nan)
            } else {
                self = .object(dictionary.mapValues(FixtureValue.init(json:)))
            }
        default:
            self = .null
        }
    }

    /// JavaScript truthiness.
    var isTruthy: Bool {
        switch self {
        case .string(let text): !text.isEmpty
        case .number(let number): number != 0 && !number.isNaN
        case .bool(let flag): flag
        case .null, .undefined: false
        case .array, .object, .regexp, .objectWithToString: true
        }
    }

    /// The value when it is a string; anything else is what npm rejects as "not a string".
    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// npm's `parseOptions`: nothing for falsy values, `{loose: true}` for other non-objects, and the
    /// object's own `loose` and `includePrerelease` otherwise.
    var rangeOptions: VersionRange.Options {
        switch self {
        case .object(let fields):
            var options: VersionRange.Options = []
            if fields["loose"]?.isTruthy == true { options.insert(.loose) }
            if fields["includePrerelease"]?.isTruthy == true { options.insert(.includePrerelease) }
            return options
        case .array, .regexp, .objectWithToString:
            return []
        default:
            return isTruthy ? .loose : []
        }
    }

    var versionOptions: Version.ParsingOptions { rangeOptions.contains(.loose) ? .loose : [] }

    var description: String {
        switch self {
        case .string(let text): "\"\(text.count > 40 ? text.prefix(40) + "…" : text)\""
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : "\(number)"
        case .bool(let flag): "\(flag)"
        case .null: "null"
        case .array(let values): "[\(values.map(\.description).joined(separator: ", "))]"
        case .object(let fields):
            "{\(fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))}"
        case .regexp(let source): "/\(source)/"
        case .objectWithToString(let text): "{toString: \"\(text)\"}"
        case .undefined: "undefined"
        }
    }
}

extension Array where Element == FixtureValue {
    /// The value at `index`, or `undefined` past the end, as JavaScript destructuring gives.
    subscript(argument index: Int) -> FixtureValue { index < count ? self[index] : .undefined }
}
