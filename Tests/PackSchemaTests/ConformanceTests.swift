import Foundation
import PackJSON
import PackSchema
import Testing

/// Runs every test of the JSON-Schema-Test-Suite (`shared/corpora/json-schema-test-suite`) for
/// draft 2020-12 and draft-07: required tests must all pass; `optional/` and `optional/format/`
/// (with format assertion on) are run and counted.
@Suite struct ConformanceTests {
    /// The suite's root: `<package root>/../shared/corpora/json-schema-test-suite`, where the
    /// package root is the nearest ancestor of this file (symlinks resolved) holding Package.swift.
    static let suiteRoot: URL? = {
        var directory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory.deletingLastPathComponent()
                    .appendingPathComponent("shared/corpora/json-schema-test-suite")
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }()

    struct Tally {
        var passed = 0
        var total = 0
        var failures: [String] = []
    }

    static func loadJSON(_ url: URL) throws -> JSONValue {
        try JSONParser.parse(Data(contentsOf: url))
    }

    /// Every file under `remotes/`, registered at `http://localhost:1234/<relative path>`.
    static func remotes(_ root: URL) throws -> JSONSchemaRegistry {
        var registry = JSONSchemaRegistry()
        let remotes = root.appendingPathComponent("remotes")
        let enumerator = FileManager.default.enumerator(at: remotes, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "json" else { continue }
            let relative = url.resolvingSymlinksInPath().path.dropFirst(remotes.resolvingSymlinksInPath().path.count + 1)
            registry.register(try loadJSON(url), at: "http://localhost:1234/" + relative)
        }
        return registry
    }

    static func jsonFiles(in directory: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func run(files: [URL], options: JSONSchemaOptions, label: String) throws -> Tally {
        var tally = Tally()
        for file in files {
            guard case .array(let cases) = try loadJSON(file) else { continue }
            for testCase in cases {
                let description = testCase["description"]?.stringValue ?? "?"
                let tests = testCase["tests"]?.arrayValue ?? []
                let validator: JSONSchemaValidator?
                var compileError = ""
                do {
                    validator = try JSONSchemaValidator(schema: testCase["schema"] ?? true, options: options)
                } catch {
                    validator = nil
                    compileError = error.description
                }
                for test in tests {
                    tally.total += 1
                    let expected = test["valid"]?.boolValue ?? true
                    let data = test["data"] ?? .null
                    let name = "\(label)/\(file.lastPathComponent): \(description) / \(test["description"]?.stringValue ?? "?")"
                    guard let validator else {
                        tally.failures.append("\(name): schema rejected: \(compileError)")
                        continue
                    }
                    let flag = validator.isValid(data)
                    let result = validator.validate(data)
                    if flag == expected, result.isValid == expected, result.isValid == result.errors.isEmpty {
                        tally.passed += 1
                    } else {
                        tally.failures.append("\(name): expected \(expected), isValid \(flag), validate \(result.isValid)")
                    }
                }
            }
        }
        return tally
    }

    @Test(arguments: [("draft2020-12", JSONSchemaDraft.draft2020_12), ("draft7", JSONSchemaDraft.draft7)])
    func everyRequiredSuiteTestPasses(directory: String, draft: JSONSchemaDraft) throws {
        let root = try #require(Self.suiteRoot, "cannot find the package root above \(#filePath)")
        let tests = root.appendingPathComponent("tests").appendingPathComponent(directory)
        #expect(FileManager.default.fileExists(atPath: tests.path), "missing test suite at \(tests.path)")
        let registry = try Self.remotes(root)
        let options = JSONSchemaOptions(defaultDraft: draft, registry: registry)
        var formatOptions = options
        formatOptions.assertsFormat = true

        let required = try Self.run(files: Self.jsonFiles(in: tests), options: options, label: directory)
        let optional = try Self.run(
            files: Self.jsonFiles(in: tests.appendingPathComponent("optional")), options: options,
            label: directory + "/optional")
        let format = try Self.run(
            files: Self.jsonFiles(in: tests.appendingPathComponent("optional/format")), options: formatOptions,
            label: directory + "/optional/format")

        print(
            "JSON-Schema-Test-Suite \(directory): required \(required.passed)/\(required.total), "
                + "optional \(optional.passed)/\(optional.total), format \(format.passed)/\(format.total)")
        for failure in optional.failures + format.failures {
            print("  optional failure: \(failure)")
        }
        for failure in required.failures {
            print("  REQUIRED FAILURE: \(failure)")
        }
        #expect(required.total > 0)
        #expect(required.failures.isEmpty, "\(required.failures.count) required tests failed, listed above")
    }
}
