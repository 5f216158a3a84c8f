import Foundation
public import MCP
public import PackJSON

extension JSONValue {
    /// This value as the MCP SDK's `Value`.
    ///
    /// Integers that fit `Int` stay integers; other numbers become `Double` (the SDK has no exact
    /// decimal type).
    public var mcpValue: MCP.Value {
        switch self {
        case .null: .null
        case .bool(let value): .bool(value)
        case .number(let number): number.intValue.map(MCP.Value.int) ?? .double(number.doubleValue)
        case .string(let value): .string(value)
        case .array(let elements): .array(elements.map(\.mcpValue))
        case .object(let object):
            .object(Dictionary(object.map { ($0.key, $0.value.mcpValue) }, uniquingKeysWith: { _, last in last }))
        }
    }

    /// A JSON value from the MCP SDK's `Value`; `data` values become their `data:` URL text.
    public init(mcp value: MCP.Value) {
        switch value {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .int(let value): self = .number(JSONNumber(value))
        case .double(let value): self = JSONNumber(exactly: value).map(JSONValue.number) ?? .null
        case .string(let value): self = .string(value)
        case .data(let mimeType, let data):
            self = .string("data:\(mimeType ?? "application/octet-stream");base64,\(data.base64EncodedString())")
        case .array(let elements): self = .array(elements.map(JSONValue.init(mcp:)))
        case .object(let object):
            self = .object(JSONObject(object.sorted { $0.key < $1.key }.map { ($0.key, JSONValue(mcp: $0.value)) }))
        }
    }
}
