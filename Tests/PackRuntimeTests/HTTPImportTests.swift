import Foundation
import PackBasics
import PackJSON
import PackRuntime
import PackTestSupport
import Testing

/// `quiver.http` against a real HTTP server on loopback (Python's http.server, started per suite).
@Suite(.serialized)
struct HTTPImportTests {
    /// A running server and its port; it exits when its stdin closes.
    final class Server: Sendable {
        let process: Process
        let input: Pipe
        let port: Int

        init() throws {
            process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", Path.join(TestPaths.repositoryRoot, "Tests/Fixtures/http-server/serve.py")]
            input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            var line: [UInt8] = []
            while let byte = try output.fileHandleForReading.read(upToCount: 1)?.first, byte != UInt8(ascii: "\n") { line.append(byte) }
            guard let port = Int(String(decoding: line, as: UTF8.self)) else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "the test server did not print its port"])
            }
            self.port = port
        }

        deinit {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    static let server = Result { try Server() }

    func call(_ requests: [String], allowing hosts: [String]) async throws -> (JSONValue, WasmRunResult) {
        let sandbox = SandboxPolicy(allowedHosts: hosts.compactMap(HostPattern.init))
        let input: JSONValue = ["http": .array(requests.map { .string($0) })]
        let result = try await RuntimeFixtures.run("adversarial/host_probe", input: input.serialized(), sandbox: sandbox)
        return (try result.json(), result)
    }

    @Test
    func anAllowedRequestGetsTheStatusHeadersAndBody() async throws {
        let port = try Self.server.get().port
        let (output, result) = try await call([#"{"url": "http://127.0.0.1:\#(port)/hello"}"#], allowing: ["127.0.0.1:\(port)"])
        let response = try #require(output["responses"]?.arrayValue?.first)
        #expect(response["status"] == 200, "\(result.log)")
        #expect(response["body"] == #"{"hello": "world"}"#)
        #expect(response["headers"]?["content-type"] == "application/json")
        #expect(result.denials.isEmpty)
    }

    @Test
    func aPostSendsItsBody() async throws {
        let port = try Self.server.get().port
        let request = #"{"method": "POST", "url": "http://127.0.0.1:\#(port)/echo", "body": "ping"}"#
        let (output, _) = try await call([request], allowing: ["127.0.0.1:\(port)"])
        #expect(output["responses"]?[0]?["body"] == "ping")
    }

    @Test
    func aRedirectIsReturnedNotFollowed() async throws {
        let port = try Self.server.get().port
        let (output, _) = try await call([#"{"url": "http://127.0.0.1:\#(port)/redirect"}"#], allowing: ["127.0.0.1:\(port)"])
        #expect(output["responses"]?[0]?["status"] == 302)
        #expect(output["responses"]?[0]?["headers"]?["location"] == "/hello")
    }

    @Test
    func aBodyOverTheLimitFailsAndIsLogged() async throws {
        let port = try Self.server.get().port
        let (output, result) = try await call([#"{"url": "http://127.0.0.1:\#(port)/big"}"#], allowing: ["127.0.0.1:\(port)"])
        #expect(output["http"] == [-2])
        #expect(result.log.contains { $0.contains("over 1048576 bytes") }, "\(result.log)")
    }

    @Test
    func theSameServerOnAnUngrantedPortIsDenied() async throws {
        let port = try Self.server.get().port
        let (output, result) = try await call([#"{"url": "http://127.0.0.1:\#(port)/hello"}"#], allowing: ["127.0.0.1:\(port + 1)"])
        #expect(output["http"] == [-1])
        #expect(output["responses"] == [nil])
        #expect(result.denials == [SandboxDenial(capability: .net, scope: "127.0.0.1:\(port)")])
    }
}
