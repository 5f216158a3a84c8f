@testable import PackRuntime
import Testing

extension AllRuntimeTests {
    /// Internal pieces: bounded capture, URL targets, secret redaction and first-line extraction.
    @Suite struct RuntimeInternalsTests {
        @Test func stdoutCaptureStopsAtItsLimitAndHoldsNoMore() throws {
            let stream = CapturedStream(limit: 10, overflow: .stop)
            let chunk: [UInt8] = Array("123456".utf8)
            try chunk.withUnsafeBytes { try stream.append($0) }
            #expect(throws: GuestStop.self) { try chunk.withUnsafeBytes { try stream.append($0) } }
            #expect(stream.bytes == chunk)
        }

        @Test func diagnosticCaptureKeepsTheHeadAndCountsTheRest() throws {
            let stream = CapturedStream(limit: 10, overflow: .truncate)
            for _ in 0..<3 {
                try Array("123456".utf8).withUnsafeBytes { try stream.append($0) }
            }
            #expect(stream.bytes == Array("1234561234".utf8))
            #expect(stream.droppedBytes == 8)
        }

        @Test(arguments: [
            ("https://api.example.com/x?y#z", "api.example.com", 443),
            ("HTTP://Api.Example.com:8080", "api.example.com", 8080),
            ("http://example.com.", "example.com", 80),
            ("https://[2001:db8::1]/", "2001:db8::1", 443),
            ("https://[2001:db8::1]:9000/", "2001:db8::1", 9000),
        ])
        func httpTargetsCarryTheHostAndPortTheConnectionWouldUse(url: String, host: String, port: Int) throws {
            let target = try #require(HTTPTarget(url: url))
            #expect(target.host == host)
            #expect(target.port == port)
        }

        @Test(arguments: [
            "ftp://example.com", "https://", "https:///path", "https://user@example.com", "https://a.com:0",
            "https://a.com:99999", "https://a.com:x", "https://[::1", "https://a%2e.com", "example.com", "https://a b.com",
        ])
        func urlsThatCouldDisguiseTheirHostAreRejected(_ url: String) {
            #expect(HTTPTarget(url: url) == nil)
        }

        @Test func redactionReplacesEveryOccurrenceOfLongEnoughSecrets() {
            let text = "token=abcd1234; again abcd1234; short=xy"
            #expect(SecretRedaction.redact(text, secrets: ["abcd1234", "xy"]) == "token=[REDACTED]; again [REDACTED]; short=xy")
            #expect(SecretRedaction.redact(text, secrets: []) == text)
            #expect(SecretRedaction.redact(Array("abcabcd".utf8), secrets: ["abcd"]) == Array("abc[REDACTED]".utf8))
        }

        @Test(arguments: [
            ("Trap: unreachable\n    0: (0x1) wasm function[3]", "unreachable"),
            ("\n\n  first real line  \nsecond", "first real line"),
            ("", ""),
        ])
        func onlyTheFirstLineOfATrapIsKept(text: String, line: String) {
            #expect(firstLine(of: text) == line)
        }
    }
}
