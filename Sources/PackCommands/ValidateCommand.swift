import ArgumentParser
import PackBasics
import PackJSON
import PackLoading
import PackModel

/// `quiver validate [PATH…]`: checks packs and prints every problem like a compiler.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check packs and print every problem with its location.",
        discussion: """
            Each PATH is a pack directory, a manifest file, or a directory searched for packs. \
            Diagnostics print as 'path:line:column: severity: message; fix'. \
            Exit status: 0 when every pack is valid, 1 when any has an error.
            """)

    @Argument(help: "Pack directories, manifest files, or directories that contain packs.")
    var paths: [String] = ["."]

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Flag(help: "Print a JSON report instead of text.")
    var json = false

    func run() async throws {
        var reports: [JSONValue] = []
        var anyInvalid = false
        var targets: [PackTargets.Target] = []
        for path in paths {
            let found = PackTargets.resolve(path)
            if found.isEmpty {
                anyInvalid = true
                let message = "no packs found at '\(path)'; give a pack directory or a directory that contains packs"
                if json {
                    reports.append(["path": .string(path), "valid": false, "diagnostics": [Diagnostic.error(message).jsonValue]])
                } else {
                    Console.error(message)
                }
            }
            targets += found
        }
        // Each pack's report is made on the task that loaded it, so no result outlives its task.
        let displays = targets.map(\.display)
        let (strict, json) = (strict, json)
        let packReports = await PackLoader().loadAll(targets.map(\.absolute)) { index, result in
            PackReport(result, display: displays[index], strict: strict, json: json)
        }
        var text: [String] = []
        for report in packReports {
            if !report.valid { anyInvalid = true }
            if let json = report.json { reports.append(json) } else { text += report.lines }
        }
        if json {
            Console.json(["valid": .bool(!anyInvalid), "packs": .array(reports)])
        } else {
            if targets.count > 1 {
                let validCount = packReports.filter { $0.valid }.count
                text.append("\(targets.count) packs checked: \(validCount) valid, \(targets.count - validCount) invalid")
            }
            if !text.isEmpty { Console.out(text.joined(separator: "\n")) }
        }
        if anyInvalid { throw ExitCode.failure }
    }
}

/// What `quiver validate` prints for one pack: its diagnostics and summary line, or its JSON report.
struct PackReport: Sendable {
    var valid: Bool
    var lines: [String] = []
    var json: JSONValue?

    init(_ result: PackLoadResult, display: String, strict: Bool, json: Bool) {
        let failing = result.diagnostics.containsErrors || (strict && result.diagnostics.contains { $0.severity == .warning })
        valid = result.manifest != nil && !failing
        let displayed = result.diagnostics.map { $0.displayed(relativeTo: display) }
        if json {
            var report: JSONObject = ["path": .string(display), "valid": .bool(valid),
                                      "diagnostics": .array(displayed.map(\.jsonValue))]
            if let manifest = result.manifest {
                report["name"] = .string(manifest.name)
                report["version"] = .string(manifest.version.description)
            }
            self.json = .object(report)
        } else {
            lines = displayed.map(\.description)
            lines.append(Summary.line(for: result, display: display, valid: valid))
        }
    }
}

/// Where commands find packs from a path argument.
enum PackTargets {
    struct Target {
        /// The path as the user should see it (relative when they gave a relative path).
        var display: String
        /// The absolute pack directory or manifest file.
        var absolute: String
    }

    /// A pack directory or manifest file gives itself; another directory gives the packs under it.
    static func resolve(_ path: String) -> [Target] {
        let fileSystem = LocalFileSystem()
        let absolute = LocalFileSystem.absolute(path)
        let loader = PackLoader(fileSystem: fileSystem)
        if fileSystem.isFile(absolute) || loader.manifestFile(in: absolute) != nil {
            return [Target(display: trimmed(path), absolute: absolute)]
        }
        guard fileSystem.isDirectory(absolute) else { return [] }
        return PackDiscovery(fileSystem: fileSystem).packs(under: absolute).map { pack in
            let suffix = String(pack.dropFirst(absolute.count)).drop { $0 == "/" }
            let display = trimmed(path) == "." ? String(suffix) : Path.join(trimmed(path), String(suffix))
            return Target(display: display, absolute: pack)
        }
    }

    private static func trimmed(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}

enum Summary {
    static func line(for result: PackLoadResult, display: String, valid: Bool) -> String {
        let errors = result.diagnostics.filter { $0.severity == .error }.count
        let warnings = result.diagnostics.filter { $0.severity == .warning }.count
        let name = valid ? result.manifest.map { "\($0.name)@\($0.version)" } ?? display : display
        if valid {
            return warnings == 0 ? "\(name): valid" : "\(name): valid, \(plural(warnings, "warning"))"
        }
        var parts = [plural(errors, "error")]
        if warnings > 0 { parts.append(plural(warnings, "warning")) }
        return "\(name): invalid, " + parts.joined(separator: ", ")
    }

    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}

extension Diagnostic {
    /// The diagnostic with its file shown relative to how the user named the pack.
    func displayed(relativeTo packPath: String) -> Diagnostic {
        guard var location else { return self }
        if let file = location.file, !file.hasPrefix("/"), packPath != "." {
            location.file = ManifestFormatName.isManifest(packPath) ? Path.join(Path.parent(packPath), file) : Path.join(packPath, file)
        }
        return located(at: location)
    }
}

enum ManifestFormatName {
    static func isManifest(_ path: String) -> Bool {
        ManifestFormat(fileName: path) != nil
    }
}
