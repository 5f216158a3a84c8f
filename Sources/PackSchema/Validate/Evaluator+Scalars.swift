import PackJSON

extension Evaluator {
    // MARK: Numbers

    @inline(__always)
    private static func compare(_ number: JSONNumber, _ bound: NumberBound) -> Int {
        if let bound = bound.integer, let value = number.int64Value {
            return value < bound ? -1 : (value == bound ? 0 : 1)
        }
        if number < bound.value { return -1 }
        return number == bound.value ? 0 : 1
    }

    mutating func evaluateNumeric(_ keyword: Keyword, _ node: NodeRef, _ instance: ValueRef) -> Bool {
        guard case .number(let number) = instance.pointee else { return true }
        switch keyword {
        case .minimum(let reference):
            if reference.with({ Self.compare(number, $0) >= 0 }) { return true }
            let bound = reference.value
            if collectsErrors { report(node, "minimum", Diagnostics.minimum(number, bound.value)) }
        case .maximum(let reference):
            if reference.with({ Self.compare(number, $0) <= 0 }) { return true }
            let bound = reference.value
            if collectsErrors { report(node, "maximum", Diagnostics.maximum(number, bound.value)) }
        case .exclusiveMinimum(let reference):
            if reference.with({ Self.compare(number, $0) > 0 }) { return true }
            let bound = reference.value
            if collectsErrors { report(node, "exclusiveMinimum", Diagnostics.exclusiveMinimum(number, bound.value)) }
        case .exclusiveMaximum(let reference):
            if reference.with({ Self.compare(number, $0) < 0 }) { return true }
            let bound = reference.value
            if collectsErrors { report(node, "exclusiveMaximum", Diagnostics.exclusiveMaximum(number, bound.value)) }
        case .multipleOf(let reference):
            let divisor = reference.value.value
            if number.isMultiple(of: divisor) { return true }
            if collectsErrors { report(node, "multipleOf", Diagnostics.multipleOf(number, divisor)) }
        default:
            return true
        }
        return false
    }

    // MARK: Strings

    /// The number of Unicode code points, counted without decoding: every byte that is not a
    /// UTF-8 continuation byte starts one.
    @inline(__always)
    static func codePointCount(_ string: String) -> Int {
        let utf8 = string.utf8
        if let count = utf8.withContiguousStorageIfAvailable({ buffer -> Int in
            var count = 0
            for byte in buffer where byte & 0xC0 != 0x80 { count += 1 }
            return count
        }) {
            return count
        }
        return string.unicodeScalars.count
    }

    mutating func evaluateString(_ keyword: Keyword, _ node: NodeRef, _ instance: ValueRef) -> Bool {
        guard case .string(let string) = instance.pointee else { return true }
        switch keyword {
        case .minLength(let minimum):
            let bytes = string.utf8.count
            // A code point takes 1 to 4 bytes: decide from the byte count when possible.
            if bytes >= minimum, bytes / 4 >= minimum || Self.codePointCount(string) >= minimum { return true }
            if collectsErrors {
                report(node, "minLength", Diagnostics.minLength(string, Self.codePointCount(string), minimum))
            }
            return false
        case .maxLength(let maximum):
            if string.utf8.count <= maximum || Self.codePointCount(string) <= maximum { return true }
            if collectsErrors {
                report(node, "maxLength", Diagnostics.maxLength(string, Self.codePointCount(string), maximum))
            }
            return false
        case .pattern(let reference):
            let outcome = reference.with { regex in
                string.utf8.withContiguousStorageIfAvailable { regex.matches(utf8: $0) } ?? regex.matches(string)
            }
            if outcome == .matched { return true }
            if collectsErrors {
                let regex = reference.value
                if outcome == .notMatched {
                    report(node, "pattern", Diagnostics.pattern(string, regex.source))
                } else {
                    report(node, "pattern", Diagnostics.patternTooExpensive(regex.source, regex.stepBudget))
                }
            }
            return false
        case .format(let reference):
            let format = reference.value
            if format.check(string) { return true }
            if collectsErrors { report(node, "format", Diagnostics.format(string, format.name)) }
            return false
        case .content(let reference):
            let content = reference.value
            var bytes = Array(string.utf8)
            if content.base64 {
                guard let decoded = ContentDecoding.base64(bytes) else {
                    if collectsErrors { report(node, "contentEncoding", Diagnostics.contentEncoding()) }
                    return false
                }
                bytes = decoded
            }
            if content.json, (try? JSONParser.parse(bytes)) == nil {
                if collectsErrors { report(node, "contentMediaType", Diagnostics.contentMediaType()) }
                return false
            }
            return true
        default:
            return true
        }
    }

    // MARK: enum

    mutating func evaluateEnum(_ enumeration: EnumKeyword, _ node: NodeRef, _ instance: ValueRef) -> Bool {
        if case .string(let string) = instance.pointee {
            if let set = enumeration.stringSet {
                // Set lookup uses canonical equivalence: a miss is final, a hit needs the code points confirmed.
                if let found = set.firstIndex(of: string) {
                    if JSONEquality.sameText(set[found], string) { return true }
                    for value in enumeration.values {
                        if case .string(let candidate) = value, JSONEquality.sameText(candidate, string) { return true }
                    }
                }
            } else if enumeration.allStringsASCII {
                for candidate in enumeration.asciiStrings where JSONEquality.same(ascii: candidate, string) { return true }
            } else {
                for value in enumeration.values {
                    if case .string(let candidate) = value, JSONEquality.sameText(candidate, string) { return true }
                }
            }
        } else {
            for value in enumeration.values where JSONEquality.equal(value, instance.pointee) { return true }
        }
        if collectsErrors { report(node, "enum", Diagnostics.enumeration(instance.pointee, enumeration.values)) }
        return false
    }
}
