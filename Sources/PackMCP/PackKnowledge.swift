import Foundation
import PackBasics
import PackKernel
import PackModel

/// The knowledge a catalog offers over MCP: each skill of a default-version pack as a prompt and
/// as a resource, and each pack's instructions as a resource.
///
/// Nothing is injected into a conversation behind the model's back: a client lists these and a
/// user (or the model, through the client) asks for one by name or URI.
struct PackKnowledge: Sendable {
    /// One skill.
    struct Skill: Sendable {
        /// The prompt name: `pack__skill` (the same `__` qualification as tools).
        var promptName: String
        /// The resource URI: `quiver://skills/pack/skill`.
        var uri: String
        var pack: String
        var name: String
        var activation: SkillReference.Activation
        /// The absolute path of the `SKILL.md`.
        var file: String
    }

    /// One pack's instructions file.
    struct Instructions: Sendable {
        var pack: String
        var uri: String
        var file: String
    }

    /// Files larger than this are not served. (256 KiB)
    static let maximumFileBytes = 256 * 1024

    var skills: [Skill] = []
    var instructions: [Instructions] = []

    init(catalog: Catalog) {
        for pack in catalog.packs where pack.isDefaultVersion {
            guard let root = pack.root else { continue }
            let name = pack.manifest.name
            for skill in pack.manifest.skills {
                skills.append(Skill(promptName: "\(name)__\(skill.name)", uri: "quiver://skills/\(name)/\(skill.name)",
                                    pack: name, name: skill.name, activation: skill.activation,
                                    file: Path.join(root, Path.normalize(skill.path), "SKILL.md")))
            }
            if let file = pack.manifest.instructions {
                instructions.append(Instructions(pack: name, uri: "quiver://instructions/\(name)",
                                                 file: Path.join(root, Path.normalize(file))))
            }
        }
    }

    /// The skill a prompt name or resource URI refers to.
    func skill(named name: String) -> Skill? {
        skills.first { $0.promptName == name || $0.uri == name }
    }

    /// The text of a file, bounded.
    static func read(_ path: String) throws(KnowledgeError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw KnowledgeError("cannot read '\(path)'") }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maximumFileBytes + 1)) ?? Data()
        guard data.count <= maximumFileBytes else {
            throw KnowledgeError("'\(path)' is larger than \(maximumFileBytes / 1024) KiB, the limit for skills served over MCP")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Splits a `SKILL.md` into its front matter's `description` and its body.
    static func parseSkill(_ text: String) -> (description: String?, body: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
              let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else {
            return (nil, text)
        }
        var description: String?
        for line in lines[1..<end] where line.hasPrefix("description:") {
            var value = line.dropFirst("description:".count).trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            description = value
        }
        let body = lines[(end + 1)...].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return (description, body)
    }
}

/// A skill or instructions file that cannot be served.
struct KnowledgeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
