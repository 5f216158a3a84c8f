public import PackJSON
import WasmKit

/// Runs WASI preview 1 handler modules in process on WasmKit, one fresh instance per call, inside a
/// ``SandboxPolicy`` and under ``RuntimeLimits``.
///
/// The contract: the JSON input arrives on stdin, the output is read from stdout, stderr is
/// captured, and exit status 0 means success. The guest sees only the sandbox's directories
/// (read-only where asked), only its environment variables, no host files or stdio, and the
/// `quiver` host functions (`log`, `http` to allowed hosts, `secret`).
///
/// ```swift
/// let runner = WasmRunner()
/// let module = try await runner.cache.module(for: bytes, expectedSHA256: handler.sha256)
/// let result = try await runner.run(module: module, input: Array(#"{"text":"hi"}"#.utf8),
///                                   sandbox: .none, limits: RuntimeLimits(tool.limits))
/// let output = try result.json()
/// ```
///
/// Each call runs on a thread of its own (kept for reuse by later calls), so a guest never occupies
/// the Swift concurrency pool; the awaiting task suspends. A guest is stopped at its deadline (even in a loop that never calls the
/// host), when its caller's task is cancelled, when it exhausts its fuel, when stdout passes the
/// output limit, or when it passes a bad pointer to a host function. A guest blocked inside a host
/// call past its deadline is abandoned after half a second: the caller gets its timeout, and the
/// thread traps as soon as the call returns. Secret values the guest fetched are replaced by
/// `[REDACTED]` in its stdout, stderr and log.
public struct WasmRunner: Sendable {
    /// The module cache ``run(moduleBytes:input:sandbox:limits:)`` uses.
    public let cache: WasmModuleCache
    private let engine: Engine
    private let watchdog: Watchdog
    private let workers: WorkerPool

    /// How guests' linear memory is bounds-checked.
    package enum MemoryChecks: Sendable {
        /// Software checks on a heap allocation (what Quiver uses).
        case software
        /// A 4 GiB reservation with guard pages and signal-based traps (WasmKit's default), kept
        /// so benchmarks can compare the two.
        case guardPages
    }

    /// Creates a runner.
    ///
    /// - Parameter cache: Where modules are parsed and kept. (Default: a new cache)
    public init(cache: WasmModuleCache = WasmModuleCache()) {
        self.init(cache: cache, memoryChecks: .software)
    }

    /// Creates a runner with the given bounds checking (for benchmarks).
    package init(cache: WasmModuleCache = WasmModuleCache(), memoryChecks: MemoryChecks) {
        self.cache = cache
        // Software bounds checks keep a guest's linear memory a heap allocation. WasmKit's default
        // reserves 4 GiB with guard pages per instance; mapping and unmapping that for every fresh
        // instance (one per call) cost ≈25 µs of an ≈90 µs echo call, with a TLB shootdown on
        // every unmap. `quiver-bench wasm` measures both ways, on a memory-bound guest too.
        let checks: EngineConfiguration.MemoryBoundsChecking = memoryChecks == .software ? .software : .mprotect
        engine = Engine(configuration: EngineConfiguration(memoryBoundsChecking: checks, fuelMetering: true))
        watchdog = Watchdog()
        workers = WorkerPool()
    }

    /// Runs a validated module once.
    ///
    /// - Parameters:
    ///   - module: The module, from ``WasmModuleCache/module(for:expectedSHA256:)``.
    ///   - input: The bytes the guest reads from stdin (the JSON input).
    ///   - sandbox: What the guest may reach. (Default: ``SandboxPolicy/none``)
    ///   - limits: Time, memory, output and fuel limits. (Default: ``RuntimeLimits/init(timeout:memoryBytes:outputBytes:fuel:diagnosticBytes:)``)
    /// - Returns: What the guest wrote, when it exited with status 0.
    /// - Throws: ``HandlerFailure`` for every other ending: a limit, a trap, a non-zero exit, an
    ///   unusable sandbox grant, or cancellation.
    public func run(
        module: WasmModule, input: [UInt8], sandbox: SandboxPolicy = .none, limits: RuntimeLimits = RuntimeLimits()
    ) async throws(HandlerFailure) -> WasmRunResult {
        if Task.isCancelled { throw HandlerFailure(.cancelled) }
        if let problem = sandbox.problem() { throw HandlerFailure(.permissionDenied(problem)) }
        let call = GuestCall(
            module: module, input: input, sandbox: sandbox, limits: limits, engine: engine, watchdog: watchdog)
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                call.completion.wait(with: continuation)
                if !workers.run({ call.run() }) {
                    call.completion.deliver(.failure(.threadUnavailable))
                }
            }
        } onCancel: {
            call.cancel()
        }
        return try result.get()
    }

    /// Runs a module given as bytes, parsing and validating it through ``cache`` first.
    ///
    /// - Throws: ``HandlerFailure``, including ``HandlerFailure/Reason/invalidModule(_:)`` for bytes
    ///   that are not a valid handler module.
    public func run(
        moduleBytes: [UInt8], input: [UInt8], sandbox: SandboxPolicy = .none, limits: RuntimeLimits = RuntimeLimits()
    ) async throws(HandlerFailure) -> WasmRunResult {
        let module = try await cache.module(for: moduleBytes)
        return try await run(module: module, input: input, sandbox: sandbox, limits: limits)
    }

    /// Runs a module with a JSON input, serialized compactly onto stdin.
    public func run(
        module: WasmModule, input: JSONValue, sandbox: SandboxPolicy = .none, limits: RuntimeLimits = RuntimeLimits()
    ) async throws(HandlerFailure) -> WasmRunResult {
        try await run(module: module, input: Array(input.serialized().utf8), sandbox: sandbox, limits: limits)
    }
}
