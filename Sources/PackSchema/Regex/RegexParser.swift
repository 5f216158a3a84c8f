/// Parses ECMA-262 pattern syntax in Unicode mode (the `u` flag), as JSON Schema's `pattern` uses.
///
/// Unicode mode is strict: identity escapes are limited to syntax characters and `/` (plus `-`,
/// accepted anywhere because schema authors write `\-` often and it is unambiguous), a lone `{`
/// or `}` is an error, and `\1` must name an existing group.
struct RegexParser {
    /// Deepest group nesting accepted; bounds the recursion of the parser and the compiler.
    static let maxNesting = 200

    private let scalars: [UInt32]
    private var index = 0
    private var depth = 0
    private(set) var captureCount = 0
    private(set) var groupNames: [String: Int] = [:]
    private var hasNamedReference = false
    private var maxBackreference = 0

    init(_ pattern: String) {
        scalars = pattern.unicodeScalars.map(\.value)
    }

    /// Parses `pattern` into a tree.
    static func parsed(_ pattern: String) throws(RegexSyntaxError) -> RegexNode {
        var parser = RegexParser(pattern)
        return try parser.parse()
    }

    /// Parses the whole pattern.
    mutating func parse() throws(RegexSyntaxError) -> RegexNode {
        let node = try parseDisjunction()
        if index < scalars.count {
            throw fail(scalars[index] == 0x29 ? "unmatched ')'" : "unexpected character")
        }
        if maxBackreference > captureCount {
            throw RegexSyntaxError(message: "back reference '\\\(maxBackreference)' names no group", offset: 0)
        }
        return try resolveNames(node)
    }

    private func resolveNames(_ node: RegexNode) throws(RegexSyntaxError) -> RegexNode {
        guard hasNamedReference else { return node }
        func resolve(_ node: RegexNode) throws(RegexSyntaxError) -> RegexNode {
            switch node {
            case .namedBackreference(let name):
                guard let index = groupNames[name] else {
                    throw RegexSyntaxError(message: "back reference '\\k<\(name)>' names no group", offset: 0)
                }
                return .backreference(index)
            case .sequence(let items):
                var out: [RegexNode] = []
                for item in items { out.append(try resolve(item)) }
                return .sequence(out)
            case .alternation(let items):
                var out: [RegexNode] = []
                for item in items { out.append(try resolve(item)) }
                return .alternation(out)
            case .group(let inner, let capture):
                return .group(try resolve(inner), capture: capture)
            case .quantified(let inner, let min, let max, let greedy):
                return .quantified(try resolve(inner), min: min, max: max, greedy: greedy)
            case .lookaround(let inner, let behind, let negated):
                return .lookaround(try resolve(inner), behind: behind, negated: negated)
            default:
                return node
            }
        }
        return try resolve(node)
    }

    private func fail(_ message: String) -> RegexSyntaxError {
        RegexSyntaxError(message: message, offset: index)
    }

    private var atEnd: Bool { index >= scalars.count }

    private func peek(_ offset: Int = 0) -> UInt32? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func take(_ value: Character) -> Bool {
        if let scalar = value.unicodeScalars.first, peek() == scalar.value {
            index += 1
            return true
        }
        return false
    }

    // MARK: Structure

    private mutating func parseDisjunction() throws(RegexSyntaxError) -> RegexNode {
        var alternatives = [try parseAlternative()]
        while take("|") {
            alternatives.append(try parseAlternative())
        }
        return alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
    }

    private mutating func parseAlternative() throws(RegexSyntaxError) -> RegexNode {
        var items: [RegexNode] = []
        while let next = peek(), next != 0x7C, next != 0x29 {  // '|' ')'
            items.append(try parseTerm())
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .sequence(items)
        }
    }

    private mutating func parseTerm() throws(RegexSyntaxError) -> RegexNode {
        guard let next = peek() else { throw fail("unexpected end of pattern") }
        let atom: RegexNode
        var quantifiable = true
        switch next {
        case 0x5E:  // ^
            index += 1
            return .lineStart
        case 0x24:  // $
            index += 1
            return .lineEnd
        case 0x28:  // (
            (atom, quantifiable) = try parseGroup()
        case 0x5B:  // [
            atom = .set(try parseClass())
        case 0x2E:  // .
            index += 1
            atom = .set(RegexCharSet.dot)
        case 0x5C:  // backslash
            if peek(1) == 0x62 || peek(1) == 0x42 {  // \b \B
                index += 2
                return .wordBoundary(negated: next == 0x5C && scalars[index - 1] == 0x42)
            }
            atom = try parseAtomEscape()
        case 0x2A, 0x2B, 0x3F:  // * + ?
            throw fail("nothing to repeat before '\(Character(Unicode.Scalar(next)!))'")
        case 0x7B:  // {
            throw fail("a lone '{' is not allowed in Unicode mode; escape it as '\\{'")
        case 0x7D:  // }
            throw fail("a lone '}' is not allowed in Unicode mode; escape it as '\\}'")
        case 0x5D:  // ]
            throw fail("a lone ']' is not allowed in Unicode mode; escape it as '\\]'")
        default:
            index += 1
            atom = .char(next)
        }
        guard let quantifier = try parseQuantifier() else { return atom }
        guard quantifiable else { throw fail("a lookaround assertion cannot be repeated") }
        return .quantified(atom, min: quantifier.min, max: quantifier.max, greedy: quantifier.greedy)
    }

    private mutating func parseQuantifier() throws(RegexSyntaxError) -> (min: Int, max: Int?, greedy: Bool)? {
        guard let next = peek() else { return nil }
        var min = 0
        var max: Int?
        switch next {
        case 0x2A: index += 1
        case 0x2B:
            index += 1
            min = 1
        case 0x3F:
            index += 1
            max = 1
        case 0x7B:
            let start = index
            index += 1
            guard let low = parseDecimal() else {
                index = start
                throw fail("a lone '{' is not allowed in Unicode mode; escape it as '\\{'")
            }
            min = low
            if take(",") {
                if peek() == 0x7D {
                    max = nil
                } else if let high = parseDecimal() {
                    max = high
                } else {
                    throw fail("malformed '{n,m}' quantifier")
                }
            } else {
                max = low
            }
            guard take("}") else { throw fail("malformed '{n,m}' quantifier") }
            if let max, max < min { throw fail("numbers out of order in '{\(min),\(max)}' quantifier") }
        default:
            return nil
        }
        let greedy = !take("?")
        return (min, max, greedy)
    }

    /// Parses decimal digits, saturating at `Int32.max` so huge counts cannot overflow.
    private mutating func parseDecimal() -> Int? {
        var value = 0
        var any = false
        while let digit = peek(), digit >= 0x30, digit <= 0x39 {
            value = Swift.min(value * 10 + Int(digit - 0x30), Int(Int32.max))
            index += 1
            any = true
        }
        return any ? value : nil
    }

    private mutating func parseGroup() throws(RegexSyntaxError) -> (RegexNode, Bool) {
        index += 1  // (
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxNesting else { throw fail("groups are nested more than \(Self.maxNesting) deep") }
        var capture: Int?
        var look: (behind: Bool, negated: Bool)?
        if take("?") {
            if take(":") {
            } else if take("=") {
                look = (false, false)
            } else if take("!") {
                look = (false, true)
            } else if peek() == 0x3C, peek(1) == 0x3D {
                index += 2
                look = (true, false)
            } else if peek() == 0x3C, peek(1) == 0x21 {
                index += 2
                look = (true, true)
            } else if take("<") {
                let name = try parseGroupName()
                guard groupNames[name] == nil else { throw fail("duplicate group name '\(name)'") }
                captureCount += 1
                capture = captureCount
                groupNames[name] = captureCount
            } else {
                throw fail("invalid group: '(?' must be followed by ':', '=', '!', '<=', '<!' or '<name>'")
            }
        } else {
            captureCount += 1
            capture = captureCount
        }
        let inner = try parseDisjunction()
        guard take(")") else { throw fail("missing ')'") }
        if let look {
            return (.lookaround(inner, behind: look.behind, negated: look.negated), false)
        }
        return (.group(inner, capture: capture), true)
    }

    /// Parses `name>` after `(?<` or `\k<`.
    private mutating func parseGroupName() throws(RegexSyntaxError) -> String {
        var name = String.UnicodeScalarView()
        while let next = peek(), next != 0x3E {
            var code = next
            if next == 0x5C {
                index += 1
                guard take("u") else { throw fail("invalid escape in group name") }
                code = try parseUnicodeEscapeBody()
            } else {
                index += 1
            }
            guard let scalar = Unicode.Scalar(code) else { throw fail("invalid group name") }
            let valid =
                name.isEmpty
                ? (scalar.properties.isIDStart || scalar == "$" || scalar == "_")
                : (scalar.properties.isIDContinue || scalar == "$" || scalar.value == 0x200C || scalar.value == 0x200D)
            guard valid else { throw fail("invalid character in group name") }
            name.append(scalar)
        }
        guard take(">"), !name.isEmpty else { throw fail("invalid group name") }
        return String(name)
    }

    // MARK: Escapes

    private mutating func parseAtomEscape() throws(RegexSyntaxError) -> RegexNode {
        index += 1  // backslash
        guard let next = peek() else { throw fail("pattern ends with a backslash") }
        if next >= 0x31, next <= 0x39 {
            let value = parseDecimal() ?? 0
            maxBackreference = max(maxBackreference, value)
            return .backreference(value)
        }
        if next == 0x6B {  // k
            index += 1
            guard take("<") else { throw fail("'\\k' must be followed by '<name>'") }
            hasNamedReference = true
            return .namedBackreference(try parseGroupName())
        }
        if let set = try parseClassEscape() {
            return .set(set)
        }
        return .char(try parseCharacterEscape(inClass: false))
    }

    /// Parses `\d \D \s \S \w \W \p{…} \P{…}` (after the backslash), or returns `nil`.
    private mutating func parseClassEscape() throws(RegexSyntaxError) -> RegexCharSet? {
        guard let members = try parseClassEscapeMembers() else { return nil }
        return RegexCharSet(ranges: members.ranges, properties: members.properties, negated: false)
    }

    private mutating func parseClassEscapeMembers() throws(RegexSyntaxError)
        -> (ranges: [ClosedRange<UInt32>], properties: [UnicodePropertyTest])?
    {
        guard let next = peek() else { return nil }
        switch next {
        case 0x64:
            index += 1
            return (RegexCharSet.digitRanges, [])
        case 0x44:
            index += 1
            return (RegexCharSet.complement(RegexCharSet.digitRanges), [])
        case 0x73:
            index += 1
            return (RegexCharSet.spaceRanges, [])
        case 0x53:
            index += 1
            return (RegexCharSet.complement(RegexCharSet.spaceRanges), [])
        case 0x77:
            index += 1
            return (RegexCharSet.wordRanges, [])
        case 0x57:
            index += 1
            return (RegexCharSet.complement(RegexCharSet.wordRanges), [])
        case 0x70, 0x50:  // p P
            index += 1
            guard take("{") else { throw fail("'\\p' must be followed by '{Property}'") }
            var text = ""
            while let scalar = peek(), scalar != 0x7D {
                text.unicodeScalars.append(Unicode.Scalar(scalar) ?? "?")
                index += 1
            }
            guard take("}") else { throw fail("missing '}' after '\\p{'") }
            guard let test = UnicodePropertyTest.parse(text, negated: next == 0x50) else {
                throw fail("unsupported Unicode property '\(text)'; use a general category or binary property")
            }
            return ([], [test])
        default:
            return nil
        }
    }

    /// Parses a character escape after the backslash and returns its code point.
    private mutating func parseCharacterEscape(inClass: Bool) throws(RegexSyntaxError) -> UInt32 {
        guard let next = peek() else { throw fail("pattern ends with a backslash") }
        index += 1
        switch next {
        case 0x66: return 0x0C  // f
        case 0x6E: return 0x0A  // n
        case 0x72: return 0x0D  // r
        case 0x74: return 0x09  // t
        case 0x76: return 0x0B  // v
        case 0x63:  // c
            if let letter = peek(), (letter >= 0x41 && letter <= 0x5A) || (letter >= 0x61 && letter <= 0x7A) {
                index += 1
                return letter % 32
            }
            throw fail("'\\c' must be followed by an ASCII letter")
        case 0x30:  // 0
            if let digit = peek(), digit >= 0x30, digit <= 0x39 {
                throw fail("octal escapes are not allowed in Unicode mode")
            }
            return 0
        case 0x78:  // x
            guard let high = hexValue(peek()), let low = hexValue(peek(1)) else {
                throw fail("'\\x' must be followed by two hex digits")
            }
            index += 2
            return high * 16 + low
        case 0x75:  // u
            return try parseUnicodeEscapeBody()
        case 0x2D:  // -
            return next
        default:
            let syntax: Set<UInt32> = [0x5E, 0x24, 0x5C, 0x2E, 0x2A, 0x2B, 0x3F, 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D, 0x7C, 0x2F]
            if syntax.contains(next) { return next }
            if inClass, next == 0x62 { return 0x08 }  // \b in a class is backspace
            index -= 1
            let shown = Unicode.Scalar(next).map { String(Character($0)) } ?? "?"
            throw fail("'\\\(shown)' is not a valid escape in ECMA-262 Unicode mode")
        }
    }

    /// Parses the part after `\u`: `XXXX`, a surrogate pair `XXXX\uXXXX`, or `{X…}`.
    private mutating func parseUnicodeEscapeBody() throws(RegexSyntaxError) -> UInt32 {
        if take("{") {
            var value: UInt32 = 0
            var count = 0
            while let digit = hexValue(peek()) {
                value = value * 16 + digit
                count += 1
                index += 1
                guard value <= 0x10FFFF else { throw fail("'\\u{…}' is beyond U+10FFFF") }
            }
            guard count > 0, take("}") else { throw fail("malformed '\\u{…}' escape") }
            return value
        }
        guard let unit = fourHex(at: index) else { throw fail("'\\u' must be followed by four hex digits") }
        index += 4
        if unit >= 0xD800, unit <= 0xDBFF, peek() == 0x5C, peek(1) == 0x75, let low = fourHex(at: index + 2),
            low >= 0xDC00, low <= 0xDFFF
        {
            index += 6
            return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        }
        return unit
    }

    private func fourHex(at position: Int) -> UInt32? {
        guard position + 4 <= scalars.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = hexValue(scalars[position + offset]) else { return nil }
            value = value * 16 + digit
        }
        return value
    }

    private func hexValue(_ scalar: UInt32?) -> UInt32? {
        guard let scalar else { return nil }
        switch scalar {
        case 0x30...0x39: return scalar - 0x30
        case 0x41...0x46: return scalar - 0x41 + 10
        case 0x61...0x66: return scalar - 0x61 + 10
        default: return nil
        }
    }

    // MARK: Character classes

    private mutating func parseClass() throws(RegexSyntaxError) -> RegexCharSet {
        index += 1  // [
        let negated = take("^")
        var ranges: [ClosedRange<UInt32>] = []
        var properties: [UnicodePropertyTest] = []
        while true {
            guard let next = peek() else { throw fail("missing ']'") }
            if next == 0x5D {
                index += 1
                break
            }
            let first = try parseClassAtom()
            if peek() == 0x2D, let after = peek(1), after != 0x5D {
                index += 1  // -
                let second = try parseClassAtom()
                guard case .single(let low) = first, case .single(let high) = second else {
                    throw fail("a class escape cannot be a range bound in Unicode mode")
                }
                guard low <= high else { throw fail("range out of order in character class") }
                ranges.append(low...high)
                continue
            }
            switch first {
            case .single(let code):
                ranges.append(code...code)
            case .members(let moreRanges, let moreProperties):
                ranges += moreRanges
                properties += moreProperties
            }
        }
        return RegexCharSet(ranges: ranges, properties: properties, negated: negated)
    }

    private enum ClassAtom {
        case single(UInt32)
        case members([ClosedRange<UInt32>], [UnicodePropertyTest])
    }

    private mutating func parseClassAtom() throws(RegexSyntaxError) -> ClassAtom {
        guard let next = peek() else { throw fail("missing ']'") }
        index += 1
        guard next == 0x5C else { return .single(next) }
        if let members = try parseClassEscapeMembers() {
            return .members(members.ranges, members.properties)
        }
        return .single(try parseCharacterEscape(inClass: true))
    }
}
