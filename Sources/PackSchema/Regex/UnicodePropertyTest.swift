/// A `\p{…}` or `\P{…}` test, answered from the Unicode data built into the Swift standard library.
///
/// General categories (`L`, `Letter`, `Nd`, `gc=Lu`, …) and the common binary properties
/// (`Alphabetic`, `White_Space`, `ASCII`, `Emoji`, …) are supported. Names are matched loosely
/// (case, `_`, `-` and spaces ignored) so that `\p{digit}` or `\p{letter}` work as schema
/// authors expect. Script properties are not available without extra data and are rejected.
struct UnicodePropertyTest: Sendable {
    enum Kind: Sendable {
        case categories(Set<CategoryCode>)
        case binary(BinaryProperty)
    }

    /// General categories as small integers so the set stays cheap to query.
    enum CategoryCode: UInt8, Sendable, Hashable, CaseIterable {
        case lu, ll, lt, lm, lo, mn, mc, me, nd, nl, no, pc, pd, ps, pe, pi, pf, po
        case sm, sc, sk, so, zs, zl, zp, cc, cf, cs, co, cn
    }

    enum BinaryProperty: Sendable {
        case any, ascii, assigned, alphabetic, whiteSpace, uppercase, lowercase, hexDigit, asciiHexDigit
        case emoji, emojiPresentation, emojiModifier, emojiModifierBase
        case ideographic, math, dash, diacritic, extender, noncharacter, idStart, idContinue, xidStart
        case xidContinue, cased, caseIgnorable, defaultIgnorable, graphemeBase, graphemeExtend, joinControl
        case patternSyntax, patternWhiteSpace, quotationMark, radical, softDotted, terminalPunctuation
        case unifiedIdeograph, variationSelector, bidiControl, bidiMirrored, deprecated, sentenceTerminal
        case logicalOrderException, idsBinaryOperator, idsTrinaryOperator, regionalIndicator
    }

    let kind: Kind
    let negated: Bool

    /// Whether the code point has the property (negation applied).
    func matches(_ code: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(code) else {
            // Surrogate code points never occur in Swift strings; treat them as category Cs.
            if case .categories(let set) = kind { return set.contains(.cs) != negated }
            return negated
        }
        let result: Bool
        switch kind {
        case .categories(let set):
            result = set.contains(Self.category(of: scalar))
        case .binary(let property):
            result = Self.has(property, scalar)
        }
        return result != negated
    }

    /// Parses the text between the braces of `\p{…}`; returns `nil` for unknown names.
    static func parse(_ text: String, negated: Bool) -> UnicodePropertyTest? {
        var name = text
        if let equals = text.firstIndex(of: "=") {
            let key = loose(String(text[..<equals]))
            guard key == "generalcategory" || key == "gc" else { return nil }
            name = String(text[text.index(after: equals)...])
            guard let set = categoryNames[loose(name)] else { return nil }
            return UnicodePropertyTest(kind: .categories(set), negated: negated)
        }
        let key = loose(name)
        if let set = categoryNames[key] {
            return UnicodePropertyTest(kind: .categories(set), negated: negated)
        }
        if let property = binaryNames[key] {
            return UnicodePropertyTest(kind: .binary(property), negated: negated)
        }
        return nil
    }

    private static func loose(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" && $0 != " " })
    }

    private static func group(_ codes: CategoryCode...) -> Set<CategoryCode> { Set(codes) }

    private static let categoryNames: [String: Set<CategoryCode>] = {
        let letters = group(.lu, .ll, .lt, .lm, .lo)
        let marks = group(.mn, .mc, .me)
        let numbers = group(.nd, .nl, .no)
        let punctuation = group(.pc, .pd, .ps, .pe, .pi, .pf, .po)
        let symbols = group(.sm, .sc, .sk, .so)
        let separators = group(.zs, .zl, .zp)
        let other = group(.cc, .cf, .cs, .co, .cn)
        let table: [([String], Set<CategoryCode>)] = [
            (["l", "letter"], letters), (["lc", "casedletter"], group(.lu, .ll, .lt)),
            (["lu", "uppercaseletter"], [.lu]), (["ll", "lowercaseletter"], [.ll]),
            (["lt", "titlecaseletter"], [.lt]), (["lm", "modifierletter"], [.lm]), (["lo", "otherletter"], [.lo]),
            (["m", "mark", "combiningmark"], marks), (["mn", "nonspacingmark"], [.mn]),
            (["mc", "spacingmark"], [.mc]), (["me", "enclosingmark"], [.me]),
            (["n", "number"], numbers), (["nd", "decimalnumber", "digit"], [.nd]),
            (["nl", "letternumber"], [.nl]), (["no", "othernumber"], [.no]),
            (["p", "punctuation", "punct"], punctuation), (["pc", "connectorpunctuation"], [.pc]),
            (["pd", "dashpunctuation"], [.pd]), (["ps", "openpunctuation"], [.ps]),
            (["pe", "closepunctuation"], [.pe]), (["pi", "initialpunctuation"], [.pi]),
            (["pf", "finalpunctuation"], [.pf]), (["po", "otherpunctuation"], [.po]),
            (["s", "symbol"], symbols), (["sm", "mathsymbol"], [.sm]), (["sc", "currencysymbol"], [.sc]),
            (["sk", "modifiersymbol"], [.sk]), (["so", "othersymbol"], [.so]),
            (["z", "separator"], separators), (["zs", "spaceseparator"], [.zs]),
            (["zl", "lineseparator"], [.zl]), (["zp", "paragraphseparator"], [.zp]),
            (["c", "other"], other), (["cc", "control", "cntrl"], [.cc]), (["cf", "format"], [.cf]),
            (["cs", "surrogate"], [.cs]), (["co", "privateuse"], [.co]), (["cn", "unassigned"], [.cn]),
        ]
        var names: [String: Set<CategoryCode>] = [:]
        for (aliases, set) in table {
            for alias in aliases { names[alias] = set }
        }
        return names
    }()

    private static let binaryNames: [String: BinaryProperty] = [
        "any": .any, "ascii": .ascii, "assigned": .assigned, "alphabetic": .alphabetic, "alpha": .alphabetic,
        "whitespace": .whiteSpace, "space": .whiteSpace, "wspace": .whiteSpace, "uppercase": .uppercase,
        "upper": .uppercase, "lowercase": .lowercase, "lower": .lowercase, "hexdigit": .hexDigit, "hex": .hexDigit,
        "asciihexdigit": .asciiHexDigit, "ahex": .asciiHexDigit, "emoji": .emoji,
        "emojipresentation": .emojiPresentation, "epres": .emojiPresentation, "emojimodifier": .emojiModifier,
        "emod": .emojiModifier, "emojimodifierbase": .emojiModifierBase, "ebase": .emojiModifierBase,
        "ideographic": .ideographic, "ideo": .ideographic, "math": .math, "dash": .dash,
        "diacritic": .diacritic, "dia": .diacritic, "extender": .extender, "ext": .extender,
        "noncharactercodepoint": .noncharacter, "nchar": .noncharacter, "idstart": .idStart, "ids": .idStart,
        "idcontinue": .idContinue, "idc": .idContinue, "xidstart": .xidStart, "xids": .xidStart,
        "xidcontinue": .xidContinue, "xidc": .xidContinue, "cased": .cased, "caseignorable": .caseIgnorable,
        "ci": .caseIgnorable, "defaultignorablecodepoint": .defaultIgnorable, "di": .defaultIgnorable,
        "graphemebase": .graphemeBase, "grbase": .graphemeBase, "graphemeextend": .graphemeExtend,
        "grext": .graphemeExtend, "joincontrol": .joinControl, "joinc": .joinControl,
        "patternsyntax": .patternSyntax, "patsyn": .patternSyntax, "patternwhitespace": .patternWhiteSpace,
        "patws": .patternWhiteSpace, "quotationmark": .quotationMark, "qmark": .quotationMark,
        "radical": .radical, "softdotted": .softDotted, "sd": .softDotted,
        "terminalpunctuation": .terminalPunctuation, "term": .terminalPunctuation,
        "unifiedideograph": .unifiedIdeograph, "uideo": .unifiedIdeograph,
        "variationselector": .variationSelector, "vs": .variationSelector, "bidicontrol": .bidiControl,
        "bidic": .bidiControl, "bidimirrored": .bidiMirrored, "bidim": .bidiMirrored,
        "deprecated": .deprecated, "dep": .deprecated, "sentenceterminal": .sentenceTerminal,
        "sterm": .sentenceTerminal, "logicalorderexception": .logicalOrderException, "loe": .logicalOrderException,
        "idsbinaryoperator": .idsBinaryOperator, "idsb": .idsBinaryOperator,
        "idstrinaryoperator": .idsTrinaryOperator, "idst": .idsTrinaryOperator,
        "regionalindicator": .regionalIndicator, "ri": .regionalIndicator,
    ]

    static func category(of scalar: Unicode.Scalar) -> CategoryCode {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter: .lu
        case .lowercaseLetter: .ll
        case .titlecaseLetter: .lt
        case .modifierLetter: .lm
        case .otherLetter: .lo
        case .nonspacingMark: .mn
        case .spacingMark: .mc
        case .enclosingMark: .me
        case .decimalNumber: .nd
        case .letterNumber: .nl
        case .otherNumber: .no
        case .connectorPunctuation: .pc
        case .dashPunctuation: .pd
        case .openPunctuation: .ps
        case .closePunctuation: .pe
        case .initialPunctuation: .pi
        case .finalPunctuation: .pf
        case .otherPunctuation: .po
        case .mathSymbol: .sm
        case .currencySymbol: .sc
        case .modifierSymbol: .sk
        case .otherSymbol: .so
        case .spaceSeparator: .zs
        case .lineSeparator: .zl
        case .paragraphSeparator: .zp
        case .control: .cc
        case .format: .cf
        case .surrogate: .cs
        case .privateUse: .co
        case .unassigned: .cn
        @unknown default: .cn
        }
    }

    private static func has(_ property: BinaryProperty, _ scalar: Unicode.Scalar) -> Bool {
        let p = scalar.properties
        switch property {
        case .any: return true
        case .ascii: return scalar.value < 0x80
        case .assigned: return p.generalCategory != .unassigned
        case .alphabetic: return p.isAlphabetic
        case .whiteSpace: return p.isWhitespace
        case .uppercase: return p.isUppercase
        case .lowercase: return p.isLowercase
        case .hexDigit: return p.isHexDigit
        case .asciiHexDigit: return p.isASCIIHexDigit
        case .emoji: return p.isEmoji
        case .emojiPresentation: return p.isEmojiPresentation
        case .emojiModifier: return p.isEmojiModifier
        case .emojiModifierBase: return p.isEmojiModifierBase
        case .ideographic: return p.isIdeographic
        case .math: return p.isMath
        case .dash: return p.isDash
        case .diacritic: return p.isDiacritic
        case .extender: return p.isExtender
        case .noncharacter: return p.isNoncharacterCodePoint
        case .idStart: return p.isIDStart
        case .idContinue: return p.isIDContinue
        case .xidStart: return p.isXIDStart
        case .xidContinue: return p.isXIDContinue
        case .cased: return p.isCased
        case .caseIgnorable: return p.isCaseIgnorable
        case .defaultIgnorable: return p.isDefaultIgnorableCodePoint
        case .graphemeBase: return p.isGraphemeBase
        case .graphemeExtend: return p.isGraphemeExtend
        case .joinControl: return p.isJoinControl
        case .patternSyntax: return p.isPatternSyntax
        case .patternWhiteSpace: return p.isPatternWhitespace
        case .quotationMark: return p.isQuotationMark
        case .radical: return p.isRadical
        case .softDotted: return p.isSoftDotted
        case .terminalPunctuation: return p.isTerminalPunctuation
        case .unifiedIdeograph: return p.isUnifiedIdeograph
        case .variationSelector: return p.isVariationSelector
        case .bidiControl: return p.isBidiControl
        case .bidiMirrored: return p.isBidiMirrored
        case .deprecated: return p.isDeprecated
        case .sentenceTerminal: return p.isSentenceTerminal
        case .logicalOrderException: return p.isLogicalOrderException
        case .idsBinaryOperator: return p.isIDSBinaryOperator
        case .idsTrinaryOperator: return p.isIDSTrinaryOperator
        case .regionalIndicator: return (0x1F1E6...0x1F1FF).contains(scalar.value)
        }
    }
}
