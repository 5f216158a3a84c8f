import PackBasics
import PackModel

/// The message catalogue of PackKernel.
enum KernelMessages {
    static func incompatible(_ manifest: Manifest, range: VersionRange, version: Version) -> String {
        "pack '\(manifest.identity)' requires Quiver '\(range.text)' but this is Quiver \(version); "
            + "install a version of the pack made for Quiver \(version), or upgrade Quiver"
    }

    static func duplicateIdentity(_ manifest: Manifest, origin: PackInput.Origin) -> String {
        "pack '\(manifest.identity)' is offered twice (again from '\(origin)'); remove one copy"
    }

    static func toolCollision(_ name: String, owners: [String]) -> String {
        "tool name '\(name)' is provided by packs " + owners.map { "'\($0)'" }.joined(separator: " and ")
            + "; models see them as " + owners.map { "'\($0)__\(name)'" }.joined(separator: " and ")
            + " (set 'tools.naming' in the host policy to choose)"
    }
}
