import Foundation
import PackJSON
import PackModel
import PackRuntime
import Testing

extension AllRuntimeTests {
    /// The environment and the `quiver` host imports against adversarial guests: only what the sandbox
    /// grants is reachable. Kept forever.
    @Suite struct HostImportTests {
        @Test func aGuestSeesOnlyTheGrantedEnvironment() async throws {
            setenv("QUIVER_TEST_UNDECLARED", "leaked from the host", 1)
            let sandbox = SandboxPolicy(environment: ["GRANTED": "yes"])
            let result = try await RuntimeFixtures.run(
                "adversarial/env_probe", input: #"{"names": ["GRANTED", "QUIVER_TEST_UNDECLARED", "HOME", "PATH", "USER"]}"#,
                sandbox: sandbox)
            let expected: JSONValue = [
                "values": ["GRANTED": "yes", "QUIVER_TEST_UNDECLARED": nil, "HOME": nil, "PATH": nil, "USER": nil],
                "count": 1,
            ]
            #expect(try result.json() == expected)
        }

        @Test func aGuestWithoutGrantsHasAnEmptyEnvironment() async throws {
            let result = try await RuntimeFixtures.run("adversarial/env_probe", input: #"{"names": ["HOME"]}"#)
            #expect(try result.json() == ["values": ["HOME": nil], "count": 0])
        }

        struct HTTPCase: Sendable, CustomTestStringConvertible {
            var request: String
            var allowed: [String]
            var status: Int
            var denied: String?
            var testDescription: String { "\(request) with \(allowed)" }
        }

        @Test(arguments: [
            HTTPCase(request: #"{"url": "https://evil.example.com/steal"}"#, allowed: [], status: -1, denied: "evil.example.com:443"),
            HTTPCase(
                request: #"{"url": "https://evil.example.com/steal"}"#, allowed: ["api.example.com:443"], status: -1,
                denied: "evil.example.com:443"),
            // Allowed requests to names under `.invalid` (which never resolve) fail to connect: -2.
            HTTPCase(request: #"{"url": "https://api.example.invalid/v1"}"#, allowed: ["api.example.invalid:443"], status: -2),
            HTTPCase(request: #"{"method": "POST", "url": "https://A.Example.INVALID./x"}"#, allowed: ["*.example.invalid"], status: -2),
            HTTPCase(
                request: #"{"url": "https://api.example.com:8443/"}"#, allowed: ["api.example.com:443"], status: -1,
                denied: "api.example.com:8443"),
            HTTPCase(request: #"{"url": "http://api.example.com/"}"#, allowed: ["api.example.com:443"], status: -1, denied: "api.example.com:80"),
            HTTPCase(request: #"{"url": "https://example.com/"}"#, allowed: ["*.example.com:443"], status: -1, denied: "example.com:443"),
            HTTPCase(request: #"{"url": "https://api.example.com@evil.example.com/"}"#, allowed: ["api.example.com"], status: -3),
            HTTPCase(request: #"{"url": "https://evil.example.com\\@api.example.com/"}"#, allowed: ["api.example.com"], status: -3),
            HTTPCase(request: #"{"url": "https://api.example.com%2eevil.com/"}"#, allowed: ["api.example.com"], status: -3),
            HTTPCase(request: #"{"url": "ftp://api.example.com/"}"#, allowed: ["*"], status: -3),
            HTTPCase(request: "not json", allowed: ["*"], status: -3),
            HTTPCase(request: #"{"url": "https://[::1]:8080/"}"#, allowed: [], status: -1, denied: "[::1]:8080"),
            HTTPCase(request: #"{"url": "http://[::1]:9/"}"#, allowed: ["[::1]:9"], status: -2),
        ])
        func httpReachesOnlyGrantedHosts(_ example: HTTPCase) async throws {
            let sandbox = SandboxPolicy(allowedHosts: example.allowed.compactMap(HostPattern.init))
            #expect(sandbox.allowedHosts.count == example.allowed.count)
            let input: JSONValue = ["http": [.string(example.request)]]
            let result = try await RuntimeFixtures.run("adversarial/host_probe", input: input.serialized(), sandbox: sandbox)
            #expect(try result.json()["http"] == [.number(JSONNumber(example.status))], "\(result.log)")
            #expect(result.denials == example.denied.map { [SandboxDenial(capability: .net, scope: $0)] } ?? [])
        }

        @Test func aDeniedHostBecomesAPermissionFailureWhenTheCallerAsks() async throws {
            let input: JSONValue = ["http": [#"{"url": "https://evil.example.com/"}"#]]
            let result = try await RuntimeFixtures.run("adversarial/host_probe", input: input.serialized())
            do {
                try result.requireNoDenials()
                Issue.record("expected a denial")
            } catch {
                #expect(error.reason == .permissionDenied(
                    "handler was denied network access to 'evil.example.com:443'; grant 'net: [\"evil.example.com:443\"]' to the pack to allow it"))
                #expect(error.outcome == .denied)
            }
        }

        @Test func aGuestGetsOnlyGrantedSecrets() async throws {
            let sandbox = SandboxPolicy(secrets: ["API_TOKEN": "tok-123456789"])
            let input: JSONValue = [
                "secrets": [["name": "API_TOKEN", "expect": "tok-123456789"], ["name": "OTHER_TOKEN", "expect": ""]],
            ]
            let result = try await RuntimeFixtures.run("adversarial/host_probe", input: input.serialized(), sandbox: sandbox)
            let expected: JSONValue = [
                "http": [],
                "responses": [],
                "secrets": [
                    ["name": "API_TOKEN", "length": 13, "matches": true], ["name": "OTHER_TOKEN", "length": -1, "matches": false],
                ],
            ]
            #expect(try result.json() == expected)
            #expect(result.denials == [SandboxDenial(capability: .secret, scope: "OTHER_TOKEN")])
        }

        @Test func aSecretTheGuestPrintsIsRedactedFromOutputStderrAndLog() async throws {
            let secret = "tok-123456789"
            let sandbox = SandboxPolicy(secrets: ["API_TOKEN": secret])
            let result = try await RuntimeFixtures.run(
                "adversarial/host_probe", input: #"{"print_secret": "API_TOKEN"}"#, sandbox: sandbox)
            #expect(try result.json()["printed"] == "[REDACTED]")
            #expect(result.standardError == "the secret is [REDACTED]\n")
            #expect(result.log == ["[REDACTED]"])
            #expect(!result.text.contains(secret))
        }

        @Test func logLinesAreCapturedInOrder() async throws {
            let result = try await RuntimeFixtures.run("adversarial/host_probe", input: #"{"log": ["first", "second", "ünïcode"]}"#)
            #expect(result.log == ["first", "second", "ünïcode"])
            #expect(result.droppedDiagnosticBytes == 0)
        }

        @Test func logLinesPastTheDiagnosticLimitAreDroppedAndCounted() async throws {
            let limits = RuntimeLimits(timeout: .seconds(60), diagnosticBytes: 10)
            let result = try await RuntimeFixtures.run(
                "adversarial/host_probe", input: #"{"log": ["12345", "67890", "overflow"]}"#, limits: limits)
            #expect(result.log == ["12345", "67890"])
            #expect(result.droppedDiagnosticBytes == 8)
        }
    }
}
