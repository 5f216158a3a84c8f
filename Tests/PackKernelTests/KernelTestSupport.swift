import PackBasics
import PackKernel
import PackLoading
import PackModel

/// A pack input from an inline manifest (its pack files in memory), loaded like a pack on disk.
func packInput(_ manifest: String, files: [String: String] = [:], directory: String? = nil) -> PackInput {
    let name = manifest.split(separator: "\n").first { $0.hasPrefix("name: ") }.map { String($0.dropFirst(6)) } ?? "pack"
    let root = "/packs/" + (directory ?? name)
    var all: [String: String] = ["\(root)/PACK.yaml": manifest]
    for (path, text) in files { all["\(root)/\(path)"] = text }
    let fileSystem = InMemoryFileSystem(files: all)
    return PackInput(loaded: PackLoader(fileSystem: fileSystem).load(at: root), fileSystem: fileSystem)
}

/// A manifest header for a pack.
func manifestHeader(_ name: String, version: String = "1.0.0", kernel: String? = nil) -> String {
    var text = "format: 1\nname: \(name)\nversion: \(version)\ndescription: test pack \(name)\n"
    if let kernel { text += "kernel: \"\(kernel)\"\n" }
    return text
}

/// A tool entry with a builtin handler.
func builtinTool(_ name: String, handler: String? = nil) -> String {
    "  - { name: \(name), description: d, input: { type: object }, handler: { builtin: \(handler ?? name) } }\n"
}

/// Builds a catalog from inputs with a policy.
func buildCatalog(_ inputs: [PackInput], policy: HostPolicy = HostPolicy(), hostHandlers: Set<String> = []) -> Catalog {
    var builder = CatalogBuilder(policy: policy, hostHandlers: hostHandlers)
    for input in inputs { builder.add(input) }
    return builder.build()
}

/// A policy that grants everything to every pack.
let grantAll = HostPolicy(grants: [HostPolicy.GrantRule(allowsAll: true)])

extension Catalog {
    func report(_ pack: String) -> InstallReport? { reports.first { $0.pack == pack } }
}
