/// RFC 3492 Punycode, for `xn--` labels of host names.
enum Punycode {
    private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700
    private static let initialBias = 72, initialN = 128
    /// Largest code point value handled; beyond it decoding fails rather than overflowing.
    private static let limit = 0x10FFFF

    private static func adapt(_ delta: Int, _ count: Int, _ first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / count
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + ((base - tMin + 1) * delta) / (delta + skew)
    }

    private static func threshold(_ k: Int, _ bias: Int) -> Int {
        k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
    }

    /// Decodes the part after `xn--`; `nil` if it is not valid Punycode.
    static func decode(_ input: [UInt8]) -> [Unicode.Scalar]? {
        var output: [Unicode.Scalar] = []
        var start = 0
        if let delimiter = input.lastIndex(of: UInt8(ascii: "-")) {
            for byte in input[..<delimiter] {
                guard byte < 0x80 else { return nil }
                output.append(Unicode.Scalar(byte))
            }
            start = delimiter + 1
        }
        var n = initialN
        var i = 0
        var bias = initialBias
        var index = start
        while index < input.count {
            let oldI = i
            var w = 1
            var k = base
            while true {
                guard index < input.count else { return nil }
                let byte = input[index]
                index += 1
                let digit: Int
                switch byte {
                case 0x30...0x39: digit = Int(byte) - 0x30 + 26
                case 0x41...0x5A: digit = Int(byte) - 0x41
                case 0x61...0x7A: digit = Int(byte) - 0x61
                default: return nil
                }
                guard digit <= (Int(Int32.max) - i) / w else { return nil }
                i += digit * w
                let t = threshold(k, bias)
                if digit < t { break }
                guard w <= Int(Int32.max) / (base - t) else { return nil }
                w *= base - t
                k += base
            }
            bias = adapt(i - oldI, output.count + 1, oldI == 0)
            n += i / (output.count + 1)
            guard n <= limit, let scalar = Unicode.Scalar(UInt32(n)) else { return nil }
            i %= output.count + 1
            output.insert(scalar, at: i)
            i += 1
        }
        return output
    }

    /// Encodes a label; `nil` on overflow. The result excludes the `xn--` prefix.
    static func encode(_ input: [Unicode.Scalar]) -> [UInt8]? {
        var output: [UInt8] = input.filter(\.isASCII).map { UInt8($0.value) }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append(UInt8(ascii: "-")) }
        var n = initialN
        var delta = 0
        var bias = initialBias
        func digit(_ value: Int) -> UInt8 {
            value < 26 ? UInt8(value + 0x61) : UInt8(value - 26 + 0x30)
        }
        while handled < input.count {
            guard let m = input.map({ Int($0.value) }).filter({ $0 >= n }).min() else { return nil }
            guard (m - n) <= (Int(Int32.max) - delta) / (handled + 1) else { return nil }
            delta += (m - n) * (handled + 1)
            n = m
            for scalar in input {
                let code = Int(scalar.value)
                if code < n { delta += 1 }
                if code == n {
                    var q = delta
                    var k = base
                    while true {
                        let t = threshold(k, bias)
                        if q < t { break }
                        output.append(digit(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.append(digit(q))
                    bias = adapt(delta, handled + 1, handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return output
    }
}

/// IDNA2008 (RFC 5891–5893) validity of a U-label: code point classes and contextual rules.
///
/// Best effort: derived properties are computed from the Unicode data in the standard library
/// (general category, NFKC case folding stability); the CONTEXTJ joining-type rule approximates
/// joining types by script ranges.
enum IDNA {
    static func isValidULabel(_ label: [Unicode.Scalar]) -> Bool {
        guard let first = label.first, let last = label.last else { return false }
        if first == "-" || last == "-" { return false }
        if label.count >= 4, label[2] == "-", label[3] == "-" { return false }
        switch first.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return false
        default: break
        }
        var hasArabicIndic = false
        var hasExtendedArabicIndic = false
        for (index, scalar) in label.enumerated() {
            switch classify(scalar) {
            case .valid:
                break
            case .disallowed:
                return false
            case .contextJ, .contextO:
                guard contextAllows(scalar, at: index, in: label) else { return false }
            }
            if (0x660...0x669).contains(scalar.value) { hasArabicIndic = true }
            if (0x6F0...0x6F9).contains(scalar.value) { hasExtendedArabicIndic = true }
        }
        return !(hasArabicIndic && hasExtendedArabicIndic)
    }

    private enum Class { case valid, disallowed, contextJ, contextO }

    /// Approximate bidirectional classes (RFC 5893), from script ranges and general categories.
    private enum Bidi { case l, r, an, en, nsm, other }

    private static func bidiClass(_ scalar: Unicode.Scalar) -> Bidi {
        let v = scalar.value
        if (0x30...0x39).contains(v) || (0x6F0...0x6F9).contains(v) { return .en }
        if (0x660...0x669).contains(v) || v == 0x66B || v == 0x66C { return .an }
        let category = scalar.properties.generalCategory
        if category == .nonspacingMark || category == .enclosingMark { return .nsm }
        let rightToLeft =
            (0x590...0x8FF).contains(v) || (0xFB1D...0xFDFF).contains(v) || (0xFE70...0xFEFF).contains(v)
            || (0x10800...0x10FFF).contains(v) || (0x1E800...0x1EFFF).contains(v)
        switch category {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .spacingMark:
            return rightToLeft ? .r : .l
        default:
            return .other
        }
    }

    /// RFC 5893 section 2: applies when some label holds a right-to-left character.
    static func satisfiesBidiRule(_ labels: [[Unicode.Scalar]]) -> Bool {
        let classes = labels.map { $0.map(bidiClass) }
        guard classes.contains(where: { $0.contains(.r) || $0.contains(.an) }) else { return true }
        for label in classes {
            guard let first = label.first else { return false }
            let trimmed = label.reversed().drop(while: { $0 == .nsm })
            guard let last = trimmed.first else { return false }
            switch first {
            case .r:
                if label.contains(.l) { return false }
                guard last == .r || last == .en || last == .an else { return false }
                if label.contains(.en), label.contains(.an) { return false }
            case .l:
                if label.contains(.r) || label.contains(.an) { return false }
                guard last == .l || last == .en else { return false }
            default:
                return false
            }
        }
        return true
    }

    private static func classify(_ scalar: Unicode.Scalar) -> Class {
        let value = scalar.value
        switch value {
        case 0xDF, 0x3C2, 0x6FD, 0x6FE, 0xF0B, 0x3007: return .valid
        case 0xB7, 0x375, 0x5F3, 0x5F4, 0x30FB, 0x660...0x669, 0x6F0...0x6F9: return .contextO
        case 0x640, 0x7FA, 0x302E, 0x302F, 0x3031...0x3035, 0x303B: return .disallowed
        case 0x200C, 0x200D: return .contextJ
        case 0x2D, 0x30...0x39, 0x61...0x7A: return .valid
        case 0...0x7F: return .disallowed
        case 0x1100...0x11FF, 0xA960...0xA97F, 0xD7B0...0xD7FF: return .disallowed
        default: break
        }
        let properties = scalar.properties
        if properties.changesWhenNFKCCaseFolded || properties.isDefaultIgnorableCodePoint
            || properties.isNoncharacterCodePoint
        {
            return .disallowed
        }
        switch properties.generalCategory {
        case .lowercaseLetter, .otherLetter, .decimalNumber, .modifierLetter, .nonspacingMark, .spacingMark:
            return .valid
        default:
            return .disallowed
        }
    }

    private static func isGreek(_ scalar: Unicode.Scalar) -> Bool {
        (0x370...0x3FF).contains(scalar.value) || (0x1F00...0x1FFF).contains(scalar.value)
    }

    private static func isHebrew(_ scalar: Unicode.Scalar) -> Bool {
        (0x590...0x5FF).contains(scalar.value) || (0xFB1D...0xFB4F).contains(scalar.value)
    }

    private static func isKanaOrHan(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v == 0x30FB { return false }
        return (0x3040...0x309F).contains(v) || (0x30A0...0x30FF).contains(v) || (0x31F0...0x31FF).contains(v)
            || (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x3134F).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0x2E80...0x2FDF).contains(v) || v == 0x3005 || v == 0x3007
    }

    /// Approximate joining type: dual-joining letters of the joining scripts, transparent marks.
    private enum Joining { case dual, transparent, other }

    private static func joining(_ scalar: Unicode.Scalar) -> Joining {
        let v = scalar.value
        let joiningScript =
            (0x600...0x6FF).contains(v) || (0x700...0x74F).contains(v) || (0x750...0x77F).contains(v)
            || (0x7C0...0x7FF).contains(v) || (0x8A0...0x8FF).contains(v) || (0x1800...0x18AF).contains(v)
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return .transparent
        case .otherLetter where joiningScript: return .dual
        default: return .other
        }
    }

    private static func contextAllows(_ scalar: Unicode.Scalar, at index: Int, in label: [Unicode.Scalar]) -> Bool {
        let before = index > 0 ? label[index - 1] : nil
        let after = index + 1 < label.count ? label[index + 1] : nil
        switch scalar.value {
        case 0x200C:
            if before?.properties.canonicalCombiningClass == .virama { return true }
            var left = index - 1
            while left >= 0, joining(label[left]) == .transparent { left -= 1 }
            var right = index + 1
            while right < label.count, joining(label[right]) == .transparent { right += 1 }
            return left >= 0 && right < label.count && joining(label[left]) == .dual && joining(label[right]) == .dual
        case 0x200D:
            return before?.properties.canonicalCombiningClass == .virama
        case 0xB7:
            return before == "l" && after == "l"
        case 0x375:
            return after.map(isGreek) ?? false
        case 0x5F3, 0x5F4:
            return before.map(isHebrew) ?? false
        case 0x30FB:
            return label.contains(where: isKanaOrHan)
        default:
            return true  // Arabic-Indic digits: the mixing rule is checked over the whole label.
        }
    }
}
