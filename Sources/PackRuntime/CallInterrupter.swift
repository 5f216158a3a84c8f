import Synchronization
import WasmKit

/// Stops one running guest from another thread, at its deadline or when its caller is cancelled.
///
/// WasmKit 0.4.2 has no thread-safe way to interrupt a running call, and its out-of-fuel trap
/// cannot be resumed, so a budget cannot be refilled in slices. What works: the interpreter re-reads
/// the store's fuel cell from memory at every metered region (each loop iteration, each function
/// entry), so setting the fuel to zero from another thread makes the guest trap with "out of fuel"
/// at its next region. That write races with the guest's own read-modify-write of the cell (a
/// deliberate, benign race: an aligned 64-bit store cannot tear on the platforms we support), and
/// the guest can overwrite it; so the write is repeated in bursts, each store followed by a fence
/// so that the compiler cannot merge them, and the ``Watchdog`` retries every millisecond until the
/// guest has stopped. Measured in release builds, a burst stops a tight loop within a few
/// milliseconds. The fuel budget itself stays the deterministic backstop.
///
/// A guest blocked inside a host call (a read that never returns) burns no fuel and cannot be
/// stopped this way. ``abandonDelay`` after the stop request the call is abandoned: the caller gets
/// its answer, and the guest's thread is left to trap as soon as it returns to WebAssembly (its fuel
/// is zero, and a blocked guest cannot overwrite it), still retried at ``abandonedRetryInterval``.
final class CallInterrupter: Sendable {
    /// Why the guest was stopped.
    enum Reason: Sendable {
        case deadline
        case cancellation
    }

    /// What the watchdog should do next with this call.
    enum Check {
        /// Nothing yet: look again at the deadline.
        case waitUntil(ContinuousClock.Instant)
        /// The guest was told to stop: look again after this long in case it missed it.
        case retry(after: Duration)
        /// The guest has finished: forget it.
        case finished
    }

    /// How many zeroing stores one burst makes: enough to span several iterations of a guest loop
    /// that is running at the same time, few enough to keep the watchdog cheap.
    static let burstLength = 256
    /// How often a guest told to stop is told again until it has. (1 millisecond)
    static let retryInterval: Duration = .milliseconds(1)
    /// How long after the stop request a guest that has not stopped is abandoned. (500 milliseconds)
    static let abandonDelay: Duration = .milliseconds(500)
    /// How often an abandoned guest is still told to stop. (50 milliseconds)
    static let abandonedRetryInterval: Duration = .milliseconds(50)

    /// The store, handed to the watchdog thread only to zero its fuel (see the type's discussion).
    private struct StoreReference: @unchecked Sendable {
        let store: Store
    }

    private struct State: Sendable {
        var store: StoreReference?
        var finished = false
        var cancellationRequested = false
        var reason: Reason?
        var stopRequestedAt: ContinuousClock.Instant?
        var abandoned = false
    }

    /// When the call must end.
    let deadline: ContinuousClock.Instant
    private let state = Mutex(State())
    private let onAbandon: @Sendable (Reason) -> Void

    /// Creates the interrupter of one call.
    ///
    /// - Parameter onAbandon: Answers the caller when the guest does not stop in time; called once,
    ///   on the watchdog's thread.
    init(deadline: ContinuousClock.Instant, onAbandon: @escaping @Sendable (Reason) -> Void) {
        self.deadline = deadline
        self.onAbandon = onAbandon
    }

    /// Makes `store` the one to stop; called on the guest's thread before any guest code runs.
    func attach(_ store: Store) {
        state.withLock { $0.store = StoreReference(store: store) }
    }

    /// Marks the call finished and returns why it was stopped, if it was.
    ///
    /// Called on the guest's thread; after it returns the watchdog no longer touches the store.
    func finish() -> Reason? {
        state.withLock { state in
            state.finished = true
            state.store = nil
            return state.reason
        }
    }

    /// Asks for the guest to be stopped because its caller was cancelled.
    func requestCancellation() {
        state.withLock { $0.cancellationRequested = true }
    }

    /// Stops the guest if it is due, and abandons it if it has not stopped in time; called by the
    /// watchdog.
    func check(now: ContinuousClock.Instant) -> Check {
        let (check, abandon): (Check, Reason?) = state.withLock { state in
            if state.finished { return (.finished, nil) }
            let reason: Reason
            if let existing = state.reason {
                reason = existing
            } else if state.cancellationRequested {
                reason = .cancellation
            } else if now >= deadline {
                reason = .deadline
            } else {
                return (.waitUntil(deadline), nil)
            }
            state.reason = reason
            if let reference = state.store {
                for _ in 0..<Self.burstLength {
                    reference.store.fuel = Fuel(remaining: 0)
                    atomicMemoryFence(ordering: .sequentiallyConsistent)
                }
            }
            let requested = state.stopRequestedAt ?? now
            state.stopRequestedAt = requested
            if state.abandoned { return (.retry(after: Self.abandonedRetryInterval), nil) }
            if requested.duration(to: now) >= Self.abandonDelay {
                state.abandoned = true
                return (.retry(after: Self.abandonedRetryInterval), reason)
            }
            return (.retry(after: Self.retryInterval), nil)
        }
        if let abandon { onAbandon(abandon) }
        return check
    }
}
