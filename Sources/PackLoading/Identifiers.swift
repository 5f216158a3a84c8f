/// Syntax rules for names and IDs in a manifest.
public enum Identifiers {
    // Each rule scans the UTF-8 bytes once, without copying them: these run for every name and
    // ID of every manifest loaded.

    /// `^[a-z][a-z0-9]*(-[a-z0-9]+)*$`, 2 to 64 characters.
    static func isPackName(_ name: String) -> Bool {
        let bytes = name.utf8
        guard (2...64).contains(bytes.count), let first = bytes.first, isLower(first) else { return false }
        var previousHyphen = false
        for byte in bytes {
            if byte == UInt8(ascii: "-") {
                if previousHyphen { return false }
                previousHyphen = true
            } else if isLower(byte) || isDigit(byte) {
                previousHyphen = false
            } else {
                return false
            }
        }
        return !previousHyphen
    }

    /// A tool name: `^[a-z][a-z0-9_-]{0,63}$`.
    static func isToolName(_ name: String) -> Bool {
        let bytes = name.utf8
        guard (1...64).contains(bytes.count), let first = bytes.first, isLower(first) else { return false }
        return bytes.allSatisfy { isLower($0) || isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    /// An ID: dot-separated parts of `[a-z][a-z0-9_-]*` (a part after the first may start with a digit).
    static func isIdentifier(_ id: String) -> Bool {
        let bytes = id.utf8
        guard (1...128).contains(bytes.count) else { return false }
        var partIsEmpty = true
        var inFirstPart = true
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                if partIsEmpty { return false }
                partIsEmpty = true
                inFirstPart = false
                continue
            }
            if partIsEmpty && inFirstPart && !isLower(byte) { return false }
            guard isLower(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") else { return false }
            partIsEmpty = false
        }
        return !partIsEmpty
    }

    /// An environment variable or secret name: `^[A-Za-z_][A-Za-z0-9_]*$`.
    static func isEnvironmentName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !isDigit(first) else { return false }
        return name.utf8.allSatisfy { isLower($0) || isUpper($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// A lower-case hex SHA-256 digest.
    static func isSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    static func isLower(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
    static func isUpper(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}

extension Identifiers {
    /// Whether `name` is a valid pack name (public for commands that take one).
    public static func isValidPackName(_ name: String) -> Bool { isPackName(name) }
}
