public import Foundation
import GRDB
import PackBasics
public import PackJSON

/// A stored API token: its name and times, never the token itself.
public struct TokenInfo: Sendable, Hashable {
    /// The longest token name accepted.
    public static let maximumNameLength = 64

    /// The token's unique name.
    public var name: String
    /// When it was created.
    public var createdAt: Date
    /// When it last verified, to within ``StateStore/lastUsedResolution``; `nil` if never.
    public var lastUsedAt: Date?

    /// The token as JSON: name and Unix times in seconds.
    public var jsonValue: JSONValue {
        [
            "name": .string(name), "created_at": .number(JSONNumber(createdAt.timeIntervalSince1970)),
            "last_used_at": lastUsedAt.map { .number(JSONNumber($0.timeIntervalSince1970)) } ?? .null,
        ]
    }
}

extension StateStore {
    /// Every token starts with this, so a leaked one is easy to recognise and search for.
    public static let tokenPrefix = "qvr_"
    /// How stale `last_used_at` may get before ``verify(token:)`` writes it again: a busy server
    /// does not turn every request into a write. (60 seconds)
    public static let lastUsedResolution: Double = 60

    /// Creates a token and returns it; only its SHA-256 is stored, so this is the one time it is seen.
    ///
    /// The token is ``tokenPrefix`` followed by 32 random bytes (from the system's secure generator)
    /// in unpadded base64url: 47 characters.
    ///
    /// - Parameter name: A unique name: 1 to 64 characters from `A-Z a-z 0-9 . _ -`.
    /// - Throws: ``StateError`` with code ``StateError/Code/invalidTokenName`` or
    ///   ``StateError/Code/duplicateTokenName``, or a database failure.
    public func createToken(name: String) async throws(StateError) -> String {
        guard Self.isValidTokenName(name) else { throw .invalidTokenName(name) }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let token = Self.tokenPrefix + Self.base64URL(bytes)
        let hash = SHA256.hexDigest(Array(token.utf8))
        let created = now().timeIntervalSince1970
        let inserted = try await writing { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM tokens WHERE name = ?", arguments: [name]) == nil else { return false }
            try db.execute(sql: "INSERT INTO tokens (name, sha256, created_at) VALUES (?, ?, ?)", arguments: [name, hash, created])
            return true
        }
        guard inserted else { throw .duplicateTokenName(name) }
        return token
    }

    /// The token's record when `token` is a current token, else `nil`.
    ///
    /// Hashes the presented token and looks the hash up through the column's unique index. What
    /// the lookup's timing could reveal is about SHA-256 of the presented text, which does not
    /// help to find a stored token, so no constant-time scan of every row is needed. Updates
    /// `last_used_at` when it is older than ``lastUsedResolution``.
    ///
    /// - Throws: ``StateError`` when the database cannot be read or written.
    public func verify(token: String) async throws(StateError) -> TokenInfo? {
        guard token.hasPrefix(Self.tokenPrefix), token.utf8.count <= 128 else { return nil }
        let presented = SHA256.hexDigest(Array(token.utf8))
        let match = try await reading { db in
            try Row.fetchOne(db, sql: "SELECT name, created_at, last_used_at FROM tokens WHERE sha256 = ?", arguments: [presented])
                .map { row in (name: row["name"] as String, created: row["created_at"] as Double, lastUsed: row["last_used_at"] as Double?) }
        }
        guard let match else { return nil }
        let time = now().timeIntervalSince1970
        var lastUsed = match.lastUsed
        if lastUsed.map({ time - $0 >= Self.lastUsedResolution }) ?? true {
            try await writing { db in
                try db.execute(sql: "UPDATE tokens SET last_used_at = ? WHERE name = ?", arguments: [time, match.name])
            }
            lastUsed = time
        }
        return TokenInfo(name: match.name, createdAt: Date(timeIntervalSince1970: match.created),
                         lastUsedAt: lastUsed.map(Date.init(timeIntervalSince1970:)))
    }

    /// Every token's record, by name.
    ///
    /// - Throws: ``StateError`` when the database cannot be read.
    public func listTokens() async throws(StateError) -> [TokenInfo] {
        try await reading { db in
            try Row.fetchAll(db, sql: "SELECT name, created_at, last_used_at FROM tokens ORDER BY name").map { row in
                let lastUsed: Double? = row["last_used_at"]
                return TokenInfo(name: row["name"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
                                 lastUsedAt: lastUsed.map(Date.init(timeIntervalSince1970:)))
            }
        }
    }

    /// Deletes the token named `name`; it stops verifying at once.
    ///
    /// - Returns: Whether a token had that name.
    /// - Throws: ``StateError`` when the database cannot be written.
    @discardableResult
    public func revokeToken(name: String) async throws(StateError) -> Bool {
        try await writing { db in
            try db.execute(sql: "DELETE FROM tokens WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    /// Whether `name` is 1 to ``TokenInfo/maximumNameLength`` characters from `A-Z a-z 0-9 . _ -`.
    public static func isValidTokenName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= TokenInfo.maximumNameLength && name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2E || byte == 0x5F || byte == 0x2D
        }
    }

    /// Unpadded base64url (RFC 4648 §5).
    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
