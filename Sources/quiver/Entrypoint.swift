import ArgumentParser
import PackCommands

/// The `quiver` executable: everything lives in PackCommands so it can be tested in process.
@main
struct Entrypoint {
    static func main() async {
        await QuiverCommand.main()
    }
}
