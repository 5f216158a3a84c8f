import Hummingbird
import PackJSON

/// One route of the API: how it is matched, how OpenAPI describes it, and its handler.
///
/// The router and the OpenAPI document are both built from the same list of routes, so the
/// document cannot drift from what the server answers.
struct APIRoute: Sendable {
    /// The HTTP method.
    var method: HTTPRequest.Method
    /// The path in OpenAPI template syntax (`/api/v1/packs/{name}/v{major}`), which the router
    /// understands too.
    var path: String
    /// A stable operation ID.
    var operationID: String
    /// One line for the OpenAPI document.
    var summary: String
    /// Whether the route runs tools or changes state, so needs a bearer token when the server
    /// requires tokens.
    var invokes: Bool = false
    /// The JSON Schema of the request body, if it takes one.
    var requestSchema: JSONValue? = nil
    /// The JSON Schema of the successful response.
    var responseSchema: JSONValue = ["type": "object"]
    /// The handler.
    var handler: @Sendable (Request, BasicRequestContext) async throws -> Response

    /// The names of the path parameters, in order.
    var parameters: [String] {
        var names: [String] = []
        var rest = path[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
