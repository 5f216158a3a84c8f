import ArgumentParser
import Foundation
import PackBasics
import PackJSON
import PackSchema

/// `quiver-bench jsonschema`: the workloads of `../shared/bench/jsonschema_peers.py`, in process,
/// so that `bench/jsonschema.sh` can put Quiver beside jsonschema, fastjsonschema and jsonschema-rs
/// in the same run.
///
/// Per workload: compile time; validation alone over pre-parsed instances (valid/s, invalid/s,
/// invalid with every error collected); and parse + validate from JSONL text (lines/s). Every
/// verdict is checked against its label. Plus: 200 small tool schemas compiled and validated once
/// each (the schemas come from a file the driver writes with the peers' own generator), and nesting
/// depths that must be answered or refused cleanly.
struct SchemaBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jsonschema",
        abstract: "Time JSON Schema compilation and validation on ../shared/bench's workloads.")

    @Option(help: "The shared bench directory.") var bench = "../shared/bench"
    @Option(help: "Repetitions; the median is reported.") var repetitions = 5
    @Option(help: "A JSON file holding an array of small schemas (written by bench/jsonschema.sh).") var smallSchemas: String?
    @Option(help: ArgumentHelp("For profiling: validate one workload's instances in a loop for this many seconds (or this many passes, with a trailing x), then stop.",
                               valueName: "workload.valid|workload.invalid|workload.errors|workload.hot|workload.dump:seconds[x]")) var loop: String?

    func run() throws {
        let bench = LocalFileSystem.absolute(self.bench)
        let data = Path.join(bench, "data/jsonschema")
        if let loop { return try runLoop(loop, bench: bench, data: data) }
        for (name, schemaFile) in [("mcp_tool", "mcp_tool_input"), ("geojson", "geojson_like")] {
            let schema = try JSONParser.parse(try read(Path.join(bench, "schemas/\(schemaFile).schema.json")))
            let validLines = try lines(Path.join(data, "\(name).valid.jsonl"))
            let invalidLines = try lines(Path.join(data, "\(name).invalid.jsonl"))
            let valid = try validLines.map { try JSONParser.parse($0) }
            let invalid = try invalidLines.map { try JSONParser.parse($0) }

            let compile = median((0..<max(repetitions, 20)).map { _ in time { _ = try? JSONSchemaValidator(schema: schema) } })
            let validator = try JSONSchemaValidator(schema: schema)
            guard valid.allSatisfy(validator.isValid), !invalid.contains(where: validator.isValid) else {
                throw ValidationError("\(name): a verdict disagrees with its label")
            }
            let validRate = rate(valid.count) { for instance in valid { _ = validator.isValid(instance) } }
            let invalidRate = rate(invalid.count) { for instance in invalid { _ = validator.isValid(instance) } }
            let errorsRate = rate(invalid.count) { for instance in invalid { _ = validator.validate(instance).errors.count } }
            let parsedRate = rate(validLines.count) {
                for line in validLines { _ = (try? JSONParser.parse(line)).map(validator.isValid) }
            }
            print("\(name): compile \(format(compile * 1e6)) µs; valid/s \(Int(validRate)); invalid/s \(Int(invalidRate)); "
                  + "invalid+all errors/s \(Int(errorsRate)); parse+validate lines/s \(Int(parsedRate))")
        }

        if let smallSchemas {
            let schemas = try JSONParser.parse(try read(LocalFileSystem.absolute(smallSchemas))).arrayValue ?? []
            let perSchema = median((0..<repetitions).map { _ in
                time {
                    for schema in schemas { _ = (try? JSONSchemaValidator(schema: schema))?.isValid([:]) }
                } / Double(max(schemas.count, 1))
            })
            print("compile_small: \(schemas.count) schemas, per schema \(format(perSchema * 1e6)) µs (compile + first validation)")
        }

        let deep = try JSONParser.parse(try read(Path.join(bench, "schemas/deep_array.schema.json")))
        let validator = try JSONSchemaValidator(schema: deep)
        for depth in [100, 1000, 10_000, 100_000] {
            let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            let start = Date()
            let verdict: String
            do {
                // Parsed without a depth limit to reach the validator; a value this deep is released
                // with dismantle(), not recursively.
                var value = try JSONParser.parse(text, options: .init(maxDepth: 1_000_000))
                let result = validator.validate(value)
                value.dismantle()
                verdict = result.isValid ? "valid" : "refused: \(result.errors.first?.message ?? "invalid")"
            } catch {
                verdict = "parse refused: \(error)"
            }
            print("deep \(depth): \(verdict.prefix(120)) in \(format(Date().timeIntervalSince(start) * 1000)) ms")
        }
    }

    /// `--loop`: one workload and mode only, repeated, so that a profiler sees nothing else.
    private func runLoop(_ spec: String, bench: String, data: String) throws {
        let parts = spec.split(separator: ":")
        let target = parts[0].split(separator: ".")
        let passes = parts.count == 2 && parts[1].hasSuffix("x") ? Int(parts[1].dropLast()) : nil
        guard parts.count == 2, target.count == 2, let seconds = passes != nil ? 0 : Double(parts[1]) else {
            throw ValidationError("--loop wants workload.mode:seconds, such as geojson.valid:5")
        }
        let name = String(target[0])
        let schemaFile = name == "geojson" ? "geojson_like" : "mcp_tool_input"
        let schema = try JSONParser.parse(try read(Path.join(bench, "schemas/\(schemaFile).schema.json")))
        let mode = String(target[1])
        // `hot` repeats the first ten valid instances, which stay in cache: the difference from
        // `valid` is the cost of memory traffic.
        var instances = try lines(Path.join(data, "\(name).\(mode == "valid" || mode == "hot" ? "valid" : "invalid").jsonl"))
            .map { try JSONParser.parse($0) }
        if mode == "hot" { instances = Array(instances.prefix(10)) }
        let validator = try JSONSchemaValidator(schema: schema)
        if mode == "dump" {
            // Every error of every invalid instance, to compare builds' output line by line.
            for (number, instance) in instances.enumerated() {
                for error in validator.validate(instance).errors {
                    print("\(number)\t\(error.instanceLocation)\t\(error.keywordLocation)\t\(error.absoluteKeywordLocation)\t\(error.message)")
                }
            }
            return
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = Self.threadCPUTime()
        var count = 0
        var results = 0
        var pass = 0
        while passes.map({ pass < $0 }) ?? (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < seconds) {
            pass += 1
            for instance in instances {
                count += 1
                if mode == "errors" { results += validator.validate(instance).errors.count } else { results += validator.isValid(instance) ? 1 : 0 }
            }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu = Self.threadCPUTime() - cpuStart
        print("\(spec): \(count) instances (\(results) valid or errors), \(Int(Double(count) / elapsed)) per second, "
              + "\(Int(Double(count) / cpu)) per CPU second")
    }

    /// This thread's CPU time in seconds (steadier than wall time on a shared machine).
    private static func threadCPUTime() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    private func read(_ path: String) throws -> [UInt8] {
        try LocalFileSystem().readFile(at: path, limit: 1 << 30)
    }

    private func lines(_ path: String) throws -> [ArraySlice<UInt8>] {
        try read(path).split(separator: UInt8(ascii: "\n")).filter { !$0.isEmpty }
    }

    private func time(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private func rate(_ count: Int, _ body: () -> Void) -> Double {
        median((0..<repetitions).map { _ in Double(count) / time(body) })
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    private func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
