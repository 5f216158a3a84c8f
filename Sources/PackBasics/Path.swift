/// Helpers for `/`-separated paths: joining, normalising and checking that a path stays inside a root.
public enum Path {
    /// Joins path components with `/`, ignoring empty ones.
    public static func join(_ base: String, _ components: String...) -> String {
        var result = base
        for component in components where !component.isEmpty {
            if component.hasPrefix("/") { result = component; continue }
            if !result.hasSuffix("/") { result += "/" }
            result += component
        }
        return result
    }

    /// The last component of a path.
    public static func lastComponent(_ path: String) -> String {
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// The path without its last component (`/` for a top-level entry, `.` for a bare name).
    public static func parent(_ path: String) -> String {
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    /// Removes `.` and empty components and applies `..`; a leading `/` is kept.
    ///
    /// For a relative path, `..` components that would go above the start are kept at the front,
    /// so `normalize("a/../../b")` is `../b`.
    public static func normalize(_ path: String) -> String {
        // Most paths are already normal (pack roots, manifest paths): a byte scan returns them as
        // they are, without splitting and joining.
        if isNormal(path) { return path }
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !absolute {
                    parts.append(part)
                }
                continue
            }
            parts.append(part)
        }
        let body = parts.joined(separator: "/")
        if absolute { return "/" + body }
        return body.isEmpty ? "." : body
    }

    /// Whether `path` is a fixed point of ``normalize(_:)``: not empty, no empty component (no `//`,
    /// no trailing `/`), and no `.` or `..` component. Conservative: `false` only means "normalise".
    private static func isNormal(_ path: String) -> Bool {
        path.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.isEmpty else { return false }
            let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
            var start = bytes[0] == slash ? 1 : 0
            // "/" alone is normal, but the scan stays simple: the general path handles it.
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

    /// Why a pack-relative path is unacceptable, or `nil` when it is a plain relative path that
    /// stays inside the pack.
    public static func problemWithRelativePath(_ path: String) -> String? {
        if path.isEmpty { return "is empty" }
        if path.hasPrefix("/") { return "is absolute" }
        if path.hasPrefix("~") { return "starts with '~'" }
        if path.utf8.contains(UInt8(ascii: "\\")) { return "contains a backslash" }
        if path.utf8.contains(0) { return "contains a NUL byte" }
        let normalized = normalize(path)
        if normalized == ".." || normalized.hasPrefix("../") { return "leaves the pack" }
        return nil
    }

    /// Whether `path` equals `root` or lies below it; both must be normalised absolute paths.
    public static func isInside(_ path: String, root: String) -> Bool {
        if path == root { return true }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix)
    }
}
