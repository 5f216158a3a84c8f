// WasmKit 0.4.2 lets a host cap memory growth only through `Store.resourceLimiter`, which is
// `@_spi(Fuzzing)` (upstream marks it "consider making this public"). The same SPI offers
// `Module.dropStartFunction()`, which the module cache needs to validate a module without running
// any of its code. Every use of that SPI is in this file, so a WasmKit update that changes it
// breaks here and nowhere else; the version is pinned exactly in Package.swift.
@_spi(Fuzzing) import WasmKit
import Synchronization

/// Refuses linear-memory and table growth past the call's limits, and remembers that it did.
///
/// A refused `memory.grow` returns -1 to the guest, which may cope (an allocator falling back);
/// only when the guest then fails does the runner report ``HandlerFailure/Reason/memoryLimitExceeded``.
/// An initial memory above the limit makes instantiation fail.
final class MemoryLimiter: ResourceLimiter {
    /// The most linear memory, in bytes.
    let memoryLimit: Int
    /// The most elements one table may hold: a table costs host memory too. (1 000 000)
    static let tableElementLimit = 1_000_000
    private let refused = Atomic<Bool>(false)

    init(memoryLimit: Int) {
        self.memoryLimit = memoryLimit
    }

    /// Whether any growth was refused.
    var refusedGrowth: Bool { refused.load(ordering: .relaxed) }

    func limitMemoryGrowth(to desired: Int) throws -> Bool {
        guard desired <= memoryLimit else {
            refused.store(true, ordering: .relaxed)
            return false
        }
        return true
    }

    func limitTableGrowth(to desired: Int) throws -> Bool {
        guard desired <= Self.tableElementLimit else {
            refused.store(true, ordering: .relaxed)
            return false
        }
        return true
    }
}

extension Store {
    /// Installs `limiter` on this store.
    func install(_ limiter: MemoryLimiter) {
        resourceLimiter = limiter
    }
}

extension Module {
    /// This module without its start function, so that instantiating it runs no guest code.
    var withoutStartFunction: Module {
        var copy = self
        copy.dropStartFunction()
        return copy
    }
}
