import ArgumentParser
import Foundation
import PackBasics
import PackJSON
import PackKernel
import PackModel
import PackRuntime

/// `quiver-bench wasm`: in-process latency of WebAssembly tool calls, for docs/performance.md.
///
/// - pipeline echo: `Invoker.invoke` on `echo-tools/echo` with `{"message": "hello"}` (resolve,
///   validate input, fresh instance, run, parse and validate output, record);
/// - runtime echo: `WasmRunner.run` of the same module alone (no contracts);
/// - fib(25) and sum 1..10M: `examples/handlers/bench/{fib,sum}.wasm`, the same functions as
///   `../shared/bench/wasm_peers.py`, one call each, as WASI commands;
/// - a memory walk (`mem.wasm`): 4.9M 8-byte loads and as many stores, bound by memory access;
/// - runtime echo and the memory walk again with WasmKit's default bounds checking (guard
///   pages), to show what Quiver's software checks trade.
struct WasmBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wasm",
        abstract: "Time WebAssembly tool calls in process: pipeline and runtime echo, fib(25), sum 1..10M, a memory walk.")

    @Option(help: "The repository root (for examples/).") var root = "."
    @Option(help: "Echo calls to time.") var calls = 2000
    @Option(help: "Repetitions of fib, sum and the memory walk.") var repetitions = 7

    func run() async throws {
        let root = absoluteRoot
        let kernel = Kernel()
        await kernel.load(directories: [Path.join(root, "examples/packs/echo-tools")])
        let invoker = await kernel.makeInvoker()
        let input: JSONValue = ["message": "hello"]
        for _ in 0..<200 { _ = try await invoker.invoke("echo-tools/echo", input: input) }
        var pipeline: [Double] = []
        pipeline.reserveCapacity(calls)
        for _ in 0..<calls {
            let start = ContinuousClock.now
            let result = try await invoker.invoke("echo-tools/echo", input: input)
            pipeline.append(Self.microseconds(ContinuousClock.now - start))
            guard result.outcome == .ok else { throw ValidationError("echo failed: \(result.error ?? "")") }
        }
        print("pipeline echo (\(calls) calls): p50 \(Self.format(Self.percentile(pipeline, 0.5))) µs, "
              + "p99 \(Self.format(Self.percentile(pipeline, 0.99))) µs")

        let runner = Invoker.sharedWasmRunner
        try await printEcho("runtime echo", runner: runner)
        let compute = [("fib(25)", "fib"), ("sum 1..10M", "sum"), ("memory walk 4.9M loads+stores", "mem")]
        for (name, file) in compute {
            try await printCompute(name, file: file, runner: runner)
        }

        // The same guests with WasmKit's default bounds checking (guard pages), for the trade-off.
        let guarded = WasmRunner(memoryChecks: .guardPages)
        try await printEcho("guard pages: runtime echo", runner: guarded)
        for (name, file) in compute where file == "mem" {
            try await printCompute("guard pages: " + name, file: file, runner: guarded)
        }
    }

    private var absoluteRoot: String { LocalFileSystem.absolute(root) }

    /// Times `calls` runs of the echo module alone (fresh instance + run, no contracts).
    private func printEcho(_ name: String, runner: WasmRunner) async throws {
        let echo = try await runner.cache.module(
            for: try LocalFileSystem().readFile(at: Path.join(absoluteRoot, "examples/packs/echo-tools/handlers/echo.wasm"), limit: 1 << 20))
        let bytes = Array(#"{"message":"hello"}"#.utf8)
        var times: [Double] = []
        for _ in 0..<calls {
            let start = ContinuousClock.now
            _ = try await runner.run(module: echo, input: bytes)
            times.append(Self.microseconds(ContinuousClock.now - start))
        }
        print("\(name) (\(calls) calls): p50 \(Self.format(Self.percentile(times, 0.5))) µs, "
              + "p99 \(Self.format(Self.percentile(times, 0.99))) µs")
    }

    private func printCompute(_ name: String, file: String, runner: WasmRunner) async throws {
        let module = try await runner.cache.module(
            for: try LocalFileSystem().readFile(at: Path.join(absoluteRoot, "examples/handlers/bench/\(file).wasm"), limit: 1 << 20))
        var times: [Double] = []
        var output = ""
        for _ in 0..<repetitions {
            let start = ContinuousClock.now
            let result = try await runner.run(module: module, input: [], limits: RuntimeLimits(timeout: .seconds(60)))
            times.append(Self.microseconds(ContinuousClock.now - start) / 1000)
            output = String(decoding: result.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        print("\(name): median \(Self.format(Self.percentile(times, 0.5))) ms, min \(Self.format(times.min() ?? 0)) ms -> \(output)")
    }

    static func microseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
    }

    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction))]
    }

    static func format(_ value: Double) -> String {
        value >= 100 ? String(Int(value.rounded())) : String(Double(Int(value * 10)) / 10)
    }
}
