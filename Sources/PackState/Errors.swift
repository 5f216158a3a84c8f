import GRDB

/// Why a state operation failed: what went wrong, the file involved, and how to fix it.
///
/// The ``code`` can grow without breaking clients: compare it with the static codes
/// (`error.code == .corruptDatabase`) rather than switching over it.
public struct StateError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String, Sendable {
            case notADatabase = "not_a_database"
            case notWritable = "not_writable"
            case newerSchema = "newer_schema"
            case duplicateTokenName = "duplicate_token_name"
            case invalidTokenName = "invalid_token_name"
            case databaseFailure = "database_failure"
        }

        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }

        /// The file exists but is not a SQLite database, or is damaged.
        public static let notADatabase = Code(.notADatabase)
        /// The database or its directory cannot be created or written.
        public static let notWritable = Code(.notWritable)
        /// The database was written by a newer Quiver whose schema this one does not know.
        public static let newerSchema = Code(.newerSchema)
        /// A token with this name already exists.
        public static let duplicateTokenName = Code(.duplicateTokenName)
        /// A token name is empty, too long, or has characters outside `[A-Za-z0-9._-]`.
        public static let invalidTokenName = Code(.invalidTokenName)
        /// Any other SQLite failure (disk full, I/O error, lock timeout).
        public static let databaseFailure = Code(.databaseFailure)

        /// The code as a stable snake_case string, for JSON output.
        public var description: String { kind.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// What went wrong and how to fix it.
    public var message: String
    /// The database file involved, when there is one.
    public var path: String?
    /// The error SQLite or the file system reported, when there was one.
    public var underlyingError: (any Error & Sendable)?

    /// Creates an error.
    public init(code: Code, message: String, path: String? = nil, underlyingError: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.underlyingError = underlyingError
    }

    public var description: String { message }
}

// The message catalogue: lower case, names in single quotes, the remedy after ';'.
extension StateError {
    static func notADatabase(_ path: String, underlying: (any Error & Sendable)?, reason: String) -> Self {
        StateError(
            code: .notADatabase,
            message: "'\(path)' is not a usable Quiver state database (\(reason)); move it aside or delete it "
                + "and Quiver creates a new one (records, success rates and tokens in it are lost)",
            path: path, underlyingError: underlying)
    }

    static func notWritable(_ path: String, reason: String, underlying: (any Error & Sendable)? = nil) -> Self {
        StateError(
            code: .notWritable,
            message: "cannot create or write the state database '\(path)' (\(reason)); make its directory writable "
                + "or point QUIVER_HOME at a writable directory",
            path: path, underlyingError: underlying)
    }

    static func newerSchema(_ path: String, unknown: [String]) -> Self {
        StateError(
            code: .newerSchema,
            message: "'\(path)' was written by a newer Quiver (unknown schema migrations: "
                + unknown.sorted().map { "'\($0)'" }.joined(separator: ", ")
                + "); upgrade quiver, or use another QUIVER_HOME",
            path: path)
    }

    static func duplicateTokenName(_ name: String) -> Self {
        StateError(
            code: .duplicateTokenName,
            message: "a token named '\(name)' already exists; choose another name or revoke it first with "
                + "'quiver token revoke \(name)'")
    }

    static func invalidTokenName(_ name: String) -> Self {
        StateError(
            code: .invalidTokenName,
            message: "invalid token name '\(name)'; use 1 to \(TokenInfo.maximumNameLength) characters from "
                + "A-Z, a-z, 0-9, '.', '_' and '-'")
    }

    static func databaseFailure(_ path: String, _ error: any Error & Sendable) -> Self {
        StateError(
            code: .databaseFailure,
            message: "the state database '\(path)' failed (\(Self.reason(error))); check free disk space and "
                + "permissions, then retry",
            path: path, underlyingError: error)
    }

    /// SQLite's own wording, without GRDB's SQL echo.
    static func reason(_ error: (any Error)?) -> String {
        guard let error else { return "unknown error" }
        if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode.rawValue)" }
        return String(describing: error)
    }
}
