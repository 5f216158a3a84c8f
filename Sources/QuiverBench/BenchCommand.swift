import ArgumentParser
import PackBasics
import PackKernel
import PackLoading

#if canImport(Glibc)
import Glibc
#endif

/// `quiver-bench`: workload generators and in-process timings for docs/performance.md.
///
/// The cold, side-by-side comparisons with peers are driven by `bench/run.sh`, which times whole
/// processes (`quiver validate …`) against `../shared/bench` peers in the same run.
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiver-bench",
        abstract: "Benchmark workloads and in-process timings for Quiver.",
        subcommands: [GeneratePacks.self, LoadPacks.self, BuildCatalog.self, WasmBench.self, SchemaBench.self])
}

struct GeneratePacks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gen-packs",
        abstract: "Write N synthetic packs (same size and shape as ../shared/bench/gen_packs.py) for the load benchmark.")

    @Option(help: "How many packs.") var count = 1000
    @Option(help: "The random seed; the same seed writes the same bytes.") var seed: UInt64 = 7
    @Argument(help: "The directory to write (must not exist).") var directory: String

    func run() throws {
        let fileSystem = LocalFileSystem()
        let root = LocalFileSystem.absolute(directory)
        if fileSystem.exists(root) {
            throw ValidationError("'\(directory)' already exists; remove it or choose another directory")
        }
        let (files, bytes) = try PackGenerator(count: count, seed: seed).write(to: root, fileSystem: fileSystem)
        print("gen-packs: \(count) packs, \(files) files, \(bytes) bytes in \(directory) (seed \(seed)); planted "
              + "\((0..<count).filter { $0 % 100 == 37 }.count) invalid + \((0..<count).filter { $0 % 500 == 499 }.count) unparsable")
    }
}

struct LoadPacks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load and validate every pack under a directory in process, repeatedly, and print phase timings.")

    @Argument(help: "The directory of packs.") var directory: String
    @Option(help: "Repetitions (the first is cold for this process).") var repetitions = 5

    func run() async throws {
        let root = LocalFileSystem.absolute(directory)
        var times: [Double] = []
        var summary = ""
        for _ in 0..<repetitions {
            let start = Self.now()
            let packs = PackDiscovery().packs(under: root)
            let results = await PackLoader().loadAll(packs)
            let elapsed = Self.now() - start
            times.append(elapsed)
            let valid = results.filter(\.isValid).count
            let unparsable = results.filter { $0.manifest == nil }.count
            summary = "\(packs.count) packs: \(valid) valid, \(results.count - valid - unparsable) invalid, \(unparsable) unparsable"
        }
        let sorted = times.sorted()
        print(summary)
        print("in-process load+validate: first \(Self.ms(times[0])) ms, median \(Self.ms(sorted[sorted.count / 2])) ms, min \(Self.ms(sorted[0])) ms")
    }

    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    static func ms(_ seconds: Double) -> String { String(Int((seconds * 1000).rounded())) }
}

struct BuildCatalog: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Load the packs under a directory once, then build the catalog repeatedly (warm, in process) and print timings.",
        discussion: "The build includes grants, services, recipes, routing and compiling every tool contract. "
            + "Every tool's MCP server is granted, so the tools are installed rather than skipped.")

    @Argument(help: "The directory of packs.") var directory: String
    @Option(help: "Repetitions.") var repetitions = 21

    func run() async throws {
        let root = LocalFileSystem.absolute(directory)
        let results = await PackLoader().loadAll(PackDiscovery().packs(under: root))
        let inputs = results.map { PackInput(loaded: $0) }
        let policy = HostPolicy(grants: [HostPolicy.GrantRule(allowsAll: true)])
        var times: [Double] = []
        var cold: [Double] = []
        var summary = ""
        let cache = SchemaCache()
        var warmup = CatalogBuilder(policy: policy, schemaCache: cache)
        for input in inputs { warmup.add(input) }
        _ = warmup.build()
        for repetition in 0..<(repetitions * 2) {
            // Even repetitions: a fresh schema cache (every contract compiled); odd: the kernel's
            // shared cache, as when a catalog is rebuilt after a change.
            let fresh = repetition % 2 == 0
            let start = LoadPacks.now()
            var builder = CatalogBuilder(policy: policy, schemaCache: fresh ? SchemaCache() : cache)
            for input in inputs { builder.add(input) }
            let catalog = builder.build()
            if fresh { cold.append(LoadPacks.now() - start) } else { times.append(LoadPacks.now() - start) }
            summary = "\(catalog.reports.count) packs offered: \(catalog.packs.count) installed, \(catalog.tools.count) tool entries, "
                + "\(catalog.exposedTools.count) exposed names"
        }
        let sorted = times.sorted()
        let coldSorted = cold.sorted()
        print(summary)
        print("catalog build, compiling every contract: median \(String(format3: coldSorted[coldSorted.count / 2] * 1000)) ms, "
              + "min \(String(format3: coldSorted[0] * 1000)) ms over \(repetitions) builds")
        print("catalog rebuild, compiled contracts cached: median \(String(format3: sorted[sorted.count / 2] * 1000)) ms, "
              + "min \(String(format3: sorted[0] * 1000)) ms, max \(String(format3: sorted[sorted.count - 1] * 1000)) ms over \(repetitions) builds")
    }
}

extension String {
    /// A number with one decimal.
    init(format3 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(tenths % 10)"
    }
}
