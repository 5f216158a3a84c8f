import PackBasics
import PackJSON
import TOMLKit

/// The formats a manifest may be written in.
public enum ManifestFormat: String, Sendable, Hashable, CaseIterable {
    case yaml
    case toml
    case json

    /// The manifest file name for this format.
    public var fileName: String {
        switch self {
        case .yaml: "PACK.yaml"
        case .toml: "PACK.toml"
        case .json: "PACK.json"
        }
    }

    /// The format of a manifest file, by name.
    public init?(fileName: String) {
        switch Path.lastComponent(fileName) {
        case "PACK.yaml", "PACK.yml": self = .yaml
        case "PACK.toml": self = .toml
        case "PACK.json": self = .json
        default: return nil
        }
    }
}

/// Parses manifest bytes of any format into a ``JSONValue``, within ``DocumentLimits``.
public enum ManifestDocument {
    /// Parses a document.
    /// - Parameters:
    ///   - recordPositions: Whether to return a source map (YAML only; TOML and JSON locate by pointer).
    /// - Throws: ``DocumentError`` with line and column when known.
    public static func parse(_ bytes: [UInt8], format: ManifestFormat, limits: DocumentLimits = .default,
                             recordPositions: Bool = false) throws(DocumentError) -> (JSONValue, SourceMap) {
        if bytes.count > limits.maxBytes {
            throw DocumentError("manifest is \(bytes.count) bytes, over the limit of \(limits.maxBytes) bytes; "
                                + "move large schemas into files under 'schemas/'")
        }
        if let problem = ByteCheck.problem(in: bytes) { throw problem }
        switch format {
        case .yaml:
            return try YAMLReader(limits: limits, recordPositions: recordPositions).read(bytes)
        case .json:
            do {
                var options = JSONParser.Options()
                options.maxDepth = limits.maxDepth
                options.rejectDuplicateKeys = true
                let value = try JSONParser.parse(bytes, options: options)
                try checkNodeCount(value, limits: limits)
                return (value, SourceMap())
            } catch let error as JSONParseError {
                throw DocumentError(error.message, line: error.line, column: error.column)
            } catch let error as DocumentError {
                throw error
            } catch {
                throw DocumentError("\(error)")
            }
        case .toml:
            let text = String(decoding: bytes, as: UTF8.self)
            let table: TOMLTable
            do {
                table = try TOMLTable(string: text)
            } catch let error as TOMLParseError {
                throw DocumentError(error.description + "; fix the TOML syntax", line: error.source.begin.line, column: error.source.begin.column)
            } catch {
                throw DocumentError("invalid TOML: \(error)")
            }
            let value = try TOMLConversion.value(of: table, limits: limits)
            return (value, SourceMap())
        }
    }

    /// Enforces the node budget on an already-built value, iteratively.
    static func checkNodeCount(_ value: JSONValue, limits: DocumentLimits) throws(DocumentError) {
        var count = 0
        var pending: [JSONValue] = [value]
        while let next = pending.popLast() {
            count += 1
            if count > limits.maxNodes {
                throw DocumentError("document has more than \(limits.maxNodes) values; make it smaller")
            }
            switch next {
            case .array(let items): pending.append(contentsOf: items)
            case .object(let object): pending.append(contentsOf: object.values)
            default: break
            }
        }
    }
}

/// TOML tables to JSON values: dates and times become strings in RFC 3339 form.
enum TOMLConversion {
    static func value(of table: TOMLTable, limits: DocumentLimits) throws(DocumentError) -> JSONValue {
        var count = 0
        return try convert(table, depth: 0, count: &count, limits: limits)
    }

    private static func convert(_ item: any TOMLValueConvertible, depth: Int, count: inout Int, limits: DocumentLimits) throws(DocumentError) -> JSONValue {
        count += 1
        if count > limits.maxNodes { throw DocumentError("document has more than \(limits.maxNodes) values; make it smaller") }
        if depth >= limits.maxDepth, item.type == .table || item.type == .array { throw DocumentError("nesting is deeper than \(limits.maxDepth) levels; flatten the document") }
        switch item.type {
        case .table:
            guard let table = item.table else { return .null }
            var pairs: [(String, JSONValue)] = []
            for key in table.keys {
                guard let child = table[key] else { continue }
                pairs.append((key, try convert(child, depth: depth + 1, count: &count, limits: limits)))
            }
            return .object(JSONObject(pairs))
        case .array:
            guard let array = item.array else { return .null }
            var items: [JSONValue] = []
            for child in array {
                items.append(try convert(child, depth: depth + 1, count: &count, limits: limits))
            }
            return .array(items)
        case .int:
            return .number(JSONNumber(item.int ?? 0))
        case .double:
            guard let double = item.double, let number = JSONNumber(exactly: double) else {
                throw DocumentError("a TOML float is not representable in JSON (nan or inf); use a finite number or a string")
            }
            return .number(number)
        case .bool:
            return .bool(item.bool ?? false)
        case .string:
            return .string(item.string ?? "")
        default:
            // Dates, times and date-times: keep their TOML text, which is RFC 3339.
            return .string(item.tomlValue.debugDescription)
        }
    }
}
