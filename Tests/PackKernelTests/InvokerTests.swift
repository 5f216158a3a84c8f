import Foundation
import PackBasics
import PackJSON
import PackKernel
import PackLoading
import PackModel
import PackTestSupport
import Synchronization
import Testing

final class MemoryRecorder: InvocationRecorder {
    let records = Mutex<[InvocationRecord]>([])
    func record(_ record: InvocationRecord) async { records.withLock { $0.append(record) } }
}

@Suite(.tags(.small))
struct InvokerTests {
    static let manifest = manifestHeader("calc") + """
        capabilities: [hook]
        tools:
          - name: add
            description: add two numbers
            input: { type: object, properties: { a: { type: integer }, b: { type: integer } }, required: [a, b] }
            output: { type: object, properties: { sum: { type: integer } }, required: [sum] }
            handler: { builtin: add }
          - { name: liar, description: d, input: { type: object }, output: { type: object, required: [sum] }, handler: { builtin: liar } }
          - { name: slow, description: d, input: { type: object }, handler: { builtin: slow }, limits: { timeout_ms: 50 } }
          - { name: broken, description: d, input: { type: object }, handler: { builtin: broken } }
          - { name: big, description: d, input: { type: object }, handler: { builtin: big }, limits: { output_kb: 1 } }
          - { name: gate, description: d, input: { type: object }, handler: { builtin: gate } }
        hooks:
          - { point: pre_tool_call, tool: gate, match: ["calc/big"] }
        """ + "\n"

    static func invoker(recorder: MemoryRecorder? = nil) -> Invoker {
        let handlers: [String: BuiltinHandler] = [
            "add": { input in ["sum": .number(JSONNumber((input["a"]?.numberValue?.intValue ?? 0) + (input["b"]?.numberValue?.intValue ?? 0)))] },
            "liar": { _ in ["total": 1] },
            "slow": { _ in try await Task.sleep(for: .seconds(10)); return [:] },
            "broken": { _ in throw ToolFailure(.handlerError, "boom") },
            "big": { _ in .string(String(repeating: "x", count: 4096)) },
            "gate": { _ in ["decision": "deny", "message": "not today"] },
        ]
        let policy = HostPolicy(grants: [HostPolicy.GrantRule(allowsAll: true)])
        let catalog = buildCatalog([packInput(manifest)], policy: policy, hostHandlers: Set(handlers.keys))
        return Invoker(catalog: catalog, builtins: handlers, recorder: recorder)
    }

    @Test
    func aValidCallReturnsTheOutputAndIsRecorded() async throws {
        let recorder = MemoryRecorder()
        let result = try await Self.invoker(recorder: recorder).invoke("add", input: ["a": 2, "b": 3], caller: "test-model")
        #expect(result.outcome == .ok)
        #expect(result.output == ["sum": 5])
        let records = recorder.records.withLock { $0 }
        #expect(records.count == 1)
        #expect(records.first?.tool == "calc/add")
        #expect(records.first?.caller == "test-model")
        #expect(records.first?.outcome == .ok)
    }

    @Test(arguments: [
        ("add", ["a": 1] as JSONValue, InvocationOutcome.inputInvalid, "required property 'b' is missing"),
        ("liar", [:] as JSONValue, .outputInvalid, "does not match the tool's output schema"),
        ("slow", [:] as JSONValue, .timeout, "did not finish within"),
        ("broken", [:] as JSONValue, .handlerError, "boom"),
        ("big", [:] as JSONValue, .denied, "hook 'calc/gate' denied the call: not today"),
    ])
    func everyFailureEndsWithItsOutcomeAndAClearMessage(_ tool: String, _ input: JSONValue, _ outcome: InvocationOutcome, _ message: String) async throws {
        let result = try await Self.invoker().invoke(tool, input: input)
        #expect(result.outcome == outcome)
        #expect(result.error?.contains(message) == true, "\(result.error ?? "")")
        #expect(result.output == nil)
    }

    @Test
    func anOutputOverTheLimitIsResourceExhausted() async throws {
        var catalogManifest = Self.manifest
        catalogManifest = catalogManifest.replacingOccurrences(of: "match: [\"calc/big\"]", with: "match: [\"calc/none\"]")
        let handlers: [String: BuiltinHandler] = ["big": { _ in .string(String(repeating: "x", count: 4096)) }, "gate": { _ in [:] }]
        let catalog = buildCatalog([packInput(catalogManifest)], policy: grantAll, hostHandlers: ["add", "liar", "slow", "broken", "big", "gate"])
        let result = try await Invoker(catalog: catalog, builtins: handlers).invoke("big", input: [:])
        #expect(result.outcome == .resourceExhausted)
        #expect(result.error?.contains("over the limit of 1024 bytes") == true)
    }

    @Test
    func anUnknownToolIsACallerErrorNotAnOutcome() async {
        await #expect(throws: InvocationError.self) { try await Self.invoker().invoke("nope", input: [:]) }
    }

    @Test
    func theHostSafetyPolicyCanDenyATool() async throws {
        var policy = grantAll
        policy.safety = SafetyPolicy(tools: ["calc/add"])
        let catalog = buildCatalog([packInput(Self.manifest)], policy: policy, hostHandlers: ["add", "liar", "slow", "broken", "big", "gate"])
        let invoker = Invoker(catalog: catalog, builtins: ["add": { _ in ["sum": 1] }, "liar": { _ in [:] }])
        let allowed = try await invoker.invoke("add", input: ["a": 1, "b": 0])
        #expect(allowed.outcome == .ok)
        let denied = try await invoker.invoke("liar", input: [:])
        #expect(denied.outcome == .denied)
    }
}

@Suite(.tags(.medium))
struct ProcessHandlerTests {
    static func catalog(_ script: String, timeout: Int = 2000) throws -> Catalog {
        let root = try TestPaths.makeDirectory([
            "PACK.yaml": manifestHeader("proc") + """
                capabilities:
                  - exec: [sh]
                    reason: run the script
                tools:
                  - { name: run, description: d, input: { type: object }, handler: { process: [sh, tool.sh] }, limits: { timeout_ms: \(timeout) } }
                """ + "\n",
            "tool.sh": script,
        ], label: "proc")
        return buildCatalog([PackInput(loaded: PackLoader().load(at: root))], policy: grantAll)
    }

    @Test
    func aProcessHandlerReadsJSONOnStdinAndWritesJSONOnStdout() async throws {
        let result = try await Invoker(catalog: try Self.catalog("cat\n")).invoke("run", input: ["echo": true])
        #expect(result.outcome == .ok)
        #expect(result.output == ["echo": true])
    }

    @Test
    func aProcessThatRunsTooLongIsKilled() async throws {
        let invoker = Invoker(catalog: try Self.catalog("sleep 30\n", timeout: 200))
        let start = ContinuousClock.now
        let result = try await invoker.invoke("run", input: [:])
        #expect(result.outcome == .timeout)
        // Killed at its 200 ms limit, measured where the child is served; the caller's own wait
        // may be longer when the test suite keeps every core busy, but never the 30 s of `sleep`.
        let handlerTime = try #require(result.handlerTime)
        #expect(handlerTime >= .milliseconds(200) && handlerTime < .milliseconds(700), "\(handlerTime)")
        #expect(ContinuousClock.now - start < .seconds(25))
    }

    @Test
    func aProcessThatFailsIsAHandlerErrorWithItsStderr() async throws {
        let result = try await Invoker(catalog: try Self.catalog("echo 'cannot parse' >&2\nexit 3\n")).invoke("run", input: [:])
        #expect(result.outcome == .handlerError)
        #expect(result.error?.contains("status 3: cannot parse") == true)
    }

    @Test
    func aProcessHandlerInheritsNoDescriptorOfTheHost() async throws {
        // A descriptor opened without close-on-exec, as other code in a host process may do.
        // (At 100 or above, clear of the few the shell itself opens.)
        let opened = open("/dev/null", O_RDONLY)
        let descriptor = fcntl(opened, F_DUPFD, 100)
        close(opened)
        #expect(descriptor >= 100)
        defer { close(descriptor) }
        let script = "if [ -e /proc/$$/fd/\(descriptor) ]; then printf '{\"inherited\": true}'; else printf '{\"inherited\": false}'; fi\n"
        let result = try await Invoker(catalog: try Self.catalog(script)).invoke("run", input: [:])
        #expect(result.outcome == .ok, "\(result.error ?? "") \(result.diagnostics)")
        #expect(result.output == ["inherited": false])
    }

    @Test
    func theEnvironmentIsScrubbed() async throws {
        setenv("QUIVER_TEST_SECRET", "leak", 1)
        let result = try await Invoker(catalog: try Self.catalog("printf '{\"secret\": \"%s\"}' \"$QUIVER_TEST_SECRET\"\n")).invoke("run", input: [:])
        #expect(result.output == ["secret": ""])
    }
}

/// Process handlers inside bubblewrap, when it works on this machine (CI installs it).
@Suite(.tags(.medium), .enabled(if: ProcessConfinement.bubblewrap != nil, "needs a working bubblewrap (Debian package bubblewrap)"))
struct ProcessSandboxTests {
    @Test
    func aSandboxedProcessSeesOnlyItsGrantedPathsAndNoNetwork() async throws {
        let project = try TestPaths.makeDirectory(["visible/a.txt": "A", "hidden/b.txt": "B"], label: "project")
        let root = try TestPaths.makeDirectory([
            "PACK.yaml": manifestHeader("boxed") + """
                capabilities:
                  - exec: [sh]
                  - fs.read: ["${project}/visible/**"]
                tools:
                  - { name: look, description: d, input: { type: object }, handler: { process: [sh, look.sh, "${project}"] }, limits: { timeout_ms: 10000 } }
                """ + "\n",
            "look.sh": """
                a=$(cat "$1/visible/a.txt" 2>/dev/null)
                b=$(cat "$1/hidden/b.txt" 2>/dev/null)
                interfaces=$(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | grep -v '^lo$' | wc -l)
                printf '{"visible": "%s", "hidden": "%s", "interfaces": %s}' "$a" "$b" "$interfaces"
                """,
        ], label: "boxed")
        let catalog = buildCatalog([PackInput(loaded: PackLoader().load(at: root))], policy: grantAll)
        let result = try await Invoker(catalog: catalog, context: HostContext(projectRoot: project)).invoke("look", input: [:])
        #expect(result.outcome == .ok, "\(result.error ?? "") \(result.diagnostics)")
        #expect(result.output == ["visible": "A", "hidden": "", "interfaces": 0])
    }
    @Test
    func aGrantedCommandInstalledOutsideTheSystemDirectoriesStartsInTheSandbox() async throws {
        // Like a pyenv or virtualenv interpreter: PREFIX/bin/tool, with its own files under PREFIX.
        let prefix = try TestPaths.makeDirectory([
            "bin/greet": "#!/bin/sh\nprintf '{\"greeting\": \"%s\"}' \"$(cat \"$(dirname \"$0\")/../share/greeting.txt\")\"\n",
            "share/greeting.txt": "hello from the prefix",
        ], label: "prefix")
        let tool = prefix + "/bin/greet"
        #expect(chmod(tool, 0o755) == 0)
        let root = try TestPaths.makeDirectory([
            "PACK.yaml": manifestHeader("prefixed") + """
                capabilities:
                  - exec: ["\(tool)"]
                tools:
                  - { name: greet, description: d, input: { type: object }, handler: { process: ["\(tool)"] }, limits: { timeout_ms: 10000 } }
                """ + "\n",
        ], label: "prefixed")
        let catalog = buildCatalog([PackInput(loaded: PackLoader().load(at: root))], policy: grantAll)
        let result = try await Invoker(catalog: catalog).invoke("greet", input: [:])
        #expect(result.outcome == .ok, "\(result.error ?? "") \(result.diagnostics)")
        #expect(result.output == ["greeting": "hello from the prefix"])
    }
}
