import Foundation

/// The files of a new pack, for each `quiver create` template.
enum PackScaffold {
    enum Template: String, CaseIterable {
        case tool
        case skills
        case mcp
        case workflow

        var summary: String {
            switch self {
            case .tool: "a tool with a JSON-Schema contract and a WebAssembly handler"
            case .skills: "agent skills and instructions, activated when a project matches"
            case .mcp: "an MCP server definition for coding agents, with a skill that explains it"
            case .workflow: "step and gate templates, a recipe, routing rules and a safety policy"
            }
        }
    }

    /// Relative path → contents.
    static func files(name: String, template: Template) -> [(String, [UInt8])] {
        var files: [(String, String)] = []
        switch template {
        case .tool:
            files.append(("PACK.yaml", toolManifest(name)))
            files.append(("handlers/echo.wat", EchoModule.source + "\n"))
        case .skills:
            files.append(("PACK.yaml", skillsManifest(name)))
            files.append(("skills/\(name)-conventions/SKILL.md", skill(name: "\(name)-conventions",
                description: "Conventions for working in projects that use \(name): naming, layout and review checklist. Use when editing or reviewing such a project.")))
            files.append(("INSTRUCTIONS.md", "# Working with \(name)\n\nWrite the instructions every agent session should follow here.\n"))
        case .mcp:
            files.append(("PACK.yaml", mcpManifest(name)))
            files.append(("skills/\(name)-server/SKILL.md", skill(name: "\(name)-server",
                description: "How to use the \(name) MCP server's tools well. Use when the task needs files of the project.")))
        case .workflow:
            files.append(("PACK.yaml", workflowManifest(name)))
        }
        files.append(("README.md", readme(name: name, template: template)))
        var result = files.map { ($0.0, Array($0.1.utf8)) }
        if template == .tool { result.append(("handlers/echo.wasm", EchoModule.bytes)) }
        return result.sorted { $0.0 < $1.0 }
    }

    private static func header(_ name: String, _ description: String) -> String {
        """
        # Pack manifest, format 1. Reference: docs/pack-format.md in the Quiver repository.
        # Check it with: quiver validate .
        format: 1
        name: \(name)
        version: 0.1.0
        description: \(yamlQuoted(description))
        kernel: ">=0.1.0 <1.0.0"
        license: Apache-2.0
        authors: ["Your Name <you@example.com>"]
        keywords: [example]

        """
    }

    private static func toolManifest(_ name: String) -> String {
        header(name, "An echo tool that returns its input, as a starting point for real tools") + """
        schemas:
          message.v1:
            type: object
            properties:
              message: { type: string, minLength: 1, maxLength: 1000 }
            required: [message]
            additionalProperties: false

        tools:
          - name: echo
            description: Return the message it is given, unchanged
            input: { $ref: message.v1 }
            output: { $ref: message.v1 }
            handler: { wasm: handlers/echo.wasm }
            limits: { timeout_ms: 1000, memory_mb: 16, output_kb: 64 }
            tests:
              - name: echoes a message
                input: { message: hello }
                expect: { output: { message: hello } }
              - name: refuses an empty message
                input: { message: "" }
                expect: { error: input_invalid }

        """
    }

    private static func skillsManifest(_ name: String) -> String {
        header(name, "Skills and instructions for projects that use \(name)") + """
        skills:
          - path: skills/\(name)-conventions
            activation: detect
        instructions: INSTRUCTIONS.md

        detect:
          - files: ["\(name).config.*", "**/\(name).yaml"]
            message: "\(name) project found"

        """
    }

    private static func mcpManifest(_ name: String) -> String {
        header(name, "The \(name) MCP server for coding agents, with a skill on how to use it") + """
        capabilities:
          - fs.read: ["${project}/**"]
            reason: "the server reads project files to answer questions about them"

        mcp:
          files:
            command: npx
            args: ["-y", "@modelcontextprotocol/server-filesystem", "${project}"]

        skills:
          - path: skills/\(name)-server
            activation: always

        """
    }

    private static func workflowManifest(_ name: String) -> String {
        header(name, "A build-and-check workflow: run the tests, lint, and stop on failure") + """
        capabilities:
          - exec: [make]
            reason: "the steps run the project's make targets"

        schemas:
          target.v1:
            type: object
            properties:
              target: { type: string, pattern: "^[a-z][a-z0-9_-]*$" }
            required: [target]

        templates:
          steps:
            build:
              params: { $ref: target.v1 }
              run: { command: ["make", "{{target}}"] }
              gates: [tests_pass]
              retry: { max: 1 }
          gates:
            tests_pass:
              command: ["make", "test"]
              expect: { exit: 0 }

        recipes:
          build_and_check:
            description: Build a target, then run the tests
            params: { $ref: target.v1 }
            preconditions: [{ command_exists: make }]
            steps: [build]
            verify: [tests_pass]

        routing:
          - when: { gate: tests_pass, result: fail }
            then: { retry: 2 }
          - when: { violation: capability }
            then: abort

        safety:
          write_paths: ["${project}/build/**"]
          commands: [make]
          network: deny

        """
    }

    private static func skill(name: String, description: String) -> String {
        """
        ---
        name: \(name)
        description: \(yamlQuoted(description))
        ---

        # \(name)

        Write what the agent should know and do here: steps, conventions, examples.
        Keep the description above under 1024 characters: agents read it to decide when to use the skill.

        """
    }

    /// A YAML double-quoted scalar.
    static func yamlQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private static func readme(name: String, template: Template) -> String {
        var lines = [
            "# \(name)", "",
            "A Quiver pack: \(template.summary).", "",
            "## Files", "",
            "- `PACK.yaml` is the manifest: identity (`name`, `version`), the Quiver versions it works with (`kernel`),",
            "  and what the pack contributes. Every key is described in Quiver's `docs/pack-format.md`.",
        ]
        switch template {
        case .tool:
            lines += [
                "- `handlers/echo.wasm` is the tool's handler, a WebAssembly (WASI preview 1) module: it reads the",
                "  JSON input on stdin and writes the JSON output on stdout. It runs sandboxed, with only what the host grants.",
                "- `handlers/echo.wat` is its source, in WebAssembly text; rebuild with `wat2wasm handlers/echo.wat -o handlers/echo.wasm`.",
                "  Handlers can be written in any language that compiles to wasm32-wasi (C, Rust, Zig, Go).",
                "- `schemas:` in the manifest declares `message.v1`, used as the tool's input and output contract;",
                "  inputs and outputs are validated against it on every call.",
                "- `tests:` lists example calls that `quiver test` runs.",
            ]
        case .skills:
            lines += [
                "- `skills/\(name)-conventions/SKILL.md` is an Agent Skill: front matter with `name` (equal to its",
                "  folder name) and `description` (at most 1024 characters), then the instructions in Markdown.",
                "- `INSTRUCTIONS.md` holds instructions written into the agent's project configuration on activation.",
                "- `detect:` says which projects need the pack; skills with `activation: detect` are activated there.",
            ]
        case .mcp:
            lines += [
                "- `mcp:` declares MCP servers that activation writes into the agent's configuration",
                "  (Claude Code, Cursor, VS Code, opencode, Codex); `${project}` is replaced by the project path.",
                "- `capabilities:` requests what the pack needs, each with a reason shown when the user consents.",
                "- `skills/\(name)-server/SKILL.md` tells the agent how to use the server's tools.",
            ]
        case .workflow:
            lines += [
                "- `templates.steps` and `templates.gates` are reusable steps (a tool call or a command) and checks.",
                "- `recipes:` combines steps into a workflow, with preconditions and gates to verify the result.",
                "- `routing:` decides what happens when a gate fails or a policy is violated.",
                "- `safety:` proposes a policy (write paths, commands, network); the host may narrow it, never widen it.",
                "- `capabilities:` requests `exec` for the commands the steps run, with the reason.",
            ]
        }
        lines += [
            "- `README.md` is this file.", "",
            "## Next steps", "",
            "```sh",
            "quiver validate .   # every problem, with file:line:column and a fix",
            "quiver show .       # what the pack contributes and asks for",
            "```", "",
        ]
        return lines.joined(separator: "\n")
    }
}
