import ArgumentParser
import PackBasics
import PackJSON
import PackKernel
import PackModel

/// `quiver status`: the install report of every pack: grants, contributions, what was skipped and why.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the install report of every pack under the host policy.",
        discussion: "Exit status: 0 when every pack is installed (possibly degraded), 1 when any is refused.")

    @OptionGroup var selection: PackSelection

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let catalog = try await selection.catalog()
        if json {
            Console.json([
                "packs": .array(catalog.reports.map(\.jsonValue)),
                "diagnostics": .array(catalog.diagnostics.map { .string($0.description) }),
                "process_sandbox": [
                    "bubblewrap": ProcessConfinement.bubblewrap.map { .string($0) } ?? .null,
                    "summary": .string(ProcessConfinement.summary),
                ],
            ])
        } else {
            Console.out(ReportText.lines(catalog.reports).joined(separator: "\n"))
            for diagnostic in catalog.diagnostics { Console.out(diagnostic.description) }
            let counts = Dictionary(grouping: catalog.reports, by: \.status).mapValues(\.count)
            Console.out("\(catalog.reports.count) packs: \(counts[.installed] ?? 0) installed, \(counts[.degraded] ?? 0) degraded, "
                        + "\(counts[.refused] ?? 0) refused; \(catalog.exposedTools.count) tools exposed")
            if catalog.tools.values.contains(where: { if case .process = $0.tool.handler { true } else { false } }) {
                Console.out(ProcessConfinement.summary)
            }
        }
        if catalog.reports.contains(where: { $0.status == .refused }) { throw ExitCode.failure }
    }
}

/// Install reports as text.
enum ReportText {
    static func lines(_ reports: [InstallReport]) -> [String] {
        var lines: [String] = []
        for report in reports {
            lines.append("\(report.pack)  \(report.status.rawValue)  (tier \(report.tier.rawValue))")
            let granted = report.decisions.filter(\.isGranted).map { decision in
                decision.request.kind.rawValue + (decision.grantedScopes.isEmpty ? "" : " " + decision.grantedScopes.joined(separator: ", "))
            }
            if !granted.isEmpty { lines.append("  granted:   " + granted.joined(separator: "; ")) }
            for decision in report.decisions {
                if let reason = decision.denialReason { lines.append("  denied:    \(reason)") }
            }
            if !report.installed.isEmpty {
                lines.append("  installed: " + report.installed.map(\.description).joined(separator: ", "))
            }
            for skipped in report.skipped {
                lines.append("  skipped:   \(skipped.contribution) — \(skipped.reason)")
            }
            for diagnostic in report.diagnostics where diagnostic.severity != .note {
                // Kernel diagnostics have no file; loading diagnostics name the manifest.
                lines.append("  " + (diagnostic.location?.file == nil ? "\(diagnostic.severity.rawValue): \(diagnostic.message)" : diagnostic.description))
            }
        }
        return lines
    }
}
