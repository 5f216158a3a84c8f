/// Replaces secret values in what a guest wrote, so a handler cannot leak a granted secret into
/// model-visible output or logs by printing it.
///
/// Only values the guest actually fetched through `quiver.secret` are searched for, and only
/// values of at least ``minimumLength`` bytes: shorter ones would shred ordinary text. Matching is
/// on raw bytes, so a value the guest re-encodes (escaped, base64, split) is not caught; the
/// redaction is a safety net, not a guarantee.
enum SecretRedaction {
    /// The text that replaces each occurrence.
    static let replacement: [UInt8] = Array("[REDACTED]".utf8)
    /// Values shorter than this are not redacted. (4 bytes)
    static let minimumLength = 4

    /// `bytes` with every occurrence of each secret replaced.
    static func redact(_ bytes: [UInt8], secrets: Set<String>) -> [UInt8] {
        var result = bytes
        for secret in secrets.sorted(by: { $0.utf8.count > $1.utf8.count }) {
            let needle = Array(secret.utf8)
            guard needle.count >= minimumLength, result.count >= needle.count else { continue }
            result = replacing(needle, in: result)
        }
        return result
    }

    /// `text` with every occurrence of each secret replaced.
    static func redact(_ text: String, secrets: Set<String>) -> String {
        guard !secrets.isEmpty else { return text }
        return String(decoding: redact(Array(text.utf8), secrets: secrets), as: UTF8.self)
    }

    private static func replacing(_ needle: [UInt8], in haystack: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(haystack.count)
        var index = 0
        let first = needle[0]
        while index < haystack.count {
            if haystack[index] == first, index + needle.count <= haystack.count,
                haystack[index..<(index + needle.count)].elementsEqual(needle)
            {
                output.append(contentsOf: replacement)
                index += needle.count
            } else {
                output.append(haystack[index])
                index += 1
            }
        }
        return output
    }
}
