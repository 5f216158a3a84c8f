import ArgumentParser
import Foundation
import PackJSON
import PackState

/// `quiver token`: API tokens for servers that listen beyond loopback.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke the bearer tokens the server accepts.",
        discussion: """
            A server listening beyond loopback requires 'Authorization: Bearer TOKEN' on mutating and invoking \
            endpoints. Quiver stores only each token's SHA-256, in $QUIVER_HOME/quiver.db.
            """,
        subcommands: [TokenCreateCommand.self, TokenListCommand.self, TokenRevokeCommand.self])
}

/// `quiver token create NAME`: prints a new token once.
struct TokenCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a token and print it once.",
        discussion: "The token goes to standard output alone on its line; the reminder to store it goes to standard error.")

    @Argument(help: "A unique name: 1 to 64 characters from A-Z a-z 0-9 . _ -")
    var name: String

    @OptionGroup var state: StateHomeOption

    @Flag(help: "Print JSON instead of text.")
    var json = false

    static let warning = "store this token now (a password manager, a secret store); Quiver keeps only its hash and cannot show it again"

    func run() async throws {
        guard StateStore.isValidTokenName(name) else {
            Console.error("invalid token name '\(name)'; use 1 to \(TokenInfo.maximumNameLength) characters from A-Z, a-z, 0-9, '.', '_' and '-'")
            throw ExitCode(64)
        }
        let store = try state.open()
        let token: String
        do {
            token = try await store.createToken(name: name)
        } catch {
            Console.error(error.message)
            throw ExitCode.failure
        }
        if json {
            Console.json(["name": .string(name), "token": .string(token), "warning": .string(Self.warning)])
        } else {
            Console.out(token)
            Console.err("warning: " + Self.warning)
        }
    }
}

/// `quiver token list`: names and times, never tokens.
struct TokenListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens by name, with when they were created and last used.")

    @OptionGroup var state: StateHomeOption

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let tokens: [TokenInfo]
        if FileManager.default.fileExists(atPath: StateStore.databasePath(home: state.home)) {
            do {
                tokens = try await state.open().listTokens()
            } catch let error as StateError {
                Console.error(error.message)
                throw ExitCode.failure
            }
        } else {
            tokens = []
        }
        if json {
            Console.json(["tokens": .array(tokens.map(\.jsonValue))])
            return
        }
        guard !tokens.isEmpty else {
            Console.out("no tokens; create one with 'quiver token create NAME'")
            return
        }
        var rows: [[String]] = [["NAME", "CREATED", "LAST USED"]]
        for token in tokens {
            rows.append([token.name, token.createdAt.formatted(.iso8601), token.lastUsedAt?.formatted(.iso8601) ?? "never"])
        }
        for line in TextTable.render(rows) { Console.out(line) }
    }
}

/// `quiver token revoke NAME`: the token stops working at once.
struct TokenRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke a token by name; it stops working at once.",
        discussion: "Exit status: 0 when the token was revoked, 1 when no token has that name.")

    @Argument(help: "The token's name, as 'quiver token list' shows it.")
    var name: String

    @OptionGroup var state: StateHomeOption

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        var revoked = false
        if FileManager.default.fileExists(atPath: StateStore.databasePath(home: state.home)) {
            do {
                revoked = try await state.open().revokeToken(name: name)
            } catch let error as StateError {
                Console.error(error.message)
                throw ExitCode.failure
            }
        }
        if json {
            Console.json(["name": .string(name), "revoked": .bool(revoked)])
        } else if revoked {
            Console.out("revoked token '\(name)'")
        }
        if !revoked {
            if !json { Console.error("no token named '\(name)'; 'quiver token list' shows the names") }
            throw ExitCode.failure
        }
    }
}
