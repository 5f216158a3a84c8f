import Foundation
import PackBasics
import PackRuntime

/// The example and adversarial modules under `examples/handlers/`, and the runner the tests share.
enum RuntimeFixtures {
    /// `examples/handlers/` of the repository, found from this file's real path (the test folder
    /// may be reached through a symbolic link).
    static let handlersDirectory: String = {
        let file = LocalFileSystem().resolvingSymbolicLinks(#filePath) ?? #filePath
        return Path.join(Path.parent(Path.parent(Path.parent(file))), "examples/handlers")
    }()

    /// One runner (and module cache) for the whole suite, as a host would have.
    static let runner = WasmRunner()

    /// The default limits with a timeout long enough for debug builds running many tests at once
    /// on two cores; tests of the time limit set their own.
    static let relaxed = RuntimeLimits(timeout: .seconds(60))

    /// The bytes of `examples/handlers/<name>.wasm`, such as `adversarial/trap`.
    static func bytes(_ name: String) throws -> [UInt8] {
        try LocalFileSystem().readFile(at: Path.join(handlersDirectory, name + ".wasm"), limit: 1 << 24)
    }

    /// The validated module `examples/handlers/<name>.wasm`.
    static func module(_ name: String) async throws -> WasmModule {
        try await runner.cache.module(for: bytes(name))
    }

    /// Runs `examples/handlers/<name>.wasm` with a text input.
    static func run(
        _ name: String, input: String = "{}", sandbox: SandboxPolicy = .none, limits: RuntimeLimits = relaxed
    ) async throws -> WasmRunResult {
        try await runner.run(module: await module(name), input: Array(input.utf8), sandbox: sandbox, limits: limits)
    }

    /// Runs a module that must fail, and returns the failure (`nil` when it succeeded instead).
    static func failure(
        _ name: String, input: String = "{}", sandbox: SandboxPolicy = .none, limits: RuntimeLimits = relaxed
    ) async throws -> HandlerFailure? {
        let module = try await module(name)
        do {
            _ = try await runner.run(module: module, input: Array(input.utf8), sandbox: sandbox, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    /// Runs a validated module and returns how it ended.
    static func result(
        of module: WasmModule, input: [UInt8] = [], sandbox: SandboxPolicy = .none, limits: RuntimeLimits = relaxed
    ) async -> Result<WasmRunResult, HandlerFailure> {
        do {
            return .success(try await runner.run(module: module, input: input, sandbox: sandbox, limits: limits))
        } catch {
            return .failure(error)
        }
    }

    /// A new empty directory under the system's temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = Path.join(FileManager.default.temporaryDirectory.path, "quiver-runtime-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `text` to `path`, creating parent directories.
    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: Path.parent(path), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// The text of a host file, or `nil` when it does not exist.
    static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }
}

extension WasmRunResult {
    /// stdout as text.
    var text: String { String(decoding: output, as: UTF8.self) }
}

extension Result {
    /// The failure, or `nil` for a success.
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
