import Foundation
import PackBasics
import PackJSON
import PackTestSupport
import Testing

/// A `quiver serve` process on a free port, stopped with SIGTERM.
final class ServeProcess {
    let process = Process()
    let url: String
    let home: String

    init(_ extraArguments: [String] = [], home: String? = nil) throws {
        let binary = Path.join(TestPaths.repositoryRoot, ".build/debug/quiver")
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw TestFailure("build the binary first: swift build --product quiver (looked for \(binary))")
        }
        self.home = try home ?? TestPaths.temporaryDirectory("serve-home")
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--port", "0", "--json", "--log-level", "error", "--packs", TestPaths.examplePacks,
                             "--policy", Path.join(TestPaths.repositoryRoot, "examples/policy.yaml")] + extraArguments
        var environment = ProcessInfo.processInfo.environment
        environment["QUIVER_HOME"] = self.home
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line on stdout is {"url": ...}; read it byte by byte (bounded) so nothing else is consumed.
        var line: [UInt8] = []
        let handle = output.fileHandleForReading
        while line.count < 4096 {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty || byte.first == 10 { break }
            line.append(byte.first!)
        }
        guard case .object(let object)? = try? JSONParser.parse(line), case .string(let url)? = object["url"] else {
            process.terminate()
            throw TestFailure("quiver serve did not print its URL: \(String(decoding: line, as: UTF8.self))")
        }
        self.url = url
    }

    /// Sends SIGTERM and waits; returns the exit status.
    func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

@Suite("The official Python MCP client against quiver serve's /mcp", .serialized,
       .enabled(if: pythonWithMCP != nil, "needs python3 with the official MCP SDK: pip install mcp"))
struct HTTPInteropTests {
    static let script = Path.join(TestPaths.repositoryRoot, "Tests/Fixtures/mcp/client_check.py")

    @Test("lists tools, calls a wasm tool and gets a validation error over Streamable HTTP; the client's name is recorded")
    func streamableHTTP() async throws {
        let server = try ServeProcess()
        let (status, output) = try runToCompletion(try #require(pythonWithMCP),
                                                   [Self.script, "--url", server.url + "mcp", "--client-name", "python-http-interop", "--timeout", "60"])
        let stats = try runToCompletion("/usr/bin/curl", ["-s", server.url + "api/v1/stats"])
        let exit = server.stop()
        #expect(status == 0, "\(output)")
        #expect(!output.contains("FAIL:"), "\(output)")
        #expect(output.contains("ok: the error names the outcome and the field (/message)"), "\(output)")
        #expect(stats.1.contains("\"model\":\"python-http-interop\""), "\(stats.1)")
        #expect(exit == 0, "quiver serve should exit 0 after SIGTERM")
    }

    @Test("with --require-token, /mcp refuses a client without a token and serves one with a token from quiver token create")
    func tokens() async throws {
        let home = try TestPaths.temporaryDirectory("serve-token-home")
        let binary = Path.join(TestPaths.repositoryRoot, ".build/debug/quiver")
        var environment = ProcessInfo.processInfo.environment
        environment["QUIVER_HOME"] = home
        let (created, tokenText) = try runToCompletion(binary, ["token", "create", "interop", "--json"], environment: environment)
        #expect(created == 0, "\(tokenText)")
        guard case .object(let object)? = try? JSONParser.parse(tokenText), case .string(let token)? = object["token"] else {
            Issue.record("quiver token create --json printed no token: \(tokenText)")
            return
        }
        let server = try ServeProcess(["--require-token"], home: home)
        defer { _ = server.stop() }
        let python = try #require(pythonWithMCP)
        let (refused, refusedOutput) = try runToCompletion(python, [Self.script, "--url", server.url + "mcp", "--timeout", "30"])
        #expect(refused != 0, "a client without a token must fail: \(refusedOutput)")
        let (accepted, acceptedOutput) = try runToCompletion(python, [Self.script, "--url", server.url + "mcp", "--token", token,
                                                                      "--timeout", "60"])
        #expect(accepted == 0, "\(acceptedOutput)")
    }
}

@Suite("quiver serve as a process")
struct ServeProcessTests {
    @Test("a second server on a busy port exits 1 and says the port is in use")
    func busyPort() throws {
        let server = try ServeProcess()
        defer { _ = server.stop() }
        let port = String(server.url.split(separator: ":").last?.split(separator: "/").first ?? "")
        var environment = ProcessInfo.processInfo.environment
        environment["QUIVER_HOME"] = server.home
        let (status, output) = try runToCompletion(Path.join(TestPaths.repositoryRoot, ".build/debug/quiver"),
                                                   ["serve", "--port", port, "--packs", TestPaths.examplePacks], environment: environment)
        #expect(status == 1)
        #expect(output.contains("already in use"), "\(output)")
        #expect(output.contains("--port"), "\(output)")
    }

    @Test("SIGTERM stops the server with status 0 and keeps the calls made before it")
    func gracefulShutdown() async throws {
        let server = try ServeProcess()
        let call = try runToCompletion("/usr/bin/curl", ["-s", "-X", "POST", server.url + "api/v1/tools/echo-tools/echo/invoke",
                                                         "-H", "X-Quiver-Model: shutdown-test", "-d", #"{"input": {"message": "bye"}}"#])
        #expect(call.1.contains(#""outcome":"ok""#), "\(call.1)")
        #expect(server.stop() == 0)
        var environment = ProcessInfo.processInfo.environment
        environment["QUIVER_HOME"] = server.home
        let (status, stats) = try runToCompletion(Path.join(TestPaths.repositoryRoot, ".build/debug/quiver"), ["stats", "--json"],
                                                  environment: environment)
        #expect(status == 0)
        #expect(stats.contains("shutdown-test"), "\(stats)")
    }
}
