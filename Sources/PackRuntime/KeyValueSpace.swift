import Synchronization

/// One pack's key-value store, reached by its guests through `quiver.kv_get`, `kv_set` and
/// `kv_delete`.
///
/// Every call of every tool of the pack shares the space (that is its point: state across calls,
/// which fresh instances otherwise never keep); other packs cannot reach it. It lives in memory
/// for as long as its owner keeps it, and is bounded: keys of at most ``maximumKeyBytes`` bytes,
/// values of at most ``maximumValueBytes``, at most ``maximumEntries`` entries and
/// ``maximumTotalBytes`` of keys and values together. A write past a bound is refused (the guest
/// gets -4) and changes nothing.
public final class KeyValueSpace: Sendable, Hashable {
    /// The longest key, in bytes. (256)
    public static let maximumKeyBytes = 256
    /// The longest value, in bytes. (64 KiB)
    public static let maximumValueBytes = 64 << 10
    /// The most entries one space holds. (4096)
    public static let maximumEntries = 4096
    /// The most bytes of keys and values one space holds. (1 MiB)
    public static let maximumTotalBytes = 1 << 20

    private let state = Mutex<(entries: [String: [UInt8]], bytes: Int)>(([:], 0))

    /// Creates an empty space.
    public init() {}

    /// The value stored under `key`, if any.
    public func value(forKey key: String) -> [UInt8]? {
        state.withLock { $0.entries[key] }
    }

    /// Stores `value` under `key`, replacing what was there.
    ///
    /// - Returns: `false`, changing nothing, when the key or value is too long or the space would
    ///   pass its entry or byte bound.
    @discardableResult
    public func setValue(_ value: [UInt8], forKey key: String) -> Bool {
        let keyBytes = key.utf8.count
        guard keyBytes > 0, keyBytes <= Self.maximumKeyBytes, value.count <= Self.maximumValueBytes else { return false }
        return state.withLock { state in
            let old = state.entries[key]
            let bytes = state.bytes - (old.map { $0.count + keyBytes } ?? 0) + value.count + keyBytes
            let entries = state.entries.count + (old == nil ? 1 : 0)
            guard bytes <= Self.maximumTotalBytes, entries <= Self.maximumEntries else { return false }
            state.entries[key] = value
            state.bytes = bytes
            return true
        }
    }

    /// Removes the value under `key`; returns whether there was one.
    @discardableResult
    public func removeValue(forKey key: String) -> Bool {
        state.withLock { state in
            guard let old = state.entries.removeValue(forKey: key) else { return false }
            state.bytes -= old.count + key.utf8.count
            return true
        }
    }

    /// How many entries the space holds.
    public var count: Int { state.withLock { $0.entries.count } }

    /// How many bytes of keys and values the space holds.
    public var byteCount: Int { state.withLock { $0.bytes } }

    public static func == (lhs: KeyValueSpace, rhs: KeyValueSpace) -> Bool { lhs === rhs }

    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
