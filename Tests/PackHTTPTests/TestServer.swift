import Foundation
import Hummingbird
import Logging
import PackBasics
import PackHTTP
import PackJSON
import PackKernel
import PackMCP
import PackTestSupport
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A response as a raw HTTP client saw it.
struct RawResponse {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]

    var json: JSONValue { (try? JSONParser.parse(body)) ?? .null }
    var text: String { String(decoding: body, as: UTF8.self) }
    subscript(_ pointer: String) -> JSONValue? { JSONPointer(pointer)?.resolve(in: json) }
}

/// A minimal HTTP/1.1 client over a loopback socket, so tests control every header (Host,
/// Origin) exactly as an attacker's browser could.
enum RawHTTP {
    /// Sends one request and reads the whole response. The blocking socket work runs on a
    /// Dispatch thread, never on the cooperative pool the server's handlers need.
    static func request(port: Int, _ method: String, _ path: String, headers: [String: String] = [:], body: String? = nil,
                        host: String? = nil) async throws -> RawResponse {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    try blockingRequest(port: port, method, path, headers: headers, body: body, host: host)
                })
            }
        }
    }

    static func blockingRequest(port: Int, _ method: String, _ path: String, headers: [String: String], body: String?,
                                host: String?) throws -> RawResponse {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestFailure("socket() failed") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TestFailure("connect to 127.0.0.1:\(port) failed (errno \(errno))") }
        var text = "\(method) \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if let body {
            text += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        } else {
            text += "\r\n"
        }
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw TestFailure("send failed") }
            sent += count
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += chunk[..<count]
        }
        return try parse(received)
    }

    static func parse(_ bytes: [UInt8]) throws -> RawResponse {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = bytes.indices.first(where: { bytes[$0...].starts(with: separator) }) else {
            throw TestFailure("no complete HTTP response: \(String(decoding: bytes, as: UTF8.self))")
        }
        let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw TestFailure("bad status line \(head[0])") }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(bytes[(end + 4)...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return RawResponse(status: status, headers: headers, body: body)
    }

    static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard let lineEnd = (index..<bytes.count - 1).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 }) else { break }
            let size = Int(String(decoding: bytes[index..<lineEnd], as: UTF8.self), radix: 16) ?? 0
            if size == 0 { break }
            let start = lineEnd + 2
            output += bytes[start..<min(start + size, bytes.count)]
            index = start + size + 2
        }
        return output
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Collects records in memory (the SQLite store has its own tests and one end-to-end test here).
final class CollectingRecorder: InvocationRecorder {
    let records = Mutex<[InvocationRecord]>([])
    func record(_ record: InvocationRecord) async { records.withLock { $0.append(record) } }
}

/// The example packs under the example policy.
func exampleKernel() async throws -> Kernel {
    let (policy, diagnostics) = HostPolicy.load(from: Path.join(TestPaths.repositoryRoot, "examples/policy.yaml"), fileSystem: LocalFileSystem())
    guard !diagnostics.containsErrors else { throw TestFailure("examples/policy.yaml: \(diagnostics)") }
    let kernel = Kernel(policy: policy)
    await kernel.load(directories: [TestPaths.examplePacks])
    return kernel
}

/// Starts a server on a free loopback port, runs `body` with the port, and stops the server.
func withServer<T>(configuration: ServerConfiguration = ServerConfiguration(port: 0), services: ServerServices = ServerServices(),
                   recorder: (any InvocationRecorder)? = nil, mcp: MCPHTTPEndpoint? = nil,
                   _ body: (Int) async throws -> T) async throws -> T {
    let kernel = try await exampleKernel()
    let invoker = await kernel.makeInvoker(recorder: recorder)
    var configuration = configuration
    configuration.port = 0
    // Cancelling the server at the end of a test logs an error-level line in Hummingbird; keep test output readable.
    var logger = Logger(label: "quiver.http.test")
    logger.logLevel = .critical
    let server = QuiverHTTPServer(catalog: invoker.catalog, invoker: invoker, configuration: configuration, services: services, mcp: mcp,
                                  logger: logger)
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let application = server.makeApplication { _, port in continuation.yield(port) }
    let task = Task { try await application.run() }
    defer { task.cancel() }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next(), port > 0 else { throw TestFailure("the server did not report a port") }
    return try await body(port)
}
