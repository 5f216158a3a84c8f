import Synchronization

/// Delivers a call's result to the awaiting task exactly once, from whichever comes first: the
/// guest's thread when it ends, or the watchdog when it abandons a guest that would not stop.
final class GuestCallCompletion: Sendable {
    typealias Outcome = Result<WasmRunResult, HandlerFailure>

    private struct State {
        var continuation: CheckedContinuation<Outcome, Never>?
        var pending: Outcome?
        var delivered = false
    }

    private let state = Mutex(State())

    /// Sets the continuation to resume; resumes it at once if the result is already known.
    func wait(with continuation: CheckedContinuation<Outcome, Never>) {
        let ready: Outcome? = state.withLock { state in
            if let pending = state.pending {
                state.pending = nil
                state.delivered = true
                return pending
            }
            state.continuation = continuation
            return nil
        }
        if let ready { continuation.resume(returning: ready) }
    }

    /// Delivers `outcome` unless an outcome was delivered already.
    func deliver(_ outcome: Outcome) {
        let continuation: CheckedContinuation<Outcome, Never>? = state.withLock { state in
            guard !state.delivered, state.pending == nil else { return nil }
            guard let continuation = state.continuation else {
                state.pending = outcome
                return nil
            }
            state.continuation = nil
            state.delivered = true
            return continuation
        }
        continuation?.resume(returning: outcome)
    }
}
