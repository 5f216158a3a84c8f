import HTTPTypes
import Hummingbird
import PackMCP

extension MCPHTTPEndpoint {
    /// Answers a Hummingbird request at `/mcp` through the framework-free endpoint. The Host/Origin
    /// guard and the token check have run before this.
    func respond(to request: Request) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: JSONBody.requestLimit)
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        let reply = await handle(MCPHTTPRequest(method: request.method.rawValue, headers: headers, body: Array(body.readableBytesView)))
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
