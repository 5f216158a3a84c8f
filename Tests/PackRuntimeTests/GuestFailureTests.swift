import PackJSON
import PackModel
import PackRuntime
import Testing

extension AllRuntimeTests {
    /// Guests that trap, fail, print garbage, keep state or hand the host bad pointers, and a host that
    /// survives all of them. Kept forever.
    @Suite struct GuestFailureTests {
        @Test func aTrapIsACrashWithTheFirstLineOfTheTrapText() async throws {
            let failure = try #require(await RuntimeFixtures.failure("adversarial/trap"))
            #expect(failure.reason == .crashed(exitStatus: nil, message: "unreachable"))
            #expect(failure.outcome == .handlerError)
            #expect(failure.standardError == "about to trap\n")
            #expect(failure.message == "handler trapped: unreachable")
        }

        @Test func aNonZeroExitIsACrashWithTheStatusAndTheFirstStderrLine() async throws {
            let failure = try #require(await RuntimeFixtures.failure("adversarial/exit_status"))
            #expect(failure.reason == .crashed(exitStatus: 3, message: "giving up on purpose"))
            #expect(failure.message == "handler exited with status 3: giving up on purpose")
        }

        @Test func invalidOutputIsReturnedAndRejectedByTheJSONCheck() async throws {
            let result = try await RuntimeFixtures.run("adversarial/invalid_output")
            #expect(result.text == "this is not JSON {\n")
            #expect(throws: HandlerFailure.self) { try result.json() }
            do {
                _ = try result.json()
            } catch {
                guard case .invalidOutput(let detail) = error.reason else {
                    Issue.record("expected invalid output, got \(error.reason)")
                    return
                }
                #expect(!detail.isEmpty)
                #expect(error.outcome == .outputInvalid)
                #expect(error.message.hasSuffix("; write exactly one JSON value to stdout"))
            }
        }

        @Test func everyCallGetsAFreshInstance() async throws {
            let module = try await RuntimeFixtures.module("adversarial/counter")
            for _ in 0..<3 {
                let result = try await RuntimeFixtures.result(of: module).get()
                #expect(try result.json() == ["counter": 1])
            }
        }

        @Test func concurrentCallsShareNoState() async throws {
            let module = try await RuntimeFixtures.module("adversarial/counter")
            let outputs = await withTaskGroup(of: String?.self) { group -> [String?] in
                for _ in 0..<8 {
                    group.addTask { try? await RuntimeFixtures.result(of: module).get().text }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outputs == Array(repeating: "{\"counter\":1}\n", count: 8))
        }

        @Test(arguments: [
            ("adversarial/bad_log_pointer", "quiver.log"),
            ("adversarial/bad_iovec", "wasi_snapshot_preview1.fd_write"),
            ("adversarial/bad_result_pointer", "wasi_snapshot_preview1.clock_time_get"),
            ("adversarial/bad_args_pointer", "wasi_snapshot_preview1.args_get"),
        ])
        func aPointerOutsideGuestMemoryStopsTheGuestNotTheHost(module: String, function: String) async throws {
            let failure = try #require(await RuntimeFixtures.failure(module))
            guard case .crashed(nil, let message) = failure.reason else {
                Issue.record("expected a trap, got \(failure.reason)")
                return
            }
            #expect(message.hasPrefix("'\(function)' was passed memory it cannot use: the range of "))
            #expect(message.hasSuffix("runs past the end of its 65536-byte memory"))
        }

        /// Every adversarial guest, with the limits that make it end quickly.
        static let everyAdversary: [(String, String)] = [
            ("adversarial/infinite_loop", "{}"), ("adversarial/sleeper", "{}"), ("adversarial/memory_bomb", "{}"),
            ("adversarial/huge_memory", "{}"), ("adversarial/output_bomb", "{}"), ("adversarial/stack_overflow", "{}"),
            ("adversarial/trap", "{}"), ("adversarial/exit_status", "{}"), ("adversarial/invalid_output", "{}"),
            ("adversarial/bad_log_pointer", "{}"), ("adversarial/bad_iovec", "{}"),
            ("adversarial/bad_result_pointer", "{}"), ("adversarial/bad_args_pointer", "{}"),
            ("adversarial/fs_probe", #"{"read": ["/etc/passwd"], "write": ["/x"]}"#),
            ("adversarial/env_probe", #"{"names": ["HOME"]}"#),
            ("adversarial/host_probe", #"{"http": ["{\"url\": \"https://evil.example.com/\"}"]}"#),
            ("adversarial/fd_exhaustion", #"{"path": "/nothing"}"#),
        ]

        @Test func theHostKeepsServingAfterEveryAdversary() async throws {
            let limits = RuntimeLimits(timeout: .milliseconds(200), memoryBytes: 4 << 20, outputBytes: 4 << 10)
            for (name, input) in Self.everyAdversary {
                _ = await RuntimeFixtures.result(of: try await RuntimeFixtures.module(name), input: Array(input.utf8), limits: limits)
            }
            let echo = try await RuntimeFixtures.run("bench/echo", input: #"{"still": "alive"}"#)
            #expect(echo.text == #"{"still": "alive"}"#)
        }

        @Test func echoReturnsItsInputByteForByte() async throws {
            let input = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
            let result = try await RuntimeFixtures.runner.run(
                module: RuntimeFixtures.module("bench/echo"), input: input, limits: RuntimeLimits(timeout: .seconds(60), outputBytes: 1 << 20))
            #expect(result.output == input)
            #expect(result.exitCode == 0)
        }

        @Test func aJSONInputIsSerializedOntoStdin() async throws {
            let input: JSONValue = ["text": "two words"]
            let result = try await RuntimeFixtures.runner.run(
                module: RuntimeFixtures.module("text_stats"), input: input, limits: RuntimeFixtures.relaxed)
            #expect(try result.json()["words"] == 2)
        }
    }
}
