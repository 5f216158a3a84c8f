#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Threads that run guest calls, kept after a call so that the next one skips thread creation.
///
/// Every job gets a thread of its own at once (an idle one, or a new one): a guest may run for its
/// whole timeout, so a job never waits for another to finish. At most ``maximumIdle`` threads wait
/// for work, each for at most ``idleLifetime``.
final class WorkerPool: @unchecked Sendable {
    // @unchecked Sendable: `jobs`, `available` and `threads` are only touched with `mutex` held.

    /// How many finished threads wait for the next job. (32: a server with 32 concurrent calls
    /// reuses its threads instead of creating and ending one per call; an idle thread costs its
    /// stack's address space and little memory, and exits after ``idleLifetime``.)
    static let maximumIdle = 32
    /// How long an idle thread waits before it exits. (10 seconds)
    static let idleLifetime: Duration = .seconds(10)

    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    private var jobs: [@Sendable () -> Void] = []
    /// Idle threads not yet promised to a queued job.
    private var available = 0

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
        // Each thread holds a strong reference while it runs, so all have exited by now.
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Runs `job` on an idle thread or a new one.
    ///
    /// - Returns: `false` when no thread is idle and the system refuses to create one.
    func run(_ job: @escaping @Sendable () -> Void) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        jobs.append(job)
        if available > 0 {
            available -= 1
            pthread_cond_signal(condition)
            return true
        }
        if GuestThread.start(name: "quiver-wasm", { [self] in work() }) { return true }
        jobs.removeLast()
        return false
    }

    private func work() {
        pthread_mutex_lock(mutex)
        while true {
            if !jobs.isEmpty {
                let job = jobs.removeFirst()
                pthread_mutex_unlock(mutex)
                job()
                pthread_mutex_lock(mutex)
                guard available < Self.maximumIdle else { break }
                available += 1
                continue
            }
            if waitTimedOut(), jobs.isEmpty {
                available -= 1
                break
            }
        }
        pthread_mutex_unlock(mutex)
    }

    /// Waits for a job for at most ``idleLifetime``; `mutex` must be held.
    private func waitTimedOut() -> Bool {
        #if canImport(Darwin)
        var relative = timespec(tv_sec: 10, tv_nsec: 0)
        return pthread_cond_timedwait_relative_np(condition, mutex, &relative) == ETIMEDOUT
        #else
        var deadline = timespec()
        clock_gettime(CLOCK_MONOTONIC, &deadline)
        deadline.tv_sec += Int(Self.idleLifetime.components.seconds)
        return pthread_cond_timedwait(condition, mutex, &deadline) == ETIMEDOUT
        #endif
    }
}
