import ArgumentParser
import PackBasics
import PackJSON
import PackKernel
import PackModel

/// `quiver test [PACK…]`: runs the `tests:` of every tool and prints a table.
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the tests declared by tools (expected output or expected outcome).",
        discussion: """
            Tests of tools the catalog could not install (a missing grant, a missing handler) fail with the reason. \
            Exit status: 0 when every test passes, 1 otherwise.
            """)

    @Argument(help: "Pack names to test. (Default: every pack)")
    var packs: [String] = []

    @OptionGroup var selection: PackSelection

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    struct Row {
        var tool: String
        var name: String
        var passed: Bool
        var latency: String
        var milliseconds: Double?
        var detail: String
        var validation: [String]
        var output: JSONValue?
    }

    func run() async throws {
        let invoker = try await selection.invoker()
        let catalog = invoker.catalog
        var rows: [Row] = []
        for report in catalog.reports {
            let name = String(report.pack.split(separator: "@").first ?? "")
            guard packs.isEmpty || packs.contains(name) else { continue }
            guard let pack = catalog.packs.first(where: { "\($0.manifest.name)@\($0.manifest.version)" == report.pack }) else {
                continue
            }
            for tool in pack.manifest.tools where !tool.tests.isEmpty {
                let id = "\(pack.manifest.name)@\(pack.manifest.version)/\(tool.name)"
                for (index, test) in tool.tests.enumerated() {
                    let label = test.name ?? "#\(index + 1)"
                    guard catalog.tools[id] != nil else {
                        let reason = report.skipped.first { $0.contribution == Contribution("tool", tool.name) }?.reason ?? "not installed"
                        rows.append(Row(tool: "\(pack.manifest.name)/\(tool.name)", name: label, passed: false, latency: "-",
                                        detail: "not installed: \(reason)", validation: []))
                        continue
                    }
                    rows.append(await run(test, label: label, tool: id, invoker: invoker))
                }
            }
        }
        let failed = rows.filter { !$0.passed }.count
        if json {
            Console.json([
                "passed": .number(JSONNumber(rows.count - failed)), "failed": .number(JSONNumber(failed)),
                "tests": .array(rows.map { row in
                    var object: JSONObject = ["tool": .string(row.tool), "case": .string(row.name), "passed": .bool(row.passed),
                                              "latency_ms": row.milliseconds.map { .number(JSONNumber($0)) } ?? .null, "detail": .string(row.detail)]
                    if let output = row.output { object["output"] = output }
                    if !row.validation.isEmpty { object["validation_errors"] = .array(row.validation.map { .string($0) }) }
                    return .object(object)
                }),
            ])
        } else {
            var table: [[String]] = [["TOOL", "CASE", "RESULT", "LATENCY", "DETAIL"]]
            for row in rows {
                table.append([row.tool, row.name, row.passed ? "pass" : "FAIL", row.latency,
                              row.detail + (row.validation.isEmpty ? "" : " [" + row.validation.joined(separator: "; ") + "]")])
            }
            for line in TextTable.render(table) { Console.out(line) }
            Console.out("\(rows.count - failed) passed, \(failed) failed")
        }
        if failed > 0 { throw ExitCode.failure }
    }

    private func run(_ test: ToolTest, label: String, tool id: String, invoker: Invoker) async -> Row {
        let packName = String(id.split(separator: "@").first ?? "")
        let toolName = String(id.split(separator: "/").last ?? "")
        let tool = "\(packName)/\(toolName)"
        do {
            let result = try await invoker.invoke(id, input: test.input, caller: "quiver-test")
            let millis = Double(result.record.latency.components.attoseconds) / 1e15 + Double(result.record.latency.components.seconds) * 1000
            let latency = millis < 10 ? String(Int(millis * 1000)) + " µs" : String(Int(millis)) + " ms"
            let raw = result.output.map { $0.serialized() } ?? (result.error ?? "")
            let shown = raw.count > 120 ? String(raw.prefix(117)) + "..." : raw
            switch test.expect {
            case .output(let expected):
                let passed = result.outcome == .ok && result.output == expected
                let detail = passed ? shown : "expected \(expected.serialized()), got \(result.outcome.rawValue): \(shown)"
                return Row(tool: tool, name: label, passed: passed, latency: latency, milliseconds: millis, detail: detail,
                           validation: result.record.validationErrors, output: result.output)
            case .outcome(let expected):
                let passed = result.outcome == expected
                let detail = passed ? "\(expected.rawValue) as expected" : "expected \(expected.rawValue), got \(result.outcome.rawValue): \(shown)"
                return Row(tool: tool, name: label, passed: passed, latency: latency, milliseconds: millis, detail: detail,
                           validation: result.record.validationErrors, output: result.output)
            }
        } catch {
            return Row(tool: tool, name: label, passed: false, latency: "-", milliseconds: nil, detail: error.message, validation: [])
        }
    }
}
