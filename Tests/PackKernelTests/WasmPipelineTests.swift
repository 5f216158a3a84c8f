import Foundation
import PackBasics
import PackJSON
import PackKernel
import PackLoading
import PackModel
import PackTestSupport
import Testing

/// The adversarial guests of `examples/handlers/adversarial`, called through the whole pipeline
/// (catalog, grants, limits, output contract) as a pack on disk: each ends in its documented
/// outcome, and the host carries on.
@Suite(.tags(.medium))
struct WasmPipelineTests {
    /// One pack whose tools run the adversarial modules, with tight limits.
    static let pack: (root: String, outside: String) = {
        let root = try! TestPaths.makeDirectory([
            "PACK.yaml": manifestHeader("probe") + """
                capabilities:
                  - fs.read: ["${pack}/data/**"]
                  - env: [PROBE_GRANTED]
                tools:
                  - { name: loop, description: d, input: { type: object }, handler: { wasm: m/infinite_loop.wasm }, limits: { timeout_ms: 300 } }
                  - { name: bomb, description: d, input: { type: object }, handler: { wasm: m/memory_bomb.wasm }, limits: { memory_mb: 8, timeout_ms: 20000 } }
                  - { name: flood, description: d, input: { type: object }, handler: { wasm: m/output_bomb.wasm }, limits: { output_kb: 4, timeout_ms: 20000 } }
                  - { name: trap, description: d, input: { type: object }, handler: { wasm: m/trap.wasm }, limits: { timeout_ms: 20000 } }
                  - { name: garbage, description: d, input: { type: object }, handler: { wasm: m/invalid_output.wasm }, limits: { timeout_ms: 20000 } }
                  - { name: files, description: d, input: { type: object }, handler: { wasm: m/fs_probe.wasm }, limits: { timeout_ms: 20000 } }
                  - { name: env, description: d, input: { type: object }, handler: { wasm: m/env_probe.wasm }, limits: { timeout_ms: 20000 } }
                  - { name: net, description: d, input: { type: object }, handler: { wasm: m/host_probe.wasm }, limits: { timeout_ms: 20000 } }
                """ + "\n",
            "data/inside.txt": "inside\n",
            "secret.txt": "outside the grant\n",
        ], label: "probe")
        let modules = Path.join(TestPaths.repositoryRoot, "examples/handlers/adversarial")
        try! FileManager.default.createDirectory(atPath: Path.join(root, "m"), withIntermediateDirectories: true)
        for name in ["infinite_loop", "memory_bomb", "output_bomb", "trap", "invalid_output", "fs_probe", "env_probe", "host_probe"] {
            try! FileManager.default.copyItem(atPath: Path.join(modules, name + ".wasm"), toPath: Path.join(root, "m/\(name).wasm"))
        }
        // A symbolic link inside the granted directory that points out of it.
        try! FileManager.default.createSymbolicLink(atPath: Path.join(root, "data/escape"), withDestinationPath: Path.join(root, "secret.txt"))
        return (root, Path.join(root, "secret.txt"))
    }()

    static let invoker: Invoker = {
        let catalog = buildCatalog([PackInput(loaded: PackLoader().load(at: pack.root))], policy: grantAll)
        let context = HostContext(projectRoot: pack.root, environment: ["PROBE_GRANTED": "yes", "PROBE_HIDDEN": "no", "HOME": "/root"])
        return Invoker(catalog: catalog, context: context)
    }()

    @Test(arguments: [
        ("loop", InvocationOutcome.timeout),
        ("bomb", .resourceExhausted),
        ("flood", .resourceExhausted),
        ("trap", .handlerError),
        ("garbage", .outputInvalid),
    ])
    func aHostileGuestEndsInItsOutcomeWithAMessage(_ tool: String, _ expected: InvocationOutcome) async throws {
        let result = try await Self.invoker.invoke(tool, input: [:])
        #expect(result.outcome == expected, "\(result.error ?? "")")
        #expect(result.output == nil)
        #expect(result.error?.isEmpty == false)
    }

    @Test
    func anInfiniteLoopIsStoppedCloseToItsTimeLimit() async throws {
        let start = ContinuousClock.now
        let result = try await Self.invoker.invoke("loop", input: [:])
        #expect(result.outcome == .timeout)
        #expect(result.error?.contains("timeout_ms") == true)
        // Stopped at its 300 ms limit, measured on the guest's thread; the caller's wait may be
        // longer while the rest of the suite keeps every core busy.
        let handlerTime = try #require(result.handlerTime)
        #expect(handlerTime >= .milliseconds(300) && handlerTime < .milliseconds(1300), "\(handlerTime)")
        #expect(ContinuousClock.now - start < .seconds(30))
    }

    @Test
    func theGuestReadsItsGrantedDirectoryButNothingOutsideIt() async throws {
        let escapes = ["/pack/data/../secret.txt", "/pack/secret.txt", Self.pack.outside, "/pack/data/escape", "/etc/passwd", "../secret.txt"]
        let result = try await Self.invoker.invoke(
            "files", input: ["read": .array((["/pack/data/inside.txt"] + escapes).map { .string($0) })])
        #expect(result.outcome == .ok, "\(result.error ?? "")")
        let reads = result.output?["read"]?.arrayValue ?? []
        #expect(reads.count == escapes.count + 1)
        #expect(reads.first?["ok"] == true)
        #expect(reads.first?["content"] == "inside\n")
        for read in reads.dropFirst() {
            #expect(read["ok"] == false, "\(read.serialized()) was readable")
            #expect(read["content"]?.stringValue?.contains("outside") != true)
        }
    }

    @Test
    func theGuestSeesOnlyGrantedEnvironmentVariables() async throws {
        let result = try await Self.invoker.invoke("env", input: ["names": ["PROBE_GRANTED", "PROBE_HIDDEN", "HOME", "PATH"]])
        #expect(result.outcome == .ok, "\(result.error ?? "")")
        #expect(result.output?["values"] == ["PROBE_GRANTED": "yes", "PROBE_HIDDEN": nil, "HOME": nil, "PATH": nil])
        #expect(result.output?["count"] == 1)
    }

    @Test
    func httpToAHostThatIsNotGrantedIsDenied() async throws {
        let request = #"{"method": "GET", "url": "https://example.org/"}"#
        let result = try await Self.invoker.invoke("net", input: ["http": [.string(request)]])
        #expect(result.outcome == .denied, "\(result.output?.serialized() ?? result.error ?? "")")
        #expect(result.error?.contains("example.org") == true)
    }

    @Test
    func theHostKeepsServingAfterEveryHostileGuest() async throws {
        for tool in ["loop", "bomb", "flood", "trap", "garbage"] { _ = try await Self.invoker.invoke(tool, input: [:]) }
        let result = try await Self.invoker.invoke("env", input: ["names": ["PROBE_GRANTED"]])
        #expect(result.outcome == .ok)
    }
}
