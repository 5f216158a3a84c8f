public import Hummingbird
import HTTPTypes

/// The MCP endpoint as PackHTTP mounts it at `/mcp`: a framework-free handler from a request's
/// method, headers and body to a reply whose body is complete or streamed (server-sent events).
///
/// `quiver serve` adapts PackMCP's Streamable HTTP endpoint into one of these; the guard and the
/// token check run before it.
public struct MCPMount: Sendable {
    /// A reply body.
    public enum Body: Sendable {
        /// The whole body.
        case bytes([UInt8])
        /// Chunks sent as they come (an SSE stream).
        case stream(AsyncStream<[UInt8]>)
    }

    /// A reply.
    public struct Reply: Sendable {
        /// The HTTP status code.
        public var status: Int
        /// Response headers.
        public var headers: [(String, String)]
        /// The body.
        public var body: Body

        /// Creates a reply.
        public init(status: Int, headers: [(String, String)], body: Body) {
            self.status = status
            self.headers = headers
            self.body = body
        }
    }

    /// The handler: method, lower-cased header names → values, body.
    public typealias Handler = @Sendable (_ method: String, _ headers: [String: String], _ body: [UInt8]) async -> Reply

    private let handler: Handler

    /// Creates a mount from a handler.
    public init(_ handler: @escaping Handler) {
        self.handler = handler
    }

    func respond(to request: Request) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: JSONBody.requestLimit)
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        let reply = await handler(request.method.rawValue, headers, Array(body.readableBytesView))
        var fields = HTTPFields()
        for (name, value) in reply.headers {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        let status = HTTPResponse.Status(code: reply.status)
        switch reply.body {
        case .bytes(let bytes):
            var buffer = ByteBuffer()
            buffer.writeBytes(bytes)
            return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: buffer))
        case .stream(let chunks):
            let buffers = chunks.map { chunk -> ByteBuffer in
                var buffer = ByteBuffer()
                buffer.writeBytes(chunk)
                return buffer
            }
            return Response(status: status, headers: fields, body: ResponseBody(asyncSequence: buffers))
        }
    }
}
