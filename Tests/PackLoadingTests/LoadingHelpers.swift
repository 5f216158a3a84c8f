import PackBasics
import PackLoading

/// Loads an inline manifest with the given pack files, all in memory, rooted at `/pack`.
func loadInline(_ manifest: String, format: ManifestFormat = .yaml, files: [String: String] = [:]) -> PackLoadResult {
    var all: [String: String] = [:]
    for (path, text) in files { all["/pack/" + path] = text }
    all["/pack/" + format.fileName] = manifest
    return PackLoader(fileSystem: InMemoryFileSystem(files: all)).load(at: "/pack")
}

/// A minimal valid manifest header; append sections to it.
let header = """
    format: 1
    name: demo
    version: 1.0.0
    description: a demo pack

    """

let skillFile = """
    ---
    name: guide
    description: How to do things. Use when doing things.
    ---
    # Guide
    """
