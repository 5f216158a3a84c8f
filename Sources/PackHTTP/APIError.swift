public import Hummingbird
import PackJSON

/// An error the API answers as `{"error": {"code": "...", "message": "..."}}` with its status.
///
/// `code` is stable and meant for programs (`not_found`, `invalid_json`, `unauthorized`, ...);
/// `message` is for people and says what to change.
public struct APIError: Error, Sendable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// A stable, machine-readable code.
    public var code: String
    /// What went wrong and how to fix it.
    public var message: String
    /// Extra response headers (`WWW-Authenticate`, `Allow`).
    public var headers: HTTPFields

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// The error as JSON.
    public var jsonValue: JSONValue {
        ["error": ["code": .string(code), "message": .string(message)]]
    }

    /// The error as a response.
    public var response: Response {
        var response = JSONBody.response(jsonValue, status: status)
        for field in headers { response.headers.append(field) }
        return response
    }

    static func notFound(_ message: String) -> APIError { APIError(.notFound, "not_found", message) }
    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, "bad_request", message) }

    /// Maps any error thrown inside a handler (including Hummingbird's own) to an ``APIError``.
    static func from(_ error: any Error) -> APIError {
        if let error = error as? APIError { return error }
        if let error = error as? HTTPError {
            let code: String
            switch error.status {
            case .notFound: code = "not_found"
            case .methodNotAllowed: code = "method_not_allowed"
            case .contentTooLarge: code = "payload_too_large"
            case .badRequest: code = "bad_request"
            case .unsupportedMediaType: code = "unsupported_media_type"
            default: code = error.status.code >= 500 ? "internal" : "http_\(error.status.code)"
            }
            let message = error.body ?? (error.status == .notFound
                ? "no such route; the API is described at /api/v1/openapi.json"
                : error.status.reasonPhrase)
            return APIError(error.status, code, message, headers: error.headers)
        }
        return APIError(.internalServerError, "internal", "internal error: \(error)")
    }
}

/// JSON bodies in and out.
enum JSONBody {
    /// The largest request body the API reads (1 MiB); larger bodies get `413 payload_too_large`.
    static let requestLimit = 1 << 20

    /// A JSON response.
    static func response(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        let bytes = value.serializedBytes()
        var buffer = ByteBuffer()
        buffer.writeBytes(bytes)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: buffer))
    }

    /// Reads and parses the request body as JSON, with a size limit.
    static func read(_ request: Request) async throws(APIError) -> JSONValue {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: requestLimit)
        } catch {
            throw APIError(.contentTooLarge, "payload_too_large", "the request body is larger than \(requestLimit) bytes")
        }
        guard buffer.readableBytes > 0 else {
            throw APIError.badRequest("the request body is empty; send a JSON object")
        }
        do {
            return try buffer.readableBytesView.withContiguousStorageIfAvailable { try JSONParser.parse($0) }
                ?? JSONParser.parse(Array(buffer.readableBytesView))
        } catch {
            throw APIError(.badRequest, "invalid_json", "the request body is not valid JSON: \(error)")
        }
    }
}
