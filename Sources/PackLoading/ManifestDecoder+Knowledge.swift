import PackBasics
import PackJSON
import PackModel

extension ManifestDecoder {
    mutating func decodeSkills(_ value: JSONValue?) -> [SkillReference] {
        guard let value, let items = array(value, at: "/skills", what: "'skills'") else { return [] }
        var skills: [SkillReference] = []
        for (index, item) in items.enumerated() {
            let pointer = Self.child("/skills", index)
            if case .string(let path) = item {
                skills.append(SkillReference(path: path))
                continue
            }
            guard let object = object(item, at: pointer, what: "a skill") else { continue }
            checkKeys(object, at: pointer, known: ["path", "activation"], what: "a skill")
            guard let path = string(object, "path", at: pointer, what: "a skill", required: true) else { continue }
            var activation = SkillReference.Activation.always
            if let text = string(object, "activation", at: pointer, what: "skill '\(path)'") {
                guard let parsed = SkillReference.Activation(rawValue: text) else {
                    error("activation '\(text)' of skill '\(path)' is not known; use 'always', 'detect' or 'manual'",
                          at: Self.child(pointer, "activation"))
                    continue
                }
                activation = parsed
            }
            skills.append(SkillReference(path: path, activation: activation))
        }
        return skills
    }

    mutating func decodeMCPServers(_ value: JSONValue?) -> [MCPServer] {
        guard let value else { return [] }
        var servers: [MCPServer] = []
        for (name, item, pointer) in keyedEntries(value, at: "/mcp", what: "'mcp'") {
            let what = "MCP server '\(name)'"
            if !Identifiers.isIdentifier(name) {
                error(ManifestMessages.invalidIdentifier(name, kind: "MCP server name"), at: pointer, key: true)
            }
            guard let object = object(item, at: pointer, what: what) else { continue }
            checkKeys(object, at: pointer, known: ["command", "args", "env", "url", "headers", "transport"], what: what)
            let transport = string(object, "transport", at: pointer, what: what)
            if let transport, transport != "stdio", transport != "http" {
                error("transport '\(transport)' of \(what) is not known; use 'stdio' (with 'command') or 'http' (with 'url')",
                      at: Self.child(pointer, "transport"))
                continue
            }
            let hasCommand = object["command"] != nil, hasURL = object["url"] != nil
            if hasCommand && hasURL {
                error("\(what) has both 'command' and 'url'; a server is either local (command) or remote (url)", at: pointer)
                continue
            }
            if transport == "http" || (transport == nil && hasURL) {
                guard let url = string(object, "url", at: pointer, what: what, required: true) else { continue }
                if !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                    error("url '\(url)' of \(what) is not an http(s) URL; write 'https://host/path'", at: Self.child(pointer, "url"))
                }
                if object["args"] != nil || object["env"] != nil {
                    error("\(what) is remote ('url') and cannot have 'args' or 'env'; remove them", at: pointer)
                }
                let headers = stringMap(object, "headers", at: pointer, what: what) ?? [:]
                servers.append(MCPServer(name: name, transport: .http(url: url, headers: headers)))
            } else {
                guard let command = nonEmptyString(object, "command", at: pointer, what: what, required: true) else { continue }
                let args = strings(object, "args", at: pointer, what: what) ?? []
                let env = stringMap(object, "env", at: pointer, what: what) ?? [:]
                if object["headers"] != nil {
                    error("\(what) is local ('command') and cannot have 'headers'; remove them", at: Self.child(pointer, "headers"))
                }
                servers.append(MCPServer(name: name, transport: .stdio(command: command, arguments: args, environment: env)))
            }
        }
        return servers
    }

    mutating func decodeDetect(_ value: JSONValue?) -> [DetectRule] {
        guard let value, let items = array(value, at: "/detect", what: "'detect'") else { return [] }
        var rules: [DetectRule] = []
        for (index, item) in items.enumerated() {
            let pointer = Self.child("/detect", index)
            guard let object = object(item, at: pointer, what: "a detect rule") else { continue }
            checkKeys(object, at: pointer, known: ["files", "message"], what: "a detect rule")
            guard let files = strings(object, "files", at: pointer, what: "a detect rule", allowSingle: true) else {
                if object["files"] == nil { error(ManifestMessages.missingKey("files", in: "a detect rule"), at: pointer) }
                continue
            }
            if files.isEmpty {
                error("'files' of a detect rule is empty; list globs such as 'dbt_project.yml'", at: Self.child(pointer, "files"))
            }
            for (fileIndex, glob) in files.enumerated() {
                do {
                    _ = try Glob(glob)
                } catch {
                    self.error("detect \(error); fix the pattern", at: Self.child(Self.child(pointer, "files"), fileIndex))
                }
            }
            rules.append(DetectRule(files: files, message: string(object, "message", at: pointer, what: "a detect rule")))
        }
        return rules
    }
}
