#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs deep validations on a dedicated thread whose stack is sized for the depth limit.
///
/// Validation recurses once per nested schema application. It starts on the caller's thread and
/// uses at most ``inPlaceBudget`` bytes of that stack (enough for typical instances); when an
/// instance nests deeper, validation starts over here, on a thread with
/// ``bytesPerLevel`` × depth limit of stack, and waits for it. The thread is created, joined and
/// gone before the call returns, so no concurrency escapes the call (a raw thread rather than a
/// task because Swift tasks cannot choose their stack size).
enum StackRunner {
    /// Stack the validator may use on the caller's thread (256 KiB: half of the smallest common
    /// thread stack, 512 KiB on macOS secondary threads; about 350 nesting levels in flag mode).
    static let inPlaceBudget = 256 * 1024
    /// Stack reserved per level of the depth limit on the dedicated thread (16 KiB: debug builds
    /// measured 7 KiB for the deepest-nesting keywords, release builds under 2 KiB).
    static let bytesPerLevel = 16 * 1024
    /// Margin kept free at the bottom of the dedicated stack.
    static let margin = 256 * 1024

    /// The address of a local variable: the current stack position.
    @inline(__always)
    static func stackPosition() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    /// The stack size for a depth limit.
    static func stackSize(forDepth depth: Int) -> Int {
        let wanted = depth.multipliedReportingOverflow(by: bytesPerLevel)
        let size = wanted.overflow ? Int.max : wanted.partialValue
        return min(max(size + margin, 1 << 20), 1 << 30)
    }

    // @unchecked Sendable: handed to exactly one thread, which finishes before the owner reads
    // anything back (pthread_join orders the accesses).
    private final class Work: @unchecked Sendable {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// Runs `body` on a new thread with `stackSize` bytes of stack and waits for it; `nil` if the
    /// thread cannot be created.
    static func run<Result>(stackSize: Int, _ body: () -> Result) -> Result? {
        var result: Result?
        let started = withoutActuallyEscaping({ result = body() }) { work -> Bool in
            let context = Unmanaged.passRetained(Work(work)).toOpaque()
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            pthread_attr_setstacksize(&attributes, stackSize)
            #if canImport(Darwin)
            var thread: pthread_t?
            let status = pthread_create(&thread, &attributes, { raw in
                Unmanaged<Work>.fromOpaque(raw).takeRetainedValue().body()
                return nil
            }, context)
            guard status == 0, let thread else {
                Unmanaged<Work>.fromOpaque(context).release()
                return false
            }
            pthread_join(thread, nil)
            #else
            var thread = pthread_t()
            let status = pthread_create(&thread, &attributes, { raw in
                if let raw { Unmanaged<Work>.fromOpaque(raw).takeRetainedValue().body() }
                return nil
            }, context)
            guard status == 0 else {
                Unmanaged<Work>.fromOpaque(context).release()
                return false
            }
            pthread_join(thread, nil)
            #endif
            return true
        }
        return started ? result : nil
    }
}
