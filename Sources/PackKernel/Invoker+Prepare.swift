import PackBasics
import PackModel
import PackRuntime

extension Invoker {
    /// Reads, validates and caches the WebAssembly module of every installed wasm tool, so the first
    /// call of each tool does not pay for it. Servers run this in the background after they start
    /// listening; a module that fails here fails again, with the same message, when its tool is called.
    ///
    /// - Returns: How many modules are ready, and the failures by tool ID.
    @discardableResult
    public func prepareModules() async -> (ready: Int, failures: [String: String]) {
        var ready = 0
        var failures: [String: String] = [:]
        var seen = Set<String>()
        for id in catalog.tools.keys.sorted() {
            guard let tool = catalog.tools[id], case .wasm(let handler) = tool.tool.handler, let root = tool.packRoot else { continue }
            let path = Path.join(root, Path.normalize(handler.module))
            guard seen.insert(path).inserted else { continue }
            do throws(HandlerFailure) {
                _ = try await modules.module(at: path, sha256: handler.sha256, runner: wasm)
                ready += 1
            } catch {
                failures[id] = error.message
            }
        }
        return (ready, failures)
    }
}
