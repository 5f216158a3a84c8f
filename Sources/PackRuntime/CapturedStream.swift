import Synchronization

/// A bounded in-memory sink for what the guest writes to stdout, stderr or `quiver.log`.
///
/// It never holds more than its limit. The stdout sink throws ``GuestStop/outputLimitReached(limit:)``
/// when a write would pass the limit, which stops the guest; the diagnostic sinks keep the first
/// `limit` bytes and count the rest. Only the guest's thread writes, and the runner reads after the
/// guest has stopped; the mutex makes that hand-over safe.
final class CapturedStream: Sendable {
    /// What happens when a write would pass the limit.
    enum Overflow: Sendable {
        /// Stop the guest (stdout).
        case stop
        /// Keep what fits, count the rest, carry on (stderr, log).
        case truncate
    }

    private struct State {
        var bytes: [UInt8] = []
        var lines: [String] = []
        /// Bytes held in `lines`.
        var lineBytes = 0
        var dropped = 0
    }

    let limit: Int
    let overflow: Overflow
    private let state = Mutex(State())

    init(limit: Int, overflow: Overflow) {
        self.limit = limit
        self.overflow = overflow
    }

    /// Appends raw bytes (stdout, stderr).
    func append(_ chunk: UnsafeRawBufferPointer) throws(GuestStop) {
        let stop: Bool = state.withLock { state in
            let room = limit - state.bytes.count
            if chunk.count <= room {
                state.bytes.append(contentsOf: chunk)
                return false
            }
            if overflow == .stop { return true }
            state.bytes.append(contentsOf: chunk.prefix(max(room, 0)))
            state.dropped += chunk.count - max(room, 0)
            return false
        }
        if stop { throw .outputLimitReached(limit: limit) }
    }

    /// Appends one log line, counted against the same byte limit.
    func appendLine(_ line: String) {
        state.withLock { state in
            let size = line.utf8.count
            if state.lineBytes + size <= limit {
                state.lines.append(line)
                state.lineBytes += size
            } else {
                state.dropped += size
            }
        }
    }

    /// The bytes written so far.
    var bytes: [UInt8] { state.withLock { $0.bytes } }
    /// The lines logged so far.
    var lines: [String] { state.withLock { $0.lines } }
    /// How many bytes were dropped past the limit.
    var droppedBytes: Int { state.withLock { $0.dropped } }
}
