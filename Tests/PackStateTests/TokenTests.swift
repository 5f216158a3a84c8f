import Foundation
import PackBasics
import PackState
import PackTestSupport
import Testing

@Suite(.tags(.small))
struct TokenTests {
    @Test("a created token verifies, and only its hash is stored")
    func aCreatedTokenVerifiesAndOnlyItsHashIsStored() async throws {
        let directory = try TestPaths.temporaryDirectory("state-tokens")
        let store = try StateStore.open(home: directory)
        let token = try await store.createToken(name: "ci-bot")
        #expect(token.hasPrefix("qvr_"))
        #expect(token.count == 47)
        #expect(try await store.verify(token: token)?.name == "ci-bot")

        let hashes = try SQLiteClient.query("SELECT name, sha256 FROM tokens", on: StateStore.databasePath(home: directory))
        #expect(hashes == ["ci-bot|" + SHA256.hexDigest(Array(token.utf8))])
        // Neither the database nor its write-ahead log holds the token's secret part.
        for suffix in ["", "-wal"] {
            let path = StateStore.databasePath(home: directory) + suffix
            guard let bytes = FileManager.default.contents(atPath: path) else { continue }
            #expect(!String(decoding: bytes, as: UTF8.self).contains(token.dropFirst(4)), "\(path) holds the token")
        }
    }

    @Test("wrong, altered and revoked tokens do not verify")
    func wrongAlteredAndRevokedTokensDoNotVerify() async throws {
        let store = try StateStore.inMemory()
        let token = try await store.createToken(name: "laptop")
        let other = try await store.createToken(name: "server")
        #expect(token != other)
        var altered = Array(token)
        altered[10] = altered[10] == "A" ? "B" : "A"
        #expect(try await store.verify(token: String(altered)) == nil)
        #expect(try await store.verify(token: "") == nil)
        #expect(try await store.verify(token: String(token.dropFirst(4))) == nil)
        #expect(try await store.revokeToken(name: "laptop"))
        #expect(try await store.verify(token: token) == nil)
        #expect(try await store.verify(token: other)?.name == "server")
        #expect(try await store.revokeToken(name: "laptop") == false)
    }

    @Test("a duplicate name is refused with the fix")
    func aDuplicateNameIsRefused() async throws {
        let store = try StateStore.inMemory()
        _ = try await store.createToken(name: "ci")
        let error = await #expect(throws: StateError.self) { try await store.createToken(name: "ci") }
        #expect(error?.code == .duplicateTokenName)
        #expect(error?.message.contains("quiver token revoke ci") == true)
        #expect(try await store.listTokens().count == 1)
    }

    @Test("invalid names are refused", arguments: ["", "has space", "slash/name", String(repeating: "a", count: 65), "ünïcode"])
    func invalidNamesAreRefused(_ name: String) async throws {
        let store = try StateStore.inMemory()
        let error = await #expect(throws: StateError.self) { try await store.createToken(name: name) }
        #expect(error?.code == .invalidTokenName)
    }

    @Test("the list shows names and times, and last use is updated at most once a minute")
    func theListShowsNamesAndTimes() async throws {
        let clock = ManualClock()
        let store = try StateStore.inMemory(now: clock.function)
        let token = try await store.createToken(name: "b-token")
        _ = try await store.createToken(name: "a-token")
        #expect(try await store.listTokens().map(\.name) == ["a-token", "b-token"])
        #expect(try await store.listTokens().allSatisfy { $0.lastUsedAt == nil && $0.createdAt == clock.now })

        clock.advance(by: 10)
        let first = clock.now
        #expect(try await store.verify(token: token)?.lastUsedAt == first)
        clock.advance(by: 30)
        #expect(try await store.verify(token: token)?.lastUsedAt == first)
        clock.advance(by: 31)
        #expect(try await store.verify(token: token)?.lastUsedAt == clock.now)
        #expect(try await store.listTokens().first { $0.name == "b-token" }?.lastUsedAt == clock.now)
    }
}
