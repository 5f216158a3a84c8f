import ArgumentParser
import PackBasics
import PackJSON
import PackSchema

/// `quiver json …`: JSON tools.
struct JSONCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "json",
        abstract: "JSON tools: validate instances against a JSON Schema.",
        subcommands: [JSONValidateCommand.self])
}

/// `quiver json validate`: validates JSON instances against a schema (2020-12 or draft-07).
struct JSONValidateCommand: AsyncParsableCommand {
    /// How deeply an instance may nest: the validator's evaluation limit (4096), so that every
    /// instance it can judge is parsed, and deeper ones are refused with a clear message.
    static let instanceDepthLimit = 4096

    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate JSON instances against a JSON Schema.",
        discussion: """
            Validates one instance file, or every line of a JSONL file (one verdict line per input line). \
            Exit status: 0 when every instance is valid, 1 when any is invalid or is not JSON, 2 when the schema \
            cannot be read or compiled.
            """)

    enum Draft: String, ExpressibleByArgument, CaseIterable {
        case draft2020 = "2020-12"
        case draft7 = "7"

        var value: JSONSchemaDraft { self == .draft7 ? .draft7 : .draft2020_12 }
    }

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case basic
        case flag
    }

    @Option(help: "The JSON Schema file.")
    var schema: String

    @Argument(help: "The instance file (JSON).")
    var instance: String?

    @Option(help: "A JSONL file: one instance per line.")
    var jsonl: String?

    @Option(help: "The draft for schemas without '$schema': 2020-12 or 7. (Default: 2020-12)")
    var draft: Draft = .draft2020

    @Flag(help: "Check 'format' as an assertion (date-time, email, uri, uuid, …) instead of an annotation.")
    var formatAssertion = false

    @Option(help: "basic: every error with its locations; flag: valid or invalid only. (Default: basic)")
    var output: OutputFormat = .basic

    @Flag(help: "Print JSON (the JSON Schema 'basic' output format; one object per line for JSONL).")
    var json = false

    func validate() throws {
        if (instance == nil) == (jsonl == nil) {
            throw ValidationError("give exactly one of INSTANCE and --jsonl FILE")
        }
    }

    func run() async throws {
        let fileSystem = LocalFileSystem()
        let validator: JSONSchemaValidator
        do {
            let schemaBytes = try fileSystem.readFile(at: LocalFileSystem.absolute(schema))
            let schemaValue = try JSONParser.parse(schemaBytes)
            let options = JSONSchemaOptions(defaultDraft: draft.value, assertsFormat: formatAssertion,
                                            baseURI: "file://" + LocalFileSystem.absolute(schema))
            validator = try JSONSchemaValidator(schema: schemaValue, options: options)
        } catch let error as FileSystemError {
            Console.error(error.message)
            throw ExitCode(2)
        } catch let error as JSONParseError {
            Console.error("\(schema) is not valid JSON: \(error)")
            throw ExitCode(2)
        } catch {
            Console.error("\(schema): \(error)")
            throw ExitCode(2)
        }

        let bytes: [UInt8]
        let path = instance ?? jsonl ?? ""
        do {
            bytes = try fileSystem.readFile(at: LocalFileSystem.absolute(path))
        } catch {
            Console.error(error.message)
            throw ExitCode(2)
        }
        var lines: [String] = []
        var allValid = true
        if instance != nil {
            let verdict = check(bytes[...], validator: validator, label: nil)
            allValid = verdict.valid
            lines.append(verdict.text)
        } else {
            var lineNumber = 0
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                lineNumber += 1
                var slice = bytes[start..<end]
                if slice.last == UInt8(ascii: "\r") { slice = slice.dropLast() }
                if !slice.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
                    let verdict = check(slice, validator: validator, label: lineNumber)
                    if !verdict.valid { allValid = false }
                    lines.append(verdict.text)
                }
                start = end + 1
            }
        }
        if !lines.isEmpty { Console.out(lines.joined(separator: "\n")) }
        if !allValid { throw ExitCode.failure }
    }

    /// The verdict for one instance, as the line(s) to print.
    private func check(_ bytes: ArraySlice<UInt8>, validator: JSONSchemaValidator, label: Int?) -> (valid: Bool, text: String) {
        let prefix = label.map { "\(jsonl ?? ""):\($0): " } ?? ""
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes, options: .init(maxDepth: Self.instanceDepthLimit))
        } catch {
            if json {
                var object: JSONObject = ["valid": false, "error": .string("not JSON: \(error)")]
                if let label { object["line"] = .number(JSONNumber(label)) }
                return (false, JSONValue.object(object).serialized())
            }
            return (false, prefix + "invalid: not JSON: \(error)")
        }
        if output == .flag {
            let valid = validator.isValid(value)
            if json {
                var object: JSONObject = ["valid": .bool(valid)]
                if let label { object["line"] = .number(JSONNumber(label)) }
                return (valid, JSONValue.object(object).serialized())
            }
            return (valid, prefix + (valid ? "valid" : "invalid"))
        }
        let result = validator.validate(value)
        if json {
            var object = result.basicOutput.objectValue ?? JSONObject()
            if let label { object["line"] = .number(JSONNumber(label)) }
            return (result.isValid, JSONValue.object(object).serialized())
        }
        if result.isValid { return (true, prefix + "valid") }
        let details = result.errors.map { "  \($0) (\($0.keywordLocation.isEmpty ? "#" : $0.keywordLocation))" }
        return (false, ([prefix + "invalid"] + details).joined(separator: "\n"))
    }
}
