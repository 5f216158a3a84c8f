#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging
public import MCP
import PackJSON
import PackKernel
import Synchronization

/// A newline-delimited JSON-RPC transport over two file descriptors, read with blocking reads on
/// a dedicated thread and written unbuffered.
///
/// This replaces the SDK's `StdioTransport`, which sets its descriptors non-blocking and sleeps
/// 10 ms whenever no input is waiting (≈ 10 ms per call; see DEPENDENCIES.md). Here a thread of
/// its own sits in `read(2)`, so a message is handed to the server as soon as its line is
/// complete, and each message is written with `write(2)` in one go, newline included.
///
/// The reading thread ends at end of input (or a read error), and `onClose` runs. The message
/// stream then finishes at once, or, with `answersPendingRequests` (a server's transport), once
/// every request read has been answered: a client that writes its requests and closes its end
/// (`printf … | quiver mcp`) still gets every response. It owns the descriptors only when
/// `closesDescriptors` is set.
///
/// ```swift
/// let transport = LineTransport(input: 0, output: 1)
/// try await server.start(transport: transport)
/// ```
public actor LineTransport: Transport {
    /// The transport's logger.
    public nonisolated let logger: Logger
    private let input: Int32
    private let output: Int32
    private let closesDescriptors: Bool
    private let maximumMessageBytes: Int
    private let stream: AsyncThrowingStream<Data, any Error>
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    private let onClose: (@Sendable () -> Void)?
    private let pending: PendingRequests?
    private let intercept: Interceptor?
    private let writer: LineWriter
    private var isConnected = false
    private var isOutputClosed = false

    /// Sees each message read (parsed) before the SDK does; returning `true` takes it over, and the
    /// interceptor answers it through the ``Reply`` (on any task) instead of the SDK server.
    public typealias Interceptor = @Sendable (_ message: JSONValue, _ reply: Reply) -> Bool

    /// Answers an intercepted request on this transport's output.
    public struct Reply: Sendable {
        fileprivate let writer: LineWriter
        fileprivate let pending: PendingRequests?
        /// Runs tasks on the reading thread, between reads: a task that prefers it
        /// (`Task(executorPreference:)`) skips the hops to the global pool and back. Only work that
        /// does not block belongs there, since the thread also reads the input. `nil` when the
        /// thread could not get one.
        public let executor: (any TaskExecutor)?

        /// Writes `response` (a JSON-RPC response object) as one line.
        public func send(_ response: JSONValue) {
            _ = writer.write(response.serializedBytes())
            if let id = response["id"] { pending?.answered(id: id.serialized()) }
        }
    }

    /// The largest message accepted by default, in bytes. (Default: 16 MiB)
    public static let defaultMaximumMessageBytes = 16 * 1024 * 1024

    /// Creates a transport over `input` (messages in) and `output` (messages out).
    /// - Parameters:
    ///   - input: The descriptor messages are read from (Default: standard input).
    ///   - output: The descriptor messages are written to (Default: standard output).
    ///   - closesDescriptors: Whether the transport closes both descriptors when it is done
    ///     (for a child's pipes); standard input and output are left open. (Default: false)
    ///   - maximumMessageBytes: A longer line ends the connection, so a peer cannot make the
    ///     host buffer without bound. (Default: ``defaultMaximumMessageBytes``)
    ///   - answersPendingRequests: Whether the messages go on until every request read has been
    ///     answered, after the input ended (for servers). (Default: false)
    ///   - intercept: Takes over some messages before the SDK sees them (Quiver's fast path for
    ///     `tools/call`). (Default: none)
    ///   - onClose: Runs once on the reading thread after the input ended.
    ///   - logger: Where transport events are logged. (Default: nowhere)
    public init(input: Int32 = 0, output: Int32 = 1, closesDescriptors: Bool = false,
                maximumMessageBytes: Int = LineTransport.defaultMaximumMessageBytes,
                answersPendingRequests: Bool = false, intercept: Interceptor? = nil,
                onClose: (@Sendable () -> Void)? = nil, logger: Logger? = nil) {
        self.input = input
        self.output = output
        self.closesDescriptors = closesDescriptors
        self.maximumMessageBytes = maximumMessageBytes
        self.onClose = onClose
        self.logger = logger ?? Logger(label: "quiver.mcp.transport", factory: { _ in SwiftLogNoOpLogHandler() })
        (stream, continuation) = AsyncThrowingStream<Data, any Error>.makeStream()
        pending = answersPendingRequests ? PendingRequests(continuation: continuation) : nil
        self.intercept = intercept
        writer = LineWriter(fd: output)
    }

    /// Starts the reading thread.
    public func connect() async throws {
        guard !isConnected else { return }
        isConnected = true
        ChildSpawn.ignoreBrokenPipes()
        // Blocking descriptors: the reader waits in read(2), the writer in write(2).
        for fd in [input, output] {
            let flags = fcntl(fd, F_GETFL)
            if flags >= 0, flags & O_NONBLOCK != 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        }
        // An interceptor's tasks may run on the reading thread, between reads.
        let executor = intercept == nil ? nil : ReadingThreadExecutor()
        let reader = LineReader(fd: input, limit: maximumMessageBytes, continuation: continuation, logger: logger,
                                closesDescriptor: closesDescriptors, requests: pending,
                                intercept: intercept.map { ($0, Reply(writer: writer, pending: pending, executor: executor)) },
                                executor: executor, onClose: onClose)
        let thread = Thread { reader.run() }
        thread.name = "quiver-mcp-read"
        thread.start()
    }

    /// Stops delivering messages; a child's output descriptor is closed, which ends its input.
    public func disconnect() async {
        continuation.finish()
        if closesDescriptors, !isOutputClosed {
            isOutputClosed = true
            close(output)
        }
    }

    /// Writes one message and its newline.
    public func send(_ data: Data) async throws {
        guard !isOutputClosed else { throw MCPError.connectionClosed }
        let failure = writer.write(data)
        pending?.answered(data)
        if let failure {
            logger.warning("cannot write a message", metadata: ["error": "\(String(cString: strerror(failure)))"])
            throw MCPError.transportError(POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO))
        }
    }

    /// The messages read, one per line (empty lines are skipped).
    public func receive() -> AsyncThrowingStream<Data, any Error> {
        stream
    }
}

/// The loop of the reading thread: splits input into lines and yields each.
private struct LineReader: @unchecked Sendable {
    // @unchecked: the logger and continuation are Sendable; the closure is only called from this thread.
    let fd: Int32
    let limit: Int
    let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    let logger: Logger
    let closesDescriptor: Bool
    let requests: PendingRequests?
    let intercept: (LineTransport.Interceptor, LineTransport.Reply)?
    let executor: ReadingThreadExecutor?
    let onClose: (@Sendable () -> Void)?

    func run() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var pending: [UInt8] = []
        reading: while true {
            if let executor {
                // Run the tasks started from the last read (and those resumed since), then sleep
                // until there is input or another task to run.
                executor.runJobs()
                guard executor.waitForInput(on: fd) else { continue }
            }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN {
                    var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    _ = poll(&waiting, 1, -1)
                    continue
                }
                logger.debug("the input ended with an error", metadata: ["error": "\(String(cString: strerror(errno)))"])
                break
            }
            if count == 0 { break }
            var start = 0
            for index in 0..<count where buffer[index] == UInt8(ascii: "\n") {
                var line = pending
                line += buffer[start..<index]
                pending.removeAll(keepingCapacity: true)
                start = index + 1
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                if !line.isEmpty {
                    if requests != nil || intercept != nil, let message = try? JSONParser.parse(line) {
                        requests?.read(message)
                        if let (intercept, reply) = intercept, intercept(message, reply) { continue }
                    }
                    continuation.yield(Data(line))
                }
            }
            pending += buffer[start..<count]
            if pending.count > limit {
                logger.warning("a message is longer than \(limit) bytes; closing the connection")
                break reading
            }
        }
        executor?.close()
        if let requests { requests.inputEnded() } else { continuation.finish() }
        if closesDescriptor { close(fd) }
        onClose?()
    }
}

/// The requests a server has read and not yet answered, so that its message stream can end
/// only after the last answer once the input has ended.
final class PendingRequests: Sendable {
    private struct State {
        var ids: Set<String> = []
        var inputEnded = false
    }

    private let state = Mutex(State())
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation

    init(continuation: AsyncThrowingStream<Data, any Error>.Continuation) {
        self.continuation = continuation
    }

    /// Notes a request (a message with `method` and `id`); a cancellation forgets its request,
    /// which gets no answer.
    func read(_ message: JSONValue) {
        guard let method = message["method"]?.stringValue else { return }
        if let id = message["id"] {
            // Only IDs the SDK can answer (a string or an integer); it answers others with a random ID.
            guard id.stringValue != nil || id.numberValue?.isInteger == true else { return }
            state.withLock { _ = $0.ids.insert(id.serialized()) }
        } else if method == "notifications/cancelled", let id = message["params"]?["requestId"] {
            finishIfDone { _ = $0.ids.remove(id.serialized()) }
        }
    }

    /// Notes an answer written: a message with an `id` and no `method`.
    func answered(_ data: Data) {
        guard state.withLock({ !$0.ids.isEmpty }) else { return }
        let id: String? = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            // The SDK writes sorted keys, so most answers start with their ID: read just that.
            let prefix = Array("{\"id\":".utf8)
            if bytes.count > prefix.count, Array(bytes.prefix(prefix.count)) == prefix,
               let end = bytes[prefix.count...].firstIndex(of: UInt8(ascii: ",")),
               bytes[prefix.count] != UInt8(ascii: "\"") {
                return String(decoding: bytes[prefix.count..<end], as: UTF8.self)
            }
            guard let message = try? JSONParser.parse(bytes), message["method"] == nil else { return nil }
            return message["id"]?.serialized()
        }
        guard let id else { return }
        answered(id: id)
    }

    /// Notes the answer to the request with this ID (serialized).
    func answered(id: String) {
        finishIfDone { _ = $0.ids.remove(id) }
    }

    func inputEnded() {
        finishIfDone { $0.inputEnded = true }
    }

    private func finishIfDone(_ change: (inout State) -> Void) {
        let done = state.withLock { state in
            change(&state)
            return state.inputEnded && state.ids.isEmpty
        }
        if done { continuation.finish() }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

/// Writes lines to a descriptor, one writer at a time, each message with one `write(2)` when the
/// pipe takes it whole.
final class LineWriter: Sendable {
    private let fd: Int32
    private let lock = Mutex(())

    init(fd: Int32) {
        self.fd = fd
    }

    /// Writes `bytes` and a newline; returns the error number when the write failed.
    func write(_ bytes: some Collection<UInt8>) -> Int32? {
        var message = [UInt8]()
        message.reserveCapacity(bytes.count + 1)
        message += bytes
        message.append(UInt8(ascii: "\n"))
        return lock.withLock { _ in
            message.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if written > 0 {
                        offset += written
                    } else if written < 0 && errno == EINTR {
                        continue
                    } else if written < 0 && errno == EAGAIN {
                        var waiting = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                        _ = poll(&waiting, 1, 100)
                    } else {
                        return errno
                    }
                }
                return nil
            }
        }
    }
}
