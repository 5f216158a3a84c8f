#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import PackJSON
import PackMCP
import Synchronization
import Testing

/// The reading thread of a transport with an interceptor runs the tasks that prefer it.
struct ReadingThreadTests {
    @Test("a task preferring the reply's executor runs on the reading thread, and comes back to it after suspending")
    func interceptedTasksRunOnTheReadingThread() async throws {
        var requests: [Int32] = [-1, -1], responses: [Int32] = [-1, -1]
        #expect(pipe(&requests) == 0 && pipe(&responses) == 0)
        let transport = LineTransport(input: requests[0], output: responses[1], answersPendingRequests: true, intercept: { message, reply in
            guard let id = message["id"] else { return false }
            // The interceptor runs on the reading thread.
            let reader = Self.thread()
            Task(executorPreference: reply.executor) {
                let before = Self.thread() == reader
                // Resumed from the timer's thread: the job comes back through the wake-up pipe.
                try? await Task.sleep(for: .milliseconds(20))
                let after = Self.thread() == reader
                reply.send(["jsonrpc": "2.0", "id": id, "result": ["before": .bool(before), "after": .bool(after)]])
            }
            return true
        })
        try await transport.connect()
        let lines = (1...3).map { #"{"jsonrpc":"2.0","id":\#($0),"method":"x"}"# }.joined(separator: "\n") + "\n"
        #expect(lines.utf8.withContiguousStorageIfAvailable { write(requests[1], $0.baseAddress, $0.count) } == lines.utf8.count)
        // The input stays open until the three answers are in.
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while output.count { $0 == UInt8(ascii: "\n") } < 3 {
            let count = buffer.withUnsafeMutableBytes { read(responses[0], $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            output += buffer[0..<count]
        }
        close(requests[1])
        for try await _ in await transport.receive() {}
        close(requests[0]); close(responses[0]); close(responses[1])
        let messages = try String(decoding: output, as: UTF8.self).split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(messages.count == 3)
        for message in messages {
            #expect(message["result"]?["before"] == true, "\(message)")
            #expect(message["result"]?["after"] == true, "\(message)")
        }
    }

    @Test("a call still running when the input ends is answered from the global pool")
    func callsOutliveTheReadingThread() async throws {
        var requests: [Int32] = [-1, -1], responses: [Int32] = [-1, -1]
        #expect(pipe(&requests) == 0 && pipe(&responses) == 0)
        let release = Gate(), readerEnded = Gate()
        let transport = LineTransport(input: requests[0], output: responses[1], answersPendingRequests: true, intercept: { message, reply in
            guard let id = message["id"] else { return false }
            // Mark the reading thread itself: once it has ended, a new thread may get its
            // pthread_t (glibc reuses thread stacks), so comparing identities could pass wrongly.
            pthread_setspecific(Self.readerMark, UnsafeRawPointer(bitPattern: 1))
            Task(executorPreference: reply.executor) {
                await release.wait()
                reply.send(["jsonrpc": "2.0", "id": id, "result": ["onReader": .bool(pthread_getspecific(Self.readerMark) != nil)]])
            }
            return true
        }, onClose: { readerEnded.open() })
        try await transport.connect()
        let line = #"{"jsonrpc":"2.0","id":7,"method":"x"}"# + "\n"
        #expect(line.utf8.withContiguousStorageIfAvailable { write(requests[1], $0.baseAddress, $0.count) } == line.utf8.count)
        close(requests[1])
        // The reading thread sees the end of input and ends while the call waits.
        await readerEnded.wait()
        while !release.isWaiting { try await Task.sleep(for: .milliseconds(5)) }
        release.open()
        for try await _ in await transport.receive() {}
        close(responses[1])
        let output = FileHandle(fileDescriptor: responses[0], closeOnDealloc: true).readDataToEndOfFile()
        let message = try JSONParser.parse(String(decoding: output, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "")
        #expect(message["id"] == 7)
        #expect(message["result"]?["onReader"] == false, "\(message)")
        close(requests[0])
    }

    /// A thread-specific mark, set only on a reading thread (new threads start without it).
    private static let readerMark: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The current thread's identity.
    private static func thread() -> UInt {
        #if canImport(Darwin)
        UInt(bitPattern: pthread_self())
        #else
        UInt(pthread_self())
        #endif
    }
}

/// Holds one task until ``open()`` (which may come first).
private final class Gate: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Void, Never>?
        var isOpen = false
    }

    private let state = Mutex(State())

    var isWaiting: Bool { state.withLock { $0.continuation != nil } }

    func wait() async {
        await withCheckedContinuation { continuation in
            let open = state.withLock { state in
                if !state.isOpen { state.continuation = continuation }
                return state.isOpen
            }
            if open { continuation.resume() }
        }
    }

    func open() {
        let continuation = state.withLock { state in
            state.isOpen = true
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume()
    }
}
