import PackBasics

/// Writes N synthetic packs for the load benchmark, equal in size and shape to the peer
/// workload of `../shared/bench/gen_packs.py`, in Quiver's own format: a ≈45-line `PACK.yaml`
/// with 2–5 tools whose input schemas are inline, 1–2 skills with `SKILL.md`, one or two MCP
/// servers, capabilities with reasons, and a README. Every 100th pack (i % 100 == 37) has one
/// planted validation error and every 500th (i % 500 == 499) does not parse, so a correct loader
/// over 1000 packs reports 988 valid, 10 invalid and 2 unparsable.
struct PackGenerator {
    var count: Int
    var seed: UInt64

    static let topics = ["docs", "search", "git", "issues", "calendar", "mail", "sql", "metrics", "logs", "deploy", "review",
                         "translate", "pdf", "images", "notes", "tickets", "billing", "crm", "wiki", "kube"]
    static let verbs = ["search", "get", "list", "create", "update", "delete", "summarize", "export", "sync", "query"]
    static let nouns = ["page", "issue", "event", "message", "row", "metric", "record", "file", "comment", "user"]
    static let people = [("Alice Example", "alice@example.org"), ("Bob Builder", "bob@example.org"), ("Chen Wei", "chen@example.org"),
                         ("Dana Scully", "dana@example.org"), ("Eve Adams", "eve@example.org")]
    static let licenses = ["MIT", "Apache-2.0", "BSD-3-Clause", "MPL-2.0"]
    static let words = ("the agent uses this pack to find read and change records in a remote system it keeps a small "
                        + "cache and respects rate limits every tool validates its input and returns structured output").split(separator: " ").map(String.init)
    static let defects = ["bad_semver", "tool_name_upper", "unknown_key", "stdio_without_command", "missing_description",
                          "tool_schema_not_object", "skill_abs_path", "bad_format", "keywords_dupe", "name_upper"]

    /// Deterministic SplitMix64.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }
        mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
        mutating func sample<T>(_ items: [T], _ n: Int) -> [T] {
            var pool = items
            var result: [T] = []
            for _ in 0..<n { result.append(pool.remove(at: int(0...(pool.count - 1)))) }
            return result
        }
    }

    /// Writes the packs under `root` (which must not exist or be empty) and returns the number of bytes written.
    func write(to root: String, fileSystem: any FileSystem) throws(FileSystemError) -> (files: Int, bytes: Int) {
        var random = Random(state: seed)
        var files = 0, bytes = 0
        for index in 0..<count {
            let directory = Path.join(root, "pack-" + String(format4: index))
            for (path, text) in pack(index, random: &random) {
                let absolute = Path.join(directory, path)
                try fileSystem.createDirectory(at: Path.parent(absolute))
                try fileSystem.writeFileAtomically(at: absolute, contents: Array(text.utf8))
                files += 1
                bytes += text.utf8.count
            }
        }
        return (files, bytes)
    }

    private func sentence(_ random: inout Random, _ low: Int, _ high: Int) -> String {
        (0..<random.int(low...high)).map { _ in random.pick(Self.words) }.joined(separator: " ")
    }

    private func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    private func inputSchema(_ random: inout Random, notObject: Bool) -> String {
        var properties: [String] = []
        var required: [String] = []
        for j in 0..<random.int(1...4) {
            let key = random.pick(["query", "id", "limit", "cursor", "path", "mode", "tags", "since", "verbose", "format"]) + (j == 0 ? "" : String(j))
            switch random.int(0...4) {
            case 0: properties.append("\"\(key)\": {\"type\": \"string\", \"minLength\": 1}")
            case 1: properties.append("\"\(key)\": {\"type\": \"integer\", \"minimum\": 0, \"maximum\": \(random.pick([10, 100, 1000]))}")
            case 2: properties.append("\"\(key)\": {\"type\": \"boolean\"}")
            case 3: properties.append("\"\(key)\": {\"enum\": [" + random.sample(["fast", "full", "json", "text", "md", "csv"], 3).map { "\"\($0)\"" }.joined(separator: ", ") + "]}")
            default: properties.append("\"\(key)\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}, \"maxItems\": 20}")
            }
            if random.chance(0.5) { required.append("\"\(key)\"") }
        }
        var schema = "{\"type\": \"\(notObject ? "array" : "object")\", \"properties\": {" + properties.joined(separator: ", ") + "}"
        if !required.isEmpty { schema += ", \"required\": [" + required.joined(separator: ", ") + "]" }
        return schema + "}"
    }

    private func pack(_ index: Int, random: inout Random) -> [(String, String)] {
        let defect: String? = index % 100 == 37 ? Self.defects[(index / 100) % Self.defects.count] : nil
        let topic = Self.topics[index % Self.topics.count]
        let name = "\(topic)-\(random.pick(["kit", "tools", "bridge", "pack", "helper"]))-\(String(format4: index))"
        var version = "\(random.int(0...3)).\(random.int(0...20)).\(random.int(0...40))"
        if random.chance(0.1) { version += "-beta.\(random.int(1...5))" }
        let toolCount = random.int(2...5)
        var skills = ["\(topic)-\(random.pick(["triage", "review", "howto", "oncall", "style"]))"]
        if random.chance(0.3) { skills.append("\(topic)-advanced") }
        var lines: [String] = []
        lines.append("# PACK.yaml for \(name)")
        lines.append(defect == "bad_format" ? "format: 2" : "format: 1")
        lines.append("name: " + (defect == "name_upper" ? name.uppercased() : name))
        lines.append(defect == "bad_semver" ? "version: \"\(random.int(1...3)).\(random.int(0...9))\"" : "version: \(version)")
        if defect != "missing_description" {
            lines.append("description: >-")
            lines.append("  \(sentence(&random, 8, 14)).")
            lines.append("  Exposes \(toolCount) tools, \(skills.count) skill(s) and an MCP server for \(topic).")
        }
        lines.append("kernel: \">=0.1.0 <1.0.0\"")
        lines.append("license: \(random.pick(Self.licenses))")
        lines.append("homepage: https://example.org/packs/\(name)")
        lines.append("authors:")
        for (who, mail) in random.sample(Self.people, random.int(1...2)) {
            lines.append("  - name: \(who)")
            lines.append("    email: \(mail)")
        }
        var keywords = random.sample(Self.topics, 3)
        if defect == "keywords_dupe" { keywords.append(keywords[0]) }
        lines.append("keywords: [" + keywords.joined(separator: ", ") + "]")
        lines.append("capabilities:")
        lines.append("  - net: [\"api.example.org:443\"]")
        lines.append("    reason: \"the tools call the \(topic) API\"")
        lines.append("  - env: [\(topic.uppercased())_TOKEN]")
        lines.append("    reason: \"the API token\"")
        lines.append("  - exec: [python3]")
        lines.append("    reason: \"the tools are served by a local MCP server\"")
        lines.append("tools:")
        var used = Set<String>()
        for t in 0..<toolCount {
            var toolName: String
            repeat { toolName = "\(random.pick(Self.verbs))_\(random.pick(Self.nouns))" } while used.contains(toolName)
            used.insert(toolName)
            if defect == "tool_name_upper" && t == 0 { toolName = capitalized(toolName) }
            lines.append("  - name: \(toolName)")
            lines.append("    description: \(capitalized(sentence(&random, 5, 10))).")
            lines.append("    input: " + inputSchema(&random, notObject: defect == "tool_schema_not_object" && t == toolCount - 1))
            lines.append("    handler: { mcp: \(topic)-server }")
            if defect == "unknown_key" && t == 0 { lines.append("    entrypoint: main.py") }
            if random.chance(0.4) {
                lines.append("    annotations: {readOnlyHint: \(random.chance(0.5)), idempotentHint: true}")
            }
        }
        lines.append("skills:")
        for skill in skills {
            lines.append("  - " + (defect == "skill_abs_path" ? "/skills/\(skill)" : "skills/\(skill)"))
        }
        lines.append("mcp:")
        lines.append("  \(topic)-server:")
        if defect != "stdio_without_command" { lines.append("    command: python3") }
        lines.append("    args: [\"-m\", \"\(topic)_server\", \"--root\", \"./data\", \"--log-level\", \"warn\"]")
        lines.append("    env:")
        lines.append("      \(topic.uppercased())_CACHE: /tmp/\(name)")
        lines.append("      LOG_FORMAT: json")
        if random.chance(0.4) {
            lines.append("  \(topic)-remote:")
            lines.append("    url: https://mcp.example.org/\(topic)/\(index)")
            lines.append("    headers: {X-Client: quiver}")
        }
        var manifest = lines.joined(separator: "\n") + "\n"
        if index % 500 == 499 {
            manifest = manifest.replacingFirst("tools:\n", with: "tools:\n  - name: [unclosed\n")
        }
        var files: [(String, String)] = [("PACK.yaml", manifest), ("README.md", readme(name, random: &random))]
        for skill in skills {
            files.append(("skills/\(skill)/SKILL.md", skillText(skill, random: &random)))
        }
        return files
    }

    private func readme(_ name: String, random: inout Random) -> String {
        var lines = ["# \(name)", "", capitalized(sentence(&random, 20, 40)) + ".", "", "## Tools", ""]
        for _ in 0..<random.int(3...6) {
            lines.append("- `\(random.pick(Self.verbs))_\(random.pick(Self.nouns))`: \(sentence(&random, 6, 12)).")
        }
        lines += ["", "## Usage", "", "```bash", "quiver validate ./\(name)", "```", "", "## Notes", ""]
        for _ in 0..<random.int(8...20) { lines.append(capitalized(sentence(&random, 8, 16)) + ".") }
        return lines.joined(separator: "\n") + "\n"
    }

    private func skillText(_ skill: String, random: inout Random) -> String {
        var lines = ["---", "name: \(skill)", "description: \(capitalized(sentence(&random, 8, 14))).", "---", "", "# \(skill)", ""]
        for k in 0..<random.int(3...6) { lines.append("\(k + 1). \(capitalized(sentence(&random, 8, 16))).") }
        lines += ["", "## Examples", ""]
        for _ in 0..<random.int(10...25) { lines.append(capitalized(sentence(&random, 6, 14)) + ".") }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// Four digits with leading zeros.
    init(format4 value: Int) {
        self = padded(value)
    }

    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        var copy = self
        copy.replaceSubrange(range, with: replacement)
        return copy
    }
}

private func padded(_ value: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
