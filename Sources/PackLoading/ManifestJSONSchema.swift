import PackJSON

/// A JSON Schema (2020-12) of the manifest format, for editors (`quiver schema manifest`).
///
/// It describes shapes; rules that need the pack's files or cross-references (paths that exist,
/// dangling IDs, SKILL.md front matter) are checked only by ``ManifestValidator``.
public enum ManifestJSONSchema {
    /// The schema as JSON text.
    public static let text = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "https://quiver.dev/schemas/pack-manifest-1.json",
      "title": "Quiver pack manifest (PACK.yaml, format 1)",
      "type": "object",
      "required": ["format", "name", "version", "description"],
      "properties": {
        "format": {"const": 1, "description": "Manifest format version; always 1."},
        "name": {"type": "string", "pattern": "^[a-z][a-z0-9]*(-[a-z0-9]+)*$", "minLength": 2, "maxLength": 64,
                 "description": "Pack name and namespace of everything it contributes."},
        "version": {"type": "string", "pattern": "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$",
                    "description": "Semantic version 2.0."},
        "description": {"type": "string", "minLength": 1, "maxLength": 1024},
        "kernel": {"type": "string", "description": "npm-style range of Quiver versions, such as '>=0.1.0 <1.0.0'."},
        "tier": {"enum": ["built-in", "verified", "community"], "description": "A claim; the host decides."},
        "license": {"type": "string"},
        "authors": {"type": "array", "items": {"anyOf": [
          {"type": "string"},
          {"type": "object", "required": ["name"], "additionalProperties": false,
           "properties": {"name": {"type": "string"}, "email": {"type": "string"}}}]}},
        "keywords": {"type": "array", "items": {"type": "string"}, "uniqueItems": true},
        "homepage": {"type": "string"},
        "capabilities": {"type": "array", "items": {"$ref": "#/$defs/capability"}},
        "schemas": {"type": "object", "propertyNames": {"$ref": "#/$defs/id"},
                    "additionalProperties": {"anyOf": [{"type": "string"}, {"type": ["object", "boolean"]}]}},
        "tools": {"type": "array", "items": {"$ref": "#/$defs/tool"}},
        "skills": {"type": "array", "items": {"anyOf": [
          {"type": "string"},
          {"type": "object", "required": ["path"], "additionalProperties": false,
           "properties": {"path": {"type": "string"}, "activation": {"enum": ["always", "detect", "manual"]}}}]}},
        "instructions": {"type": "string"},
        "mcp": {"type": "object", "additionalProperties": {"$ref": "#/$defs/mcpServer"}},
        "plugins": {"type": "array", "items": {"type": "string"}},
        "detect": {"type": "array", "items": {"type": "object", "required": ["files"], "additionalProperties": false,
          "properties": {"files": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
                         "message": {"type": "string"}}}},
        "templates": {"type": "object", "additionalProperties": false, "properties": {
          "steps": {"type": "object", "additionalProperties": {"$ref": "#/$defs/stepTemplate"}},
          "gates": {"type": "object", "additionalProperties": {"$ref": "#/$defs/gateTemplate"}}}},
        "recipes": {"type": "object", "additionalProperties": {"$ref": "#/$defs/recipe"}},
        "routing": {"type": "array", "items": {"$ref": "#/$defs/routingRule"}},
        "safety": {"type": "object", "additionalProperties": false, "properties": {
          "write_paths": {"type": "array", "items": {"type": "string"}},
          "tools": {"type": "array", "items": {"type": "string"}},
          "commands": {"type": "array", "items": {"type": "string"}},
          "network": {"anyOf": [{"enum": ["allow", "deny"]}, {"type": "array", "items": {"type": "string"}}]}}},
        "services": {"type": "object", "additionalProperties": false, "properties": {
          "provides": {"type": "array", "items": {"type": "object", "required": ["id", "tool"], "additionalProperties": false,
            "properties": {"id": {"$ref": "#/$defs/id"}, "tool": {"type": "string"}}}},
          "requires": {"type": "array", "items": {"anyOf": [{"$ref": "#/$defs/id"},
            {"type": "object", "required": ["id"], "additionalProperties": false,
             "properties": {"id": {"$ref": "#/$defs/id"}, "optional": {"type": "boolean"}}}]}}}},
        "hooks": {"type": "array", "items": {"type": "object", "required": ["point", "tool"], "additionalProperties": false,
          "properties": {"point": {"enum": ["pre_tool_call", "post_tool_call", "pre_step", "post_step"]},
                         "tool": {"type": "string"},
                         "match": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}}}},
        "background": {"type": "array", "items": {"type": "object", "required": ["name", "every", "tool"], "additionalProperties": false,
          "properties": {"name": {"type": "string"}, "every": {"type": "string", "pattern": "^([0-9]+[smhd])+$"},
                         "tool": {"type": "string"}}}}
      },
      "$defs": {
        "id": {"type": "string", "pattern": "^[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)*$"},
        "schemaRef": {"anyOf": [{"type": "string"}, {"type": ["object", "boolean"]}],
                      "description": "{ $ref: schema-id }, a schema file path, or an inline JSON Schema."},
        "capability": {"anyOf": [
          {"enum": ["notify.model", "notify.user", "service.provide", "service.require", "hook", "background"]},
          {"type": "object", "minProperties": 1, "maxProperties": 2,
           "properties": {
             "reason": {"type": "string"},
             "fs.read": {"$ref": "#/$defs/scopes"}, "fs.write": {"$ref": "#/$defs/scopes"},
             "net": {"$ref": "#/$defs/scopes"}, "env": {"$ref": "#/$defs/scopes"},
             "secret": {"$ref": "#/$defs/scopes"}, "exec": {"$ref": "#/$defs/scopes"},
             "notify.model": {"const": true}, "notify.user": {"const": true},
             "service.provide": {"const": true}, "service.require": {"const": true},
             "hook": {"const": true}, "background": {"const": true}},
           "additionalProperties": false}]},
        "scopes": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]},
        "tool": {"type": "object", "required": ["name", "description", "input", "handler"], "additionalProperties": false,
          "properties": {
            "name": {"type": "string", "pattern": "^[a-z][a-z0-9_-]{0,63}$"},
            "description": {"type": "string", "minLength": 1},
            "input": {"$ref": "#/$defs/schemaRef"},
            "output": {"$ref": "#/$defs/schemaRef"},
            "handler": {"$ref": "#/$defs/handler"},
            "limits": {"type": "object", "additionalProperties": false, "properties": {
              "timeout_ms": {"type": "integer", "minimum": 1, "maximum": 600000},
              "memory_mb": {"type": "integer", "minimum": 1, "maximum": 4096},
              "output_kb": {"type": "integer", "minimum": 1, "maximum": 65536},
              "fuel": {"type": "integer", "minimum": 1000, "maximum": 100000000000}}},
            "annotations": {"type": "object"},
            "tests": {"type": "array", "items": {"type": "object", "required": ["input", "expect"], "additionalProperties": false,
              "properties": {"name": {"type": "string"}, "input": true,
                "expect": {"type": "object", "additionalProperties": false, "minProperties": 1, "maxProperties": 1,
                  "properties": {"output": true,
                    "error": {"enum": ["input_invalid", "denied", "handler_error", "timeout", "resource_exhausted", "output_invalid"]}}}}}}}},
        "handler": {"oneOf": [
          {"type": "object", "required": ["wasm"], "additionalProperties": false,
           "properties": {"wasm": {"type": "string"}, "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}},
          {"type": "object", "required": ["process"], "additionalProperties": false,
           "properties": {"process": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]},
                          "protocol": {"enum": ["json", "mcp"]}, "env": {"type": "object", "additionalProperties": {"type": "string"}}}},
          {"type": "object", "required": ["mcp"], "additionalProperties": false,
           "properties": {"mcp": {"type": "string"}, "tool": {"type": "string"}}},
          {"type": "object", "required": ["builtin"], "additionalProperties": false,
           "properties": {"builtin": {"type": "string", "minLength": 1}}}]},
        "mcpServer": {"type": "object", "additionalProperties": false,
          "properties": {"command": {"type": "string"}, "args": {"type": "array", "items": {"type": "string"}},
            "env": {"type": "object", "additionalProperties": {"type": "string"}},
            "url": {"type": "string", "pattern": "^https?://"}, "headers": {"type": "object", "additionalProperties": {"type": "string"}},
            "transport": {"enum": ["stdio", "http"]}},
          "oneOf": [{"required": ["command"]}, {"required": ["url"]}]},
        "action": {"type": "object", "oneOf": [{"required": ["tool"]}, {"required": ["command"]}],
          "properties": {"tool": {"type": "string"}, "input": true, "command": {"type": "array", "items": {"type": "string"}, "minItems": 1}}},
        "stepTemplate": {"type": "object", "required": ["run"], "additionalProperties": false, "properties": {
          "params": {"$ref": "#/$defs/schemaRef"}, "run": {"$ref": "#/$defs/action"},
          "gates": {"type": "array", "items": {"type": "string"}},
          "retry": {"type": "object", "additionalProperties": false, "properties": {"max": {"type": "integer", "minimum": 0, "maximum": 10}}},
          "timeout_ms": {"type": "integer", "minimum": 1}}},
        "gateTemplate": {"allOf": [{"$ref": "#/$defs/action"}], "properties": {
          "tool": true, "input": true, "command": true,
          "expect": {"type": "object", "additionalProperties": false,
            "properties": {"exit": {"type": "integer", "minimum": 0, "maximum": 255}, "output": true}}},
          "unevaluatedProperties": false},
        "recipe": {"type": "object", "required": ["steps"], "additionalProperties": false, "properties": {
          "description": {"type": "string"}, "params": {"$ref": "#/$defs/schemaRef"},
          "preconditions": {"type": "array", "items": {"type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": false,
            "properties": {"command_exists": {"type": "string"}, "file_exists": {"type": "string"}, "env": {"type": "string"}}}},
          "steps": {"type": "array", "minItems": 1, "items": {"anyOf": [{"type": "string"},
            {"type": "object", "required": ["step"], "additionalProperties": false, "properties": {
              "step": {"type": "string"}, "id": {"type": "string"}, "with": {"type": "object"},
              "after": {"type": "array", "items": {"type": "string"}}}}]}},
          "verify": {"type": "array", "items": {"type": "string"}}}},
        "routingRule": {"type": "object", "required": ["when", "then"], "additionalProperties": false, "properties": {
          "when": {"type": "object", "additionalProperties": false, "properties": {
            "gate": {"type": "string"}, "step": {"type": "string"}, "result": {"enum": ["pass", "fail"]},
            "outcome": {"type": "string"}, "violation": {"enum": ["capability", "safety", "limit"]}}},
          "then": {"anyOf": [{"enum": ["abort", "continue", "skip"]},
            {"type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": false, "properties": {
              "retry": {"type": "integer", "minimum": 1, "maximum": 10}, "goto": {"type": "string"}, "escalate": {"type": "string"}}}]}}}
      }
    }
    """#

    /// The schema as a value.
    public static var value: JSONValue {
        // The text is a constant checked by tests, so parsing cannot fail at run time.
        (try? JSONParser.parse(text)) ?? .null
    }
}
