import WASI
import WasmKit
import WasmKitWASI
import WasmParser

/// A parsed and validated handler module, ready to instantiate; get one from ``WasmModuleCache``.
///
/// Validation covers the binary format, every function body, and the handler contract: a
/// `_start` function taking and returning nothing, a memory exported as `memory`, and imports only
/// from WASI preview 1 and the `quiver` host functions. Instantiating it costs no parsing.
public struct WasmModule: Sendable {
    /// The SHA-256 of the module's bytes in lower-case hex, as a manifest pins it.
    public let sha256: String
    /// The size of the module in bytes.
    public let byteCount: Int
    /// The parsed module.
    let module: Module
    /// The functions the module imports from `wasi_snapshot_preview1`; only these are linked per call.
    let wasiImports: WASIGuard.LinkPlan
    /// The names the module imports from `quiver`.
    let quiverImports: Set<String>

    /// The host functions a module may import from `quiver`.
    static let availableQuiverImports: Set<String> = ["log", "http", "secret", "kv_get", "kv_set", "kv_delete"]

    /// Parses and validates `bytes`.
    ///
    /// - Parameter validationEngine: An engine that translates eagerly, so that every function body
    ///   is checked once here rather than on first call.
    /// - Throws: ``HandlerFailure`` with reason ``HandlerFailure/Reason/invalidModule(_:)``.
    static func compile(_ bytes: [UInt8], sha256: String, validationEngine: Engine) throws(HandlerFailure) -> WasmModule {
        let module: Module
        do {
            module = try parseWasm(bytes: bytes)
        } catch {
            throw .notWebAssembly(firstLine(of: error))
        }
        var wasiImports: Set<String> = []
        var quiverImports: Set<String> = []
        for entry in module.imports {
            switch (entry.module, entry.descriptor) {
            case ("wasi_snapshot_preview1", .function):
                wasiImports.insert(entry.name)
            case ("quiver", .function) where availableQuiverImports.contains(entry.name):
                quiverImports.insert(entry.name)
            default:
                throw .unsupportedImport(module: entry.module, name: entry.name)
            }
        }
        guard module.exports.contains(where: { $0.name == "memory" && isMemory($0.descriptor) }) else {
            throw .noMemoryExport
        }
        let compiled = WasmModule(
            sha256: sha256, byteCount: bytes.count, module: module, wasiImports: WASIGuard.LinkPlan(functions: wasiImports),
            quiverImports: quiverImports)
        try compiled.validateByInstantiating(engine: validationEngine)
        return compiled
    }

    /// Instantiates the module once without running any of its code: with eager translation this
    /// validates every function body and resolves every import against the real host functions.
    private func validateByInstantiating(engine: Engine) throws(HandlerFailure) {
        let stdout = CapturedStream(limit: 0, overflow: .truncate)
        let bridge: WASIBridgeToHost
        do {
            bridge = try GuestStdio.makeBridge(
                arguments: [], environment: [:], directories: [], input: [], stdout: stdout, stderr: stdout)
        } catch {
            throw .validationUnavailable(firstLine(of: error))
        }
        defer { try? bridge.close() }
        let store = Store(engine: engine)
        var imports = Imports()
        WASIGuard(arguments: [], environment: [:], directories: [], deadline: .now)
            .link(bridge, plan: wasiImports, to: &imports, store: store)
        QuiverImports(sandbox: .none, log: stdout).link(quiverImports, to: &imports, store: store)
        let instance: Instance
        do {
            instance = try module.withoutStartFunction.instantiate(store: store, imports: imports)
        } catch {
            throw .moduleDoesNotValidate(firstLine(of: error))
        }
        guard let start = instance.exports[function: "_start"] else {
            throw .noStartFunction
        }
        guard start.type.parameters.isEmpty, start.type.results.isEmpty else {
            throw .startFunctionHasSignature
        }
    }

    private static func isMemory(_ descriptor: ExportDescriptor) -> Bool {
        if case .memory = descriptor { return true }
        return false
    }
}

/// The first line of an error's description, without WasmKit's `Trap: ` prefix: trap texts carry a
/// long backtrace after the first line.
func firstLine(of error: any Error) -> String {
    firstLine(of: String(describing: error))
}

/// The first non-empty line of `text`, trimmed, without a `Trap: ` prefix.
func firstLine(of text: String) -> String {
    let line = text.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) } ?? ""
    var trimmed = Substring(line)
    while let first = trimmed.first, first.isWhitespace { trimmed.removeFirst() }
    while let last = trimmed.last, last.isWhitespace { trimmed.removeLast() }
    if trimmed.hasPrefix("Trap: ") { trimmed = trimmed.dropFirst(6) }
    return String(trimmed.prefix(500))
}
