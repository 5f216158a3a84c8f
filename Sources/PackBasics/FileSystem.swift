/// The kind of an entry in a file system.
public enum FileType: Sendable, Hashable {
    case file
    case directory
    case symbolicLink
    case other
}

/// File access used by loaders and commands, injected so tests can use an in-memory world.
///
/// Paths are absolute, `/`-separated strings. Implementations must be safe to share across tasks.
public protocol FileSystem: Sendable {
    /// Reads a whole file; refuses files larger than `limit` bytes without reading them.
    func readFile(at path: String, limit: Int?) throws(FileSystemError) -> [UInt8]
    /// Reads a whole regular file, as ``readFile(at:limit:)`` does; anything else at `path` (a
    /// pipe, a device, a socket, a loop of symbolic links) fails with
    /// ``FileSystemError/Code/notARegularFile`` without being read, so a loader never waits on it.
    func readRegularFile(at path: String, limit: Int?) throws(FileSystemError) -> [UInt8]
    /// The type of the entry at `path`, without following a final symbolic link; `nil` when absent.
    func fileType(at path: String) -> FileType?
    /// The type of the entry at `path`, following symbolic links; `nil` when absent or dangling.
    func resolvedFileType(at path: String) -> FileType?
    /// The size of a file in bytes; `nil` when absent.
    func fileSize(at path: String) -> Int?
    /// The names of the entries of a directory, sorted.
    func contentsOfDirectory(at path: String) throws(FileSystemError) -> [String]
    /// The entries of a directory with their types (not following symbolic links), sorted by name.
    /// A type is `nil` when the file system does not say it without another look.
    func typedContentsOfDirectory(at path: String) throws(FileSystemError) -> [(name: String, type: FileType?)]
    /// The path with every symbolic link resolved, or `nil` when it does not exist.
    func resolvingSymbolicLinks(_ path: String) -> String?
    /// Writes a file atomically: to a temporary file beside it, then renamed over the target.
    func writeFileAtomically(at path: String, contents: [UInt8]) throws(FileSystemError)
    /// Creates a directory and its missing parents.
    func createDirectory(at path: String) throws(FileSystemError)
}

extension FileSystem {
    /// Reads a regular file through ``readFile(at:limit:)``, for file systems that hold nothing else.
    public func readRegularFile(at path: String, limit: Int?) throws(FileSystemError) -> [UInt8] {
        try readFile(at: path, limit: limit)
    }

    /// Reads a whole file without a size limit.
    public func readFile(at path: String) throws(FileSystemError) -> [UInt8] {
        try readFile(at: path, limit: nil)
    }

    /// Reads a UTF-8 text file; invalid UTF-8 is an error.
    public func readTextFile(at path: String, limit: Int? = nil) throws(FileSystemError) -> String {
        let bytes = try readFile(at: path, limit: limit)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw FileSystemError(.invalidEncoding, path: path, message: "'\(path)' is not valid UTF-8; save it as UTF-8")
        }
        return text
    }

    /// The entries of a directory with their types, from ``contentsOfDirectory(at:)`` and
    /// ``fileType(at:)``.
    public func typedContentsOfDirectory(at path: String) throws(FileSystemError) -> [(name: String, type: FileType?)] {
        try contentsOfDirectory(at: path).map { ($0, fileType(at: Path.join(path, $0))) }
    }

    /// Whether anything exists at `path` (a dangling symbolic link counts).
    public func exists(_ path: String) -> Bool { fileType(at: path) != nil }

    /// Whether `path` is a directory, following symbolic links.
    public func isDirectory(_ path: String) -> Bool {
        resolvedFileType(at: path) == .directory
    }

    /// Whether `path` is a regular file, following symbolic links.
    public func isFile(_ path: String) -> Bool {
        resolvedFileType(at: path) == .file
    }

    /// Writes a UTF-8 text file atomically.
    public func writeTextFileAtomically(at path: String, contents: String) throws(FileSystemError) {
        try writeFileAtomically(at: path, contents: Array(contents.utf8))
    }
}

/// A file operation that failed.
public struct FileSystemError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is; new codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public static let notFound = Code("notFound")
        public static let notADirectory = Code("notADirectory")
        public static let isADirectory = Code("isADirectory")
        public static let permissionDenied = Code("permissionDenied")
        public static let notARegularFile = Code("notARegularFile")
        public static let tooLarge = Code("tooLarge")
        public static let invalidEncoding = Code("invalidEncoding")
        public static let alreadyExists = Code("alreadyExists")
        public static let ioError = Code("ioError")
        public var description: String { name }
    }

    /// The kind of failure.
    public var code: Code
    /// The path involved.
    public var path: String
    /// What went wrong and how to fix it.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String { message }
}
