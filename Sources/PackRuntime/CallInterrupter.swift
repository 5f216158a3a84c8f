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
        /// The guest was told to stop: look again soon in case it missed it.
        case retry
        /// The guest has finished: forget it.
        case finished
    }

    /// How many zeroing stores one burst makes.
    static let burstLength = 2_000

    /// The store, handed to the watchdog thread only to zero its fuel (see the type's discussion).
    private struct StoreReference: @unchecked Sendable {
        let store: Store
    }

    private struct State: Sendable {
        var store: StoreReference?
        var finished = false
        var cancellationRequested = false
        var reason: Reason?
    }

    /// When the call must end.
    let deadline: ContinuousClock.Instant
    private let state = Mutex(State())

    init(deadline: ContinuousClock.Instant) {
        self.deadline = deadline
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

    /// Stops the guest if it is due; called by the watchdog.
    func check(now: ContinuousClock.Instant) -> Check {
        state.withLock { state in
            if state.finished { return .finished }
            let reason: Reason
            if let existing = state.reason {
                reason = existing
            } else if state.cancellationRequested {
                reason = .cancellation
            } else if now >= deadline {
                reason = .deadline
            } else {
                return .waitUntil(deadline)
            }
            state.reason = reason
            if let reference = state.store {
                for _ in 0..<Self.burstLength {
                    reference.store.fuel = Fuel(remaining: 0)
                    atomicMemoryFence(ordering: .sequentiallyConsistent)
                }
            }
            return .retry
        }
    }
}
