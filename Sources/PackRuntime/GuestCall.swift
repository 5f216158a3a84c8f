import WASI
import WasmKit
import WasmKitWASI

/// One handler call: a fresh store and instance, run to completion on the caller-provided thread.
///
/// Nothing is shared with other calls except the parsed module and the engine, so no guest state
/// survives a call.
final class GuestCall: Sendable {
    /// The guest's `argv`.
    static let arguments = ["handler"]

    let module: WasmModule
    let input: [UInt8]
    let sandbox: SandboxPolicy
    let limits: RuntimeLimits
    let engine: Engine
    let watchdog: Watchdog
    let interrupter: CallInterrupter
    /// Where the result goes: from ``execute()`` normally, from the watchdog if it abandons the guest.
    let completion = GuestCallCompletion()
    /// When the call started; its deadline counts from here.
    let started: ContinuousClock.Instant

    init(
        module: WasmModule, input: [UInt8], sandbox: SandboxPolicy, limits: RuntimeLimits, engine: Engine,
        watchdog: Watchdog
    ) {
        self.module = module
        self.input = input
        self.sandbox = sandbox
        self.limits = limits
        self.engine = engine
        self.watchdog = watchdog
        let completion = self.completion
        let timeout = limits.timeout
        let started = ContinuousClock.now
        interrupter = CallInterrupter(deadline: started + timeout) { reason in
            completion.deliver(
                .failure(
                    HandlerFailure(
                        reason == .deadline ? .timedOut(after: timeout) : .cancelled, duration: started.duration(to: .now))))
        }
        self.started = started
    }

    /// Asks for the guest to be stopped because the caller's task was cancelled.
    func cancel() {
        interrupter.requestCancellation()
        watchdog.wake()
    }

    /// Runs the guest and delivers its result; blocks the current thread until the guest ends.
    func run() {
        completion.deliver(execute())
    }

    /// Runs the guest; blocks the current thread until it ends.
    func execute() -> Result<WasmRunResult, HandlerFailure> {
        let clock = ContinuousClock()
        let stdout = CapturedStream(limit: limits.outputBytes, overflow: .stop)
        let stderr = CapturedStream(limit: limits.diagnosticBytes, overflow: .truncate)
        let log = CapturedStream(limit: limits.diagnosticBytes, overflow: .truncate)

        let bridge: WASIBridgeToHost
        do {
            bridge = try GuestStdio.makeBridge(
                arguments: Self.arguments, environment: sandbox.environment, directories: sandbox.directories,
                input: input, stdout: stdout, stderr: stderr)
        } catch {
            return .failure(.directoryUnavailable(firstLine(of: error)))
        }
        defer { try? bridge.close() }

        let store = Store(engine: engine)
        let limiter = MemoryLimiter(memoryLimit: limits.memoryBytes)
        store.install(limiter)
        store.fuel = Fuel(remaining: limits.fuel)
        var imports = Imports()
        WASIGuard(
            arguments: Self.arguments, environment: sandbox.environment, directories: sandbox.directories,
            deadline: interrupter.deadline
        ).link(bridge, plan: module.wasiImports, to: &imports, store: store)
        let quiver = QuiverImports(sandbox: sandbox, log: log, deadline: interrupter.deadline)
        quiver.link(module.quiverImports, to: &imports, store: store)

        interrupter.attach(store)
        guard watchdog.watch(interrupter) else {
            _ = interrupter.finish()
            return .failure(.watchdogUnavailable)
        }
        var exitCode: UInt32 = 0
        var failure: (any Error)?
        do {
            let instance = try module.module.instantiate(store: store, imports: imports)
            exitCode = try bridge.start(instance)
        } catch {
            failure = error
        }
        let stopReason = interrupter.finish()
        watchdog.forget(interrupter)
        let duration = started.duration(to: clock.now)
        let fuelUsed = limits.fuel - min(store.fuel?.remaining ?? 0, limits.fuel)

        let secrets = quiver.fetchedSecrets
        let standardError = SecretRedaction.redact(String(decoding: stderr.bytes, as: UTF8.self), secrets: secrets)
        let lines = log.lines.map { SecretRedaction.redact($0, secrets: secrets) }
        if let reason = failureReason(failure, exitCode: exitCode, stopReason: stopReason, limiter: limiter, stderr: standardError) {
            return .failure(HandlerFailure(reason, standardError: standardError, log: lines, duration: duration))
        }
        return .success(
            WasmRunResult(
                output: SecretRedaction.redact(stdout.bytes, secrets: secrets), standardError: standardError, log: lines,
                droppedDiagnosticBytes: stderr.droppedBytes + log.droppedBytes, exitCode: 0, fuelUsed: fuelUsed,
                duration: duration, denials: quiver.denials))
    }

    /// Why the call failed, or `nil` when the guest exited with status 0.
    ///
    /// A stop requested by the watchdog explains any failure that follows it; then the host's own
    /// stops; then a refused memory growth, which explains the guest's failure; then fuel; then the
    /// trap or exit status itself.
    private func failureReason(
        _ failure: (any Error)?, exitCode: UInt32, stopReason: CallInterrupter.Reason?, limiter: MemoryLimiter,
        stderr: String
    ) -> HandlerFailure.Reason? {
        if failure == nil && exitCode == 0 { return nil }
        switch stopReason {
        case .deadline: return .timedOut(after: limits.timeout)
        case .cancellation: return .cancelled
        case nil: break
        }
        if let stop = failure as? GuestStop {
            switch stop {
            case .outputLimitReached(let limit): return .outputTooLarge(limit: limit)
            case .sleepPastDeadline: return .timedOut(after: limits.timeout)
            case .badGuestMemory(let function, let detail):
                return HandlerFailure.badGuestMemory(function: function, detail: detail)
            }
        }
        if limiter.refusedGrowth { return .memoryLimitExceeded }
        if let failure {
            let message = firstLine(of: failure)
            if message == "out of fuel" { return .fuelExhausted(budget: limits.fuel) }
            return .crashed(exitStatus: nil, message: message)
        }
        return .crashed(exitStatus: Int32(bitPattern: exitCode), message: firstLine(of: stderr))
    }
}
