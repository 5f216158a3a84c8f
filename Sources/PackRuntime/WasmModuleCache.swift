import Synchronization
import WasmKit

/// Parses and validates each handler module once per content digest, and keeps the most recently
/// used ones.
///
/// Modules are keyed by the SHA-256 of their bytes, the digest a manifest pins in `sha256`, so two
/// tools shipping the same module share one entry and a changed module never hits a stale one. The
/// cache holds at most ``capacity`` modules and evicts the least recently used. It is safe to share
/// between tasks; parsing runs outside the lock, so a slow module never blocks lookups of others.
///
/// ```swift
/// let cache = WasmModuleCache()
/// let module = try cache.module(for: bytes, expectedSHA256: handler.sha256)
/// let result = try await WasmRunner(cache: cache).run(module: module, input: input)
/// ```
public final class WasmModuleCache: Sendable {
    /// Counters for tests and diagnostics.
    public struct Statistics: Sendable, Hashable {
        /// Lookups answered from the cache.
        public var hits = 0
        /// Lookups that parsed and validated a module.
        public var misses = 0
        /// Modules dropped to stay within ``WasmModuleCache/capacity``.
        public var evictions = 0
    }

    private struct Entry {
        var module: WasmModule
        var lastUse: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var clock: UInt64 = 0
        var statistics = Statistics()
    }

    /// The largest module accepted, in bytes. (64 MiB)
    public static let maximumModuleBytes = 64 << 20

    /// How many modules the cache keeps. (Default: 64)
    public let capacity: Int
    private let state = Mutex(State())
    private let validationEngine: Engine

    /// Creates an empty cache keeping at most `capacity` modules (at least one).
    public init(capacity: Int = 64) {
        self.capacity = max(capacity, 1)
        validationEngine = Engine(configuration: EngineConfiguration(compilationMode: .eager))
    }

    /// The validated module for `bytes`, parsed now or found in the cache.
    ///
    /// - Parameters:
    ///   - bytes: The module's bytes.
    ///   - expectedSHA256: The digest the manifest pins (hex, any case), or `nil` when not pinned.
    /// - Returns: The module, ready for ``WasmRunner/run(module:input:sandbox:limits:)``.
    /// - Throws: ``HandlerFailure`` with reason ``HandlerFailure/Reason/invalidModule(_:)`` when the
    ///   bytes are too large, do not match the pinned digest, or are not a valid handler module.
    ///
    /// Complexity: O(n) in the size of the module to hash it, plus parsing on a miss.
    public func module(for bytes: [UInt8], expectedSHA256: String? = nil) throws(HandlerFailure) -> WasmModule {
        guard bytes.count <= Self.maximumModuleBytes else {
            throw HandlerFailure(
                .invalidModule(
                    "it is \(HandlerFailure.size(bytes.count)), more than the \(HandlerFailure.size(Self.maximumModuleBytes)) "
                        + "this host loads; make the module smaller"))
        }
        let digest = SHA256.hexDigest(bytes)
        if let expectedSHA256, expectedSHA256.lowercased() != digest {
            throw HandlerFailure(
                .invalidModule(
                    "its SHA-256 is '\(digest)' but the manifest pins '\(expectedSHA256)'; "
                        + "rebuild the pack or update 'sha256' in the tool's handler"))
        }
        let cached: WasmModule? = state.withLock { state in
            state.clock += 1
            guard let entry = state.entries[digest] else { return nil }
            state.entries[digest]?.lastUse = state.clock
            state.statistics.hits += 1
            return entry.module
        }
        if let cached { return cached }
        let module = try WasmModule.compile(bytes, sha256: digest, validationEngine: validationEngine)
        return state.withLock { state in
            state.statistics.misses += 1
            state.clock += 1
            if let existing = state.entries[digest] {
                state.entries[digest]?.lastUse = state.clock
                return existing.module
            }
            state.entries[digest] = Entry(module: module, lastUse: state.clock)
            while state.entries.count > capacity,
                let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key
            {
                state.entries[oldest] = nil
                state.statistics.evictions += 1
            }
            return module
        }
    }

    /// How many modules the cache holds.
    public var count: Int { state.withLock { $0.entries.count } }

    /// Hit, miss and eviction counts since the cache was created.
    public var statistics: Statistics { state.withLock { $0.statistics } }

    /// Whether the module with this digest is cached.
    public func contains(sha256: String) -> Bool {
        state.withLock { $0.entries[sha256.lowercased()] != nil }
    }

    /// Drops every module.
    public func removeAll() {
        state.withLock { $0.entries.removeAll() }
    }
}
