/// A cursor over the UTF-8 bytes of a version, comparator or range, with the lexical rules they share.
///
/// It only lives inside ``withBytes(of:_:)``. Every read is checked against `end`; reading past
/// it yields 0, which matches no byte class, so a malformed input can never read out of bounds.
struct SemverScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    let end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        self.bytes = bytes
        self.position = max(0, min(start, bytes.count))
        self.end = max(self.position, min(end, bytes.count))
    }

    var isAtEnd: Bool { position >= end }

    /// The byte at the cursor, or 0 at the end.
    var current: UInt8 { byte(at: position) }

    /// The byte at `index`, or 0 outside the scanned part.
    func byte(at index: Int) -> UInt8 { index >= 0 && index < end ? bytes[index] : 0 }

    mutating func advance() { if position < end { position += 1 } }

    mutating func skip(while predicate: (UInt8) -> Bool) {
        while position < end, predicate(bytes[position]) { position += 1 }
    }

    /// The text between two offsets, decoded as UTF-8 (invalid sequences become U+FFFD).
    func text(from start: Int, to stop: Int) -> String {
        let lower = max(0, min(start, bytes.count))
        let upper = max(lower, min(stop, bytes.count))
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)
    }

    /// The character starting at `index`, for messages.
    func character(at index: Int) -> String {
        let decoded = text(from: index, to: min(index + 4, end))
        return decoded.first.map(String.init) ?? ""
    }

    /// A problem for the unexpected character at the cursor, quoting what came before it.
    func unexpected(from start: Int) -> VersionSyntaxProblem {
        if isAtEnd {
            return .syntax(reason: "it ends early after '\(text(from: start, to: position))'", suggestion: nil)
        }
        let found = character(at: position)
        if position == start {
            return .syntax(reason: "it starts with '\(found)' where a number belongs", suggestion: nil)
        }
        return .syntax(reason: "unexpected '\(found)' after '\(text(from: start, to: position))'", suggestion: nil)
    }

    /// Calls `body` with the UTF-8 bytes of `text`, without copying when the string is contiguous.
    static func withBytes<Output>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Output) -> Output {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    // MARK: - Lexical rules

    /// Scans a number: digits without a leading zero, or (loose) any digits.
    mutating func scanNumber(loose: Bool, from start: Int) throws(VersionSyntaxProblem) -> Int {
        guard current.isSemverDigit else { throw unexpected(from: start) }
        let first = position
        var value = 0
        var overflow = false
        while position < end, bytes[position].isSemverDigit {
            if !overflow {
                value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
                overflow = value > Version.maximumComponent
            }
            position += 1
        }
        if !loose, bytes[first] == UInt8(ascii: "0"), position - first > 1 {
            throw .syntax(reason: "'\(text(from: first, to: position))' has a leading zero", suggestion: nil)
        }
        if overflow { throw .tooLarge(number: text(from: first, to: position)) }
        return value
    }

    /// Scans a number or a wildcard (`x`, `X`, `*`), returning `nil` for the wildcard.
    mutating func scanNumberOrWildcard(loose: Bool, from start: Int) throws(VersionSyntaxProblem) -> Int? {
        switch current {
        case UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "*"):
            advance()
            return nil
        default:
            return try scanNumber(loose: loose, from: start)
        }
    }

    /// Scans a prerelease if one starts at the cursor: `-` and identifiers, or in loose mode also
    /// identifiers starting with a letter, after any number of dots (`1.2.3beta`, `1.2.3.beta`).
    mutating func scanPrerelease(
        loose: Bool, from start: Int
    ) throws(VersionSyntaxProblem) -> [Version.PrereleaseIdentifier] {
        if current == UInt8(ascii: "-") {
            advance()
        } else if loose, current == UInt8(ascii: ".") || current.isSemverLetter {
            var look = position
            while byte(at: look) == UInt8(ascii: ".") { look += 1 }
            let next = byte(at: look)
            guard next.isSemverLetter || next == UInt8(ascii: "-") else { return [] }
            position = look
        } else {
            return []
        }
        var identifiers: [Version.PrereleaseIdentifier] = []
        repeat {
            let first = position
            skip(while: \.isSemverIdentifierByte)
            guard position > first else {
                if isAtEnd || current == UInt8(ascii: ".") || current == UInt8(ascii: "+") {
                    throw .syntax(reason: "it has an empty prerelease identifier", suggestion: nil)
                }
                throw unexpected(from: start)
            }
            identifiers.append(try prereleaseIdentifier(from: first, loose: loose))
            guard current == UInt8(ascii: ".") else { break }
            advance()
        } while true
        return identifiers
    }

    private func prereleaseIdentifier(
        from first: Int, loose: Bool
    ) throws(VersionSyntaxProblem) -> Version.PrereleaseIdentifier {
        var digitsOnly = true
        for index in first..<position where !bytes[index].isSemverDigit {
            digitsOnly = false
            break
        }
        guard digitsOnly else {
            return Version.PrereleaseIdentifier(unchecked: text(from: first, to: position), isNumeric: false)
        }
        var significant = first
        while significant < position - 1, bytes[significant] == UInt8(ascii: "0") { significant += 1 }
        if significant > first, !loose {
            throw .syntax(
                reason: "prerelease identifier '\(text(from: first, to: position))' has a leading zero", suggestion: nil
            )
        }
        // Loose mode reads `01` as 1, as npm does.
        return Version.PrereleaseIdentifier(unchecked: text(from: significant, to: position), isNumeric: true)
    }

    /// Scans build metadata if it starts at the cursor: `+` and dot-separated identifiers.
    mutating func scanBuildMetadata(from start: Int) throws(VersionSyntaxProblem) -> [String] {
        guard current == UInt8(ascii: "+") else { return [] }
        advance()
        var identifiers: [String] = []
        repeat {
            let first = position
            skip(while: \.isSemverIdentifierByte)
            guard position > first else {
                if isAtEnd || current == UInt8(ascii: ".") {
                    throw .syntax(reason: "it has an empty build identifier", suggestion: nil)
                }
                throw unexpected(from: start)
            }
            identifiers.append(text(from: first, to: position))
            guard current == UInt8(ascii: ".") else { break }
            advance()
        } while true
        return identifiers
    }
}

extension UInt8 {
    /// Whether the byte is an ASCII digit.
    var isSemverDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }

    /// Whether the byte is an ASCII letter.
    var isSemverLetter: Bool {
        (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z"))
            || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z"))
    }

    /// Whether the byte may appear in a prerelease or build identifier: ASCII letters, digits and `-`.
    var isSemverIdentifierByte: Bool { isSemverDigit || isSemverLetter || self == UInt8(ascii: "-") }

    /// Whether the byte is ASCII whitespace (space, tab, line feed, vertical tab, form feed, carriage return).
    var isSemverWhitespace: Bool { self == 0x20 || (self >= 0x09 && self <= 0x0D) }
}
