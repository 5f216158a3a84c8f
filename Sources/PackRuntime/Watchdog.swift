#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One thread that stops the guests of a ``WasmRunner`` when their deadline passes or their caller
/// is cancelled.
///
/// It has to be a thread: the guest's own thread is busy running it, and a task on the concurrency
/// pool could not keep retrying after its caller's cancellation (a cancelled task cannot sleep).
/// The thread starts with the first call, sleeps on a condition variable until the earliest
/// deadline, and exits after ``idleLifetime`` without calls.
final class Watchdog: @unchecked Sendable {
    // @unchecked Sendable: `calls` and `isRunning` are only touched with `mutex` held.

    /// How long the thread outlives the last call. (5 seconds)
    static let idleLifetime: Duration = .seconds(5)

    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    private var calls: [ObjectIdentifier: CallInterrupter] = [:]
    private var isRunning = false

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        #if canImport(Darwin)
        pthread_cond_init(condition, nil)
        #else
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
        #endif
    }

    deinit {
        // The thread holds a strong reference while it runs, so it has exited by now.
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Starts watching a call.
    ///
    /// - Returns: `false` when the watchdog thread cannot be started; the call must not run then.
    func watch(_ call: CallInterrupter) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        calls[ObjectIdentifier(call)] = call
        if !isRunning {
            isRunning = GuestThread.start(name: "quiver-watchdog") { [self] in run() }
            if !isRunning {
                calls[ObjectIdentifier(call)] = nil
                return false
            }
        }
        pthread_cond_signal(condition)
        return true
    }

    /// Stops watching a call that has finished.
    func forget(_ call: CallInterrupter) {
        pthread_mutex_lock(mutex)
        calls[ObjectIdentifier(call)] = nil
        pthread_mutex_unlock(mutex)
    }

    /// Wakes the thread to look at the calls now (after a cancellation request).
    func wake() {
        pthread_mutex_lock(mutex)
        pthread_cond_signal(condition)
        pthread_mutex_unlock(mutex)
    }

    private func run() {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while true {
            var wake: ContinuousClock.Instant?
            for (key, call) in calls {
                let now = ContinuousClock.now
                switch call.check(now: now) {
                case .finished: calls[key] = nil
                case .retry(let delay): wake = min(wake ?? now + delay, now + delay)
                case .waitUntil(let deadline): wake = min(wake ?? deadline, deadline)
                }
            }
            if calls.isEmpty {
                wait(for: Self.idleLifetime)
                if calls.isEmpty {
                    isRunning = false
                    return
                }
                continue
            }
            if let wake { wait(for: ContinuousClock.now.duration(to: wake)) }
        }
    }

    /// Waits on the condition for at most `duration`; `mutex` must be held.
    private func wait(for duration: Duration) {
        let (seconds, attoseconds) = min(max(duration, .zero), .seconds(3600)).components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        #if canImport(Darwin)
        var relative = timespec(tv_sec: nanoseconds / 1_000_000_000, tv_nsec: nanoseconds % 1_000_000_000)
        pthread_cond_timedwait_relative_np(condition, mutex, &relative)
        #else
        var deadline = timespec()
        clock_gettime(CLOCK_MONOTONIC, &deadline)
        let total = Int(deadline.tv_nsec) + nanoseconds % 1_000_000_000
        deadline.tv_sec += nanoseconds / 1_000_000_000 + total / 1_000_000_000
        deadline.tv_nsec = total % 1_000_000_000
        pthread_cond_timedwait(condition, mutex, &deadline)
        #endif
    }
}
