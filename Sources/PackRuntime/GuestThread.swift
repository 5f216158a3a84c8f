#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts a detached POSIX thread.
///
/// A guest runs synchronously inside WasmKit for up to its whole timeout, and module validation
/// can take milliseconds, so neither may run on the Swift concurrency pool (two cores here: two
/// long calls would stall every task). They run on threads of their own (``WorkerPool`` keeps guest
/// threads for reuse), and the awaiting task suspends on a continuation.
enum GuestThread {
    /// The stack of a guest thread: WasmKit keeps the guest's own stack separately, so this only
    /// holds host frames. (4 MiB)
    static let stackSize = 4 << 20

    /// Runs `body` on a new detached thread.
    ///
    /// - Returns: `false` when the system refuses to create a thread (then `body` is not run).
    static func start(name: String, _ body: @escaping @Sendable () -> Void) -> Bool {
        let box = Unmanaged.passRetained(Box(name: name, body: body))
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        let status = pthread_create(&thread, &attributes, { context in
            guard let context else { return nil }
            let box = Unmanaged<Box>.fromOpaque(context).takeRetainedValue()
            #if canImport(Darwin)
            pthread_setname_np(box.name)
            #endif
            box.body()
            return nil
        }, box.toOpaque())
        if status != 0 {
            box.release()
            return false
        }
        return true
    }

    private final class Box {
        let name: String
        let body: @Sendable () -> Void
        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }
}
