import PackJSON
import PackModel
import PackRuntime
import Testing

@Suite
struct KeyValueSpaceTests {
    @Test
    func aValueIsStoredReplacedAndRemoved() {
        let space = KeyValueSpace()
        #expect(space.setValue([1, 2, 3], forKey: "k"))
        #expect(space.setValue([4], forKey: "k"))
        #expect(space.value(forKey: "k") == [4])
        #expect(space.byteCount == 2)
        #expect(space.removeValue(forKey: "k"))
        #expect(!space.removeValue(forKey: "k"))
        #expect(space.count == 0 && space.byteCount == 0)
    }

    @Test
    func writesPastABoundAreRefusedAndChangeNothing() {
        let space = KeyValueSpace()
        #expect(!space.setValue([], forKey: ""))
        #expect(!space.setValue([], forKey: String(repeating: "k", count: KeyValueSpace.maximumKeyBytes + 1)))
        #expect(!space.setValue([UInt8](repeating: 0, count: KeyValueSpace.maximumValueBytes + 1), forKey: "big"))
        // Fill to the byte bound with 64 KiB values, then one more is refused.
        let value = [UInt8](repeating: 7, count: KeyValueSpace.maximumValueBytes)
        var stored = 0
        while space.setValue(value, forKey: "v\(stored)") { stored += 1 }
        #expect(stored == 15)  // 15 × (64 KiB + 2-3 key bytes) fits in 1 MiB; a 16th does not
        #expect(space.byteCount <= KeyValueSpace.maximumTotalBytes)
        #expect(space.value(forKey: "v\(stored)") == nil)
        // Replacing a value with a smaller one still works when full.
        #expect(space.setValue([1], forKey: "v0"))
    }

    @Test
    func theEntryBoundHolds() {
        let space = KeyValueSpace()
        for index in 0..<KeyValueSpace.maximumEntries { #expect(space.setValue([], forKey: "k\(index)")) }
        #expect(!space.setValue([], forKey: "one-more"))
        #expect(space.count == KeyValueSpace.maximumEntries)
    }
}

@Suite
struct KeyValueImportTests {
    @Test
    func aGuestKeepsStateAcrossCallsInItsOwnSpaceOnly() async throws {
        let mine = SandboxPolicy(keyValues: KeyValueSpace())
        let theirs = SandboxPolicy(keyValues: KeyValueSpace())
        for expected in 1...3 {
            let result = try await RuntimeFixtures.run("tally", input: #"{"name": "x"}"#, sandbox: mine)
            #expect(try result.json() == ["name": "x", "count": .number(JSONNumber(expected))])
        }
        let other = try await RuntimeFixtures.run("tally", input: #"{"name": "x"}"#, sandbox: theirs)
        #expect(try other.json()["count"] == 1)
        #expect(mine.keyValues?.value(forKey: "tally:x") == Array("3".utf8))
    }

    @Test
    func withoutASpaceAWriteFailsAndTheGuestSaysSo() async throws {
        let failure = try #require(await RuntimeFixtures.failure("tally", input: #"{"name": "x"}"#))
        #expect(failure.outcome == .handlerError)
        #expect(failure.standardError.contains("status -5"))
    }
}
