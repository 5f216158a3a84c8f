import Foundation
import PackBasics
import PackKernel
import PackLoading
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

    /// The text of a file, bounded; only a regular file is read.
    static func read(_ path: String) throws(KnowledgeError) -> String {
        do {
            return String(decoding: try LocalFileSystem().readRegularFile(at: path, limit: maximumFileBytes), as: UTF8.self)
        } catch where error.code == .tooLarge {
            throw KnowledgeError("'\(path)' is larger than \(maximumFileBytes / 1024) KiB, the limit for skills served over MCP")
        } catch {
            throw KnowledgeError(error.message)
        }
    }

    /// A `SKILL.md`'s front-matter `description` (read as the loader reads it) and its body.
    static func parseSkill(_ text: String) -> (description: String?, body: String) {
        let description = (try? SkillFrontMatter.parse(text))?.0.description
        return (description?.isEmpty == false ? description : nil, SkillFrontMatter.body(of: text))
    }
}

/// A skill or instructions file that cannot be served.
struct KnowledgeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
