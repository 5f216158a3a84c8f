import PackModel
import PackRuntime
import Testing

extension AllRuntimeTests {
    /// Host patterns, sandbox policies, runtime limits and handler failure messages.
    @Suite struct PolicyAndLimitsTests {
        @Test(arguments: [
            ("api.example.com", "api.example.com", 443, true),
            ("api.example.com", "API.Example.com.", 8080, true),
            ("api.example.com:443", "api.example.com", 443, true),
            ("api.example.com:443", "api.example.com", 80, false),
            ("api.example.com", "evil.com", 443, false),
            ("api.example.com", "api.example.com.evil.com", 443, false),
            ("*.example.com:443", "a.example.com", 443, true),
            ("*.example.com:443", "a.b.example.com", 443, true),
            ("*.example.com:443", "example.com", 443, false),
            ("*.example.com:443", "badexample.com", 443, false),
            ("*", "anything.org", 1, true),
            ("*:443", "anything.org", 443, true),
            ("*:443", "anything.org", 80, false),
            ("api.example.com:*", "api.example.com", 9, true),
            ("[::1]:8080", "::1", 8080, true),
            ("[::1]:8080", "::2", 8080, false),
        ])
        func hostPatternsMatchHostsAndPorts(pattern: String, host: String, port: Int, matches: Bool) throws {
            let parsed = try #require(HostPattern(pattern))
            #expect(parsed.matches(host: host, port: port) == matches)
            #expect(parsed.description == pattern)
        }

        @Test(arguments: ["", "api.example.com:0", "api.example.com:65536", "api.example.com:x", "a..b", "*.", "*.*.com", "exa mple.com", "[::1", "[zz]", "a/b"])
        func malformedHostPatternsAreRejected(_ pattern: String) {
            #expect(HostPattern(pattern) == nil)
        }

        @Test func aPolicyNeverShowsSecretValues() {
            let policy = SandboxPolicy(
                directories: [.init(hostPath: "/srv/models", guestPath: "/models")], environment: ["REGION": "eu"],
                allowedHosts: [HostPattern("api.example.com:443")!], secrets: ["TOKEN": "s3cr3t-value"])
            var dumped = ""
            dump(policy, to: &dumped)
            for text in [policy.description, policy.debugDescription, "\(policy)", String(reflecting: policy), dumped] {
                #expect(!text.contains("s3cr3t-value"), "\(text)")
                #expect(text.contains("TOKEN"))
            }
            #expect(policy.description == """
                SandboxPolicy(directories: ["/models=/srv/models (read-only)"], environment: ["REGION"], \
                allowedHosts: ["api.example.com:443"], secrets: ["TOKEN"] <redacted>)
                """)
        }

        @Test func theEmptyPolicyGrantsNothing() {
            #expect(SandboxPolicy.none.directories.isEmpty)
            #expect(SandboxPolicy.none.environment.isEmpty)
            #expect(SandboxPolicy.none.secrets.isEmpty)
            #expect(!SandboxPolicy.none.allowsConnection(toHost: "example.com", port: 443))
            #expect(SandboxPolicy.Directory(hostPath: "/a", guestPath: "/b").isReadOnly)
        }

        @Test func defaultLimitsAreTwoSecondsSixtyFourMebibytesAndAQuarterMebibyteOfOutput() {
            let limits = RuntimeLimits()
            #expect(limits.timeout == .milliseconds(2000))
            #expect(limits.memoryBytes == 64 * 1024 * 1024)
            #expect(limits.outputBytes == 256 * 1024)
            #expect(limits.fuel == 10_000_000_000)
            #expect(limits.diagnosticBytes == 64 * 1024)
            #expect(RuntimeLimits(ResourceLimits()) == limits)
        }

        @Test func manifestLimitsMapOverTheDefaultsInTheirUnits() {
            let limits = RuntimeLimits(ResourceLimits(timeoutMilliseconds: 150, memoryMegabytes: 8, outputKilobytes: 4, fuel: 5_000))
            #expect(limits == RuntimeLimits(timeout: .milliseconds(150), memoryBytes: 8 << 20, outputBytes: 4 << 10, fuel: 5_000))
            let partial = RuntimeLimits(ResourceLimits(memoryMegabytes: 128))
            #expect(partial.memoryBytes == 128 << 20)
            #expect(partial.timeout == RuntimeLimits.defaultTimeout)
        }

        @Test(arguments: [
            (ResourceLimits(timeoutMilliseconds: -5), RuntimeLimits(timeout: .milliseconds(1))),
            (ResourceLimits(timeoutMilliseconds: Int.max), RuntimeLimits(timeout: .milliseconds(600_000))),
            (ResourceLimits(memoryMegabytes: Int.max), RuntimeLimits(memoryBytes: 4096 << 20)),
            (ResourceLimits(outputKilobytes: 0), RuntimeLimits(outputBytes: 1 << 10)),
            (ResourceLimits(fuel: 1), RuntimeLimits(fuel: 1_000)),
        ])
        func manifestLimitsOutsideTheirRangesAreClamped(manifest: ResourceLimits, expected: RuntimeLimits) {
            #expect(RuntimeLimits(manifest) == expected)
        }

        @Test(arguments: [
            (HandlerFailure.Reason.timedOut(after: .milliseconds(1500)), InvocationOutcome.timeout,
             "handler did not finish within 1500 ms; make it faster or raise 'timeout_ms' in the tool's limits"),
            (.memoryLimitExceeded, .resourceExhausted,
             "handler ran out of memory under its memory limit; use less memory or raise 'memory_mb' in the tool's limits"),
            (.fuelExhausted(budget: 1000), .resourceExhausted,
             "handler used its whole fuel budget of 1000 units; make it do less work or raise 'fuel' in the tool's limits"),
            (.outputTooLarge(limit: 256 << 10), .resourceExhausted,
             "handler wrote more than 256 KiB to stdout; return less data or raise 'output_kb' in the tool's limits"),
            (.outputTooLarge(limit: 1000), .resourceExhausted,
             "handler wrote more than 1000 bytes to stdout; return less data or raise 'output_kb' in the tool's limits"),
            (.permissionDenied("handler was denied secret 'X'; grant 'secret: [X]' to the pack to allow it"), .denied,
             "handler was denied secret 'X'; grant 'secret: [X]' to the pack to allow it"),
            (.crashed(exitStatus: 2, message: ""), .handlerError, "handler exited with status 2; see its stderr"),
            (.crashed(exitStatus: nil, message: "integer divide by zero"), .handlerError, "handler trapped: integer divide by zero"),
            (.invalidModule("it exports no memory named 'memory'"), .handlerError,
             "module is not a usable handler: it exports no memory named 'memory'"),
            (.invalidOutput("unexpected end of input at 1:1"), .outputInvalid,
             "handler output is not valid JSON: unexpected end of input at 1:1; write exactly one JSON value to stdout"),
            (.cancelled, .handlerError, "handler was stopped because the call was cancelled"),
        ])
        func everyFailureHasAnOutcomeAndAMessageWithARemedy(reason: HandlerFailure.Reason, outcome: InvocationOutcome, message: String) {
            let failure = HandlerFailure(reason)
            #expect(failure.outcome == outcome)
            #expect(failure.message == message)
            #expect(failure.description == message)
        }
    }
}
