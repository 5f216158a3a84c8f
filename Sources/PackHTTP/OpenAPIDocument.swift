import HTTPTypes
import PackBasics
import PackJSON
import PackKernel

extension QuiverHTTPServer {
    /// The OpenAPI 3.1 document of the API, built from the same route list as the router.
    func openAPIDocument() -> JSONValue {
        var paths: JSONObject = [:]
        for route in routes() {
            var operation: JSONObject = [
                "operationId": .string(route.operationID),
                "summary": .string(route.summary),
            ]
            let parameters = route.parameters
            if !parameters.isEmpty {
                operation["parameters"] = .array(parameters.map { name in
                    [
                        "name": .string(name), "in": "path", "required": true,
                        "schema": name == "major" ? ["type": "integer", "minimum": 0] : ["type": "string"],
                    ]
                })
            }
            if let schema = route.requestSchema {
                operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": schema]]]
            }
            var responses: JSONObject = [
                "200": ["description": "Success.", "content": ["application/json": ["schema": route.responseSchema]]],
                "400": ["$ref": "#/components/responses/Error"],
                "403": ["$ref": "#/components/responses/Error"],
                "404": ["$ref": "#/components/responses/Error"],
            ]
            if route.invokes {
                responses["401"] = ["$ref": "#/components/responses/Error"]
                operation["security"] = [["bearer": []]]
            }
            if route.requestSchema != nil {
                responses["413"] = ["$ref": "#/components/responses/Error"]
                responses["422"] = ["$ref": "#/components/responses/Error"]
            }
            operation["responses"] = .object(responses)
            var item: JSONObject = paths[route.path].flatMap { if case .object(let o) = $0 { o } else { nil } } ?? [:]
            item[route.method.rawValue.lowercased()] = .object(operation)
            paths[route.path] = .object(item)
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Quiver API", "version": .string(QuiverVersion.current.description),
                "description": "The REST API of a Quiver pack host. Errors are {\"error\": {\"code\", \"message\"}}. Routes that run tools need a bearer token when the server listens beyond loopback.",
            ],
            "servers": [["url": "/"]],
            "paths": .object(paths),
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer", "description": "A token from `quiver token create NAME`."]],
                "schemas": [
                    "Error": [
                        "type": "object", "required": ["error"],
                        "properties": ["error": [
                            "type": "object", "required": ["code", "message"],
                            "properties": ["code": ["type": "string"], "message": ["type": "string"]],
                        ]],
                    ],
                ],
                "responses": [
                    "Error": ["description": "An error.", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]],
                ],
            ],
        ]
    }
}
