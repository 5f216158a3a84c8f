import ArgumentParser
import PackCommands
import Synchronization

/// What a command printed and how it exited, run in process.
struct CommandResult {
    var standardOutput: String
    var standardError: String
    var exitCode: Int32
}

/// Runs `quiver ARGS…` in process, capturing its output through ``CommandOutput/current``.
func quiver(_ arguments: String...) async -> CommandResult {
    await quiver(arguments)
}

func quiver(_ arguments: [String]) async -> CommandResult {
    let out = Mutex(""), err = Mutex("")
    let output = CommandOutput(
        standardOutput: { text in out.withLock { $0 += text } },
        standardError: { text in err.withLock { $0 += text } })
    let code: Int32 = await CommandOutput.$current.withValue(output) {
        do {
            var command = try QuiverCommand.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            let code = QuiverCommand.exitCode(for: error).rawValue
            if code != 0 && !(error is ExitCode) {
                let message = QuiverCommand.fullMessage(for: error)
                if !message.isEmpty { err.withLock { $0 += message + "\n" } }
            }
            if code == 0 {
                // --help and --version print through a clean exit.
                out.withLock { $0 += QuiverCommand.fullMessage(for: error) + "\n" }
            }
            return code
        }
    }
    return CommandResult(standardOutput: out.withLock { $0 }, standardError: err.withLock { $0 }, exitCode: code)
}
