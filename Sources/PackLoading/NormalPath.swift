import PackBasics

/// Recognises paths that ``Path/normalize(_:)`` would return unchanged, so the loader can skip
/// splitting and joining them (pack roots and manifest paths are nearly always already normal).
enum NormalPath {
    /// `path` normalised: itself when a byte scan shows it is already normal, else `Path.normalize`.
    static func normalize(_ path: String) -> String {
        isNormal(path) ? path : Path.normalize(path)
    }

    /// Whether `path` is a fixed point of `Path.normalize`: not empty, no empty component (no `//`,
    /// no trailing `/`), and no `.` or `..` component. Conservative: `false` only means "normalise".
    static func isNormal(_ path: String) -> Bool {
        path.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.isEmpty else { return false }
            let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
            var start = bytes[0] == slash ? 1 : 0
            // "/" alone is normal, but keep the scan simple: leave it to `Path.normalize`.
            guard start < bytes.count else { return false }
            var index = start
            while true {
                if index == bytes.count || bytes[index] == slash {
                    let length = index - start
                    if length == 0 { return false }
                    if bytes[start] == dot, length == 1 || (length == 2 && bytes[start + 1] == dot) { return false }
                    if index == bytes.count { return true }
                    start = index + 1
                }
                index += 1
            }
        } ?? false
    }

    /// Whether `path` is a plain pack-relative path: relative, normal, not starting with `~`, with
    /// no backslash or NUL. For such a path `Path.problemWithRelativePath` is `nil` and
    /// `Path.normalize` returns it unchanged.
    static func isPlainRelative(_ path: String) -> Bool {
        guard let first = path.utf8.first, first != UInt8(ascii: "/"), first != UInt8(ascii: "~") else { return false }
        guard !path.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 0 }) else { return false }
        return isNormal(path)
    }
}
