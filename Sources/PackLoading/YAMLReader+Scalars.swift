import PackJSON

extension YAMLReader {
    /// Resolves a scalar by the YAML 1.2 core schema, honouring the standard `!!` tags.
    static func resolve(_ text: String, plain: Bool, tag: String?, mark: SourceMap.Position) throws(DocumentError) -> JSONValue {
        switch tag {
        case nil, "!":
            break
        case "tag:yaml.org,2002:str":
            return .string(text)
        case "tag:yaml.org,2002:null":
            return .null
        case "tag:yaml.org,2002:bool":
            if let bool = boolean(text) { return .bool(bool) }
            throw DocumentError("'\(text)' is tagged '!!bool' but is not 'true' or 'false'", line: mark.line, column: mark.column)
        case "tag:yaml.org,2002:int", "tag:yaml.org,2002:float":
            if let number = number(text) { return .number(number) }
            throw DocumentError("'\(text)' is tagged as a number but is not one", line: mark.line, column: mark.column)
        default:
            throw DocumentError("unsupported YAML tag '\(tag ?? "")'; remove the tag (only !!str, !!int, !!float, !!bool and !!null are understood)",
                                line: mark.line, column: mark.column)
        }
        guard plain else { return .string(text) }
        if text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL" { return .null }
        if let bool = boolean(text) { return .bool(bool) }
        if let first = text.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
            || first == UInt8(ascii: ".") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) {
            if let number = number(text) { return .number(number) }
            if [".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", "+.inf", "+.Inf", "+.INF"].contains(text) {
                throw DocumentError("'\(text)' is not representable in JSON; quote it to make it a string",
                                    line: mark.line, column: mark.column)
            }
        }
        return .string(text)
    }

    /// Resolves an untagged scalar straight from libyaml's bytes, or returns `nil` when the
    /// general ``resolve(_:plain:tag:mark:)`` must decide (floats, radix integers, `.inf`, `-0.5`).
    ///
    /// Gives the same value as `resolve` for every scalar it answers: quoted scalars and plain
    /// words are strings, the core-schema null and boolean spellings, and decimal integers of
    /// up to 18 digits. Most scalars of a manifest take this path, with no look at a copied `String`.
    static func resolveUntagged(_ bytes: UnsafeBufferPointer<UInt8>, plain: Bool) -> JSONValue? {
        guard plain else { return .string(String(decoding: bytes, as: UTF8.self)) }
        guard let first = bytes.first else { return .null }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
            var index = first == UInt8(ascii: "-") ? 1 : 0
            let digits = bytes.count - index
            guard (1...18).contains(digits) else { return nil }
            var magnitude: Int64 = 0
            while index < bytes.count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                magnitude = magnitude * 10 + Int64(digit)
                index += 1
            }
            return .number(JSONNumber(first == UInt8(ascii: "-") ? -magnitude : magnitude))
        case UInt8(ascii: "+"), UInt8(ascii: "."):
            return nil
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            // Possibly null or a boolean (at most 5 bytes: 'false'); longer words are strings.
            if bytes.count > 5 { return .string(String(decoding: bytes, as: UTF8.self)) }
            return nil
        default:
            return .string(String(decoding: bytes, as: UTF8.self))
        }
    }

    private static func boolean(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    /// Core-schema integers and floats, converted to exact JSON numbers.
    static func number(_ text: String) -> JSONNumber? {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        var negative = false
        if bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") {
            negative = bytes[0] == UInt8(ascii: "-")
            bytes.removeFirst()
        }
        guard !bytes.isEmpty else { return nil }
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "x") || bytes[1] == UInt8(ascii: "o") {
            let radix = bytes[1] == UInt8(ascii: "x") ? 16 : 8
            let isDigit: (UInt8) -> Bool = radix == 16
                ? { Identifiers.isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0 | 0x20) }
                : { (UInt8(ascii: "0")...UInt8(ascii: "7")).contains($0) }
            guard bytes[2...].allSatisfy(isDigit) else { return nil }
            guard let magnitude = Int64(String(decoding: bytes[2...], as: UTF8.self), radix: radix) else { return nil }
            return JSONNumber(negative ? -magnitude : magnitude)
        }
        // [0-9]+ ( . [0-9]* )? ( [eE] [-+]? [0-9]+ )?  or  . [0-9]+ ...
        var index = 0
        var integerDigits = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1; integerDigits += 1 }
        var fractionDigits = 0
        var hasPoint = false
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            hasPoint = true
            index += 1
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1; fractionDigits += 1 }
        }
        guard integerDigits + fractionDigits > 0 else { return nil }
        var exponent: ArraySlice<UInt8> = []
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            let start = index
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            let digitsStart = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            guard index > digitsStart else { return nil }
            exponent = bytes[start..<index]
        }
        guard index == bytes.count else { return nil }
        // Rebuild as a JSON literal: no leading '+', no leading zeros, digits on both sides of '.'.
        var integerPart = String(decoding: bytes[0..<integerDigits], as: UTF8.self)
        while integerPart.count > 1 && integerPart.hasPrefix("0") { integerPart.removeFirst() }
        if integerPart.isEmpty { integerPart = "0" }
        var literal = (negative ? "-" : "") + integerPart
        if hasPoint {
            let fraction = String(decoding: bytes[(integerDigits + 1)..<(integerDigits + 1 + fractionDigits)], as: UTF8.self)
            literal += "." + (fraction.isEmpty ? "0" : fraction)
        }
        literal += String(decoding: exponent, as: UTF8.self)
        return JSONNumber(text: literal)
    }
}
