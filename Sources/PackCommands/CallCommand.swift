import ArgumentParser
import PackBasics
import PackJSON
import PackKernel
import PackModel

/// `quiver call PACK/TOOL --input JSON`: runs one tool through the invocation pipeline.
struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Call a tool through the invocation pipeline and print its output.",
        discussion: """
            TOOL is a model-visible name (echo) or an ID (echo-tools/echo, echo-tools@1.0.0/echo). \
            Exit status: 0 when the call succeeds, 1 when it ends with another outcome \
            (input_invalid, denied, handler_error, timeout, resource_exhausted, output_invalid), 64 for an unknown tool.
            """)

    @Argument(help: "The tool.")
    var tool: String

    @Option(help: "The input: JSON text, or @FILE to read it from a file. (Default: {})")
    var input: String = "{}"

    @OptionGroup var selection: PackSelection

    @Flag(help: "Print JSON: {outcome, output | error, latency_ms, validation_errors}.")
    var json = false

    func run() async throws {
        let value: JSONValue
        do {
            if input.hasPrefix("@") {
                value = try JSONParser.parse(try LocalFileSystem().readFile(at: LocalFileSystem.absolute(String(input.dropFirst()))))
            } else {
                value = try JSONParser.parse(input)
            }
        } catch let error as FileSystemError {
            Console.error(error.message)
            throw ExitCode(64)
        } catch {
            Console.error("--input is not valid JSON: \(error)")
            throw ExitCode(64)
        }
        let invoker = try await selection.invoker()
        let result: InvocationResult
        do {
            result = try await invoker.invoke(tool, input: value, caller: "quiver-cli")
        } catch {
            Console.error(error.message)
            throw ExitCode(64)
        }
        if json {
            Console.json(result.jsonValue)
        } else if let output = result.output {
            Console.out(output.serialized(pretty: true))
        } else {
            Console.error("\(result.outcome.rawValue): \(result.error ?? "")")
            if !result.diagnostics.isEmpty { Console.err(result.diagnostics) }
        }
        if result.outcome != .ok { throw ExitCode.failure }
    }
}
