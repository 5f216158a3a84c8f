#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CQuiverSystem
import Synchronization

#if canImport(Glibc)
private let systemClose = Glibc.close
#elseif canImport(Darwin)
private let systemClose = Darwin.close
#endif

/// A task executor whose jobs run on a transport's reading thread, between reads.
///
/// The stdio fast path starts each `tools/call` of a WebAssembly tool preferring it: the call runs
/// on the thread that read it, right after the read, and comes back to that thread when the guest's
/// thread is done, instead of going to the global pool and back. That saves a thread wake-up and
/// the pool's queueing per call (see docs/mcp.md, Latency).
///
/// The reading thread sleeps in `poll(2)` on its input and on a wake-up pipe; a job enqueued from
/// another thread while it sleeps writes one byte to the pipe. Only work that does not block may
/// run here (the thread also reads the input): the fast path sends other tools to the global pool.
/// Once the reading thread has ended (``close()``), queued and later jobs go to the global
/// concurrent executor, so calls still in flight finish.
final class ReadingThreadExecutor: TaskExecutor {
    private struct State {
        var jobs: [UnownedJob] = []
        /// The reading thread is in (or about to enter) `poll(2)` and needs a byte to wake up.
        var sleeping = false
        var closed = false
    }

    private enum Action { case none, wake, forward }

    private let state = Mutex(State())
    private let wakeRead: Int32
    private let wakeWrite: Int32

    /// A new executor, or `nil` when no pipe can be made (the caller then uses the global pool).
    init?() {
        var fds: [Int32] = [-1, -1]
        // Close-on-exec from the start, so a child spawned meanwhile cannot inherit the pipe.
        guard quiver_pipe_cloexec(&fds) == 0 else { return nil }
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        wakeRead = fds[0]
        wakeWrite = fds[1]
    }

    deinit {
        // Not in close(): a thread that saw the reader sleeping may still be about to write its byte.
        _ = systemClose(wakeRead)
        _ = systemClose(wakeWrite)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let action: Action = state.withLock { state in
            if state.closed { return .forward }
            state.jobs.append(job)
            guard state.sleeping else { return .none }
            state.sleeping = false
            return .wake
        }
        switch action {
        case .none:
            break
        case .wake:
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        case .forward:
            globalConcurrentExecutor.enqueue(ExecutorJob(job))
        }
    }

    /// Runs every queued job, and those they queue, until none is left; on the reading thread only.
    func runJobs() {
        var batch: [UnownedJob] = []
        while true {
            state.withLock { swap(&batch, &$0.jobs) }
            if batch.isEmpty { return }
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }

    /// Sleeps until `fd` has input (or hung up) or a job arrives; on the reading thread only.
    ///
    /// - Returns: Whether `fd` can be read without blocking.
    func waitForInput(on fd: Int32) -> Bool {
        let sleeps = state.withLock { state in
            state.sleeping = state.jobs.isEmpty
            return state.sleeping
        }
        guard sleeps else { return false }
        var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&fds, 2, -1)
        state.withLock { $0.sleeping = false }
        guard ready > 0 else { return false }
        if fds[1].revents != 0 {
            var bytes = (UInt64(0), UInt64(0))
            while withUnsafeMutableBytes(of: &bytes, { read(wakeRead, $0.baseAddress, $0.count) }) > 0 {}
        }
        return fds[0].revents != 0
    }

    /// Hands queued and later jobs to the global concurrent executor; the reading thread is ending.
    func close() {
        let jobs = state.withLock { state in
            state.closed = true
            defer { state.jobs = [] }
            return state.jobs
        }
        for job in jobs { globalConcurrentExecutor.enqueue(ExecutorJob(job)) }
    }
}
