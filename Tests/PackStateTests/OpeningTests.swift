import Foundation
import PackState
import PackTestSupport
import Testing

@Suite(.tags(.small))
struct OpeningTests {
    @Test("opening creates the directories and the database")
    func openingCreatesTheDirectoriesAndTheDatabase() async throws {
        let home = try TestPaths.temporaryDirectory("state-open") + "/nested/home"
        let store = try StateStore.open(home: home)
        #expect(FileManager.default.fileExists(atPath: home + "/quiver.db"))
        #expect(try await store.totals().storedInvocations == 0)
        #expect(try SQLiteClient.query("PRAGMA journal_mode", on: home + "/quiver.db") == ["wal"])
        #expect(try SQLiteClient.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", on: home + "/quiver.db")
            == ["grdb_migrations", "invocations", "sqlite_sequence", "success_counts", "tokens"])
    }

    @Test("a file that is not SQLite is refused with the path and the fix")
    func aFileThatIsNotSQLiteIsRefused() throws {
        let directory = try TestPaths.temporaryDirectory("state-garbage")
        let path = directory + "/quiver.db"
        try Data(String(repeating: "not a database at all\n", count: 200).utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StateError.self) { try StateStore.open(at: path) }
        #expect(error?.code == .notADatabase)
        #expect(error?.message.contains("'\(path)'") == true)
        #expect(error?.message.contains("delete it") == true)
        #expect(error?.path == path)
    }

    @Test("a directory at the database path is refused")
    func aDirectoryAtTheDatabasePathIsRefused() throws {
        let directory = try TestPaths.temporaryDirectory("state-dir")
        try FileManager.default.createDirectory(atPath: directory + "/quiver.db", withIntermediateDirectories: true)
        let error = #expect(throws: StateError.self) { try StateStore.open(home: directory) }
        #expect(error?.code == .notADatabase)
        #expect(error?.message.contains("it is a directory") == true)
    }

    @Test("a home that cannot be created is refused with the fix")
    func aHomeThatCannotBeCreatedIsRefused() throws {
        let directory = try TestPaths.temporaryDirectory("state-blocked")
        try Data("a file".utf8).write(to: URL(fileURLWithPath: directory + "/file"))
        let error = #expect(throws: StateError.self) { try StateStore.open(home: directory + "/file/home") }
        #expect(error?.code == .notWritable)
        #expect(error?.message.contains("QUIVER_HOME") == true)
        #expect(error?.message.contains(directory + "/file/home/quiver.db") == true)
    }

    @Test("an unwritable directory is refused", .enabled(if: getuid() != 0, "root writes anywhere"))
    func anUnwritableDirectoryIsRefused() throws {
        let directory = try TestPaths.temporaryDirectory("state-readonly")
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory) }
        let error = #expect(throws: StateError.self) { try StateStore.open(home: directory) }
        #expect(error?.code == .notWritable)
    }

    @Test("a database from a newer Quiver is refused, not rewritten")
    func aDatabaseFromANewerQuiverIsRefused() async throws {
        let directory = try TestPaths.temporaryDirectory("state-newer")
        let path = StateStore.databasePath(home: directory)
        _ = try StateStore.open(at: path)
        try SQLiteClient.execute("INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future');", on: path)
        let error = #expect(throws: StateError.self) { try StateStore.open(at: path) }
        #expect(error?.code == .newerSchema)
        #expect(error?.message.contains("'v9-from-the-future'") == true)
        #expect(error?.message.contains("upgrade quiver") == true)
    }

    @Test("another program's SQLite database is left alone")
    func anotherProgramsDatabaseIsLeftAlone() throws {
        let directory = try TestPaths.temporaryDirectory("state-foreign")
        let path = directory + "/quiver.db"
        try SQLiteClient.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT);", on: path)
        let error = #expect(throws: StateError.self) { try StateStore.open(at: path) }
        #expect(error?.code == .notADatabase)
        #expect(error?.message.contains("'photos'") == true)
        #expect(try SQLiteClient.query("SELECT name FROM sqlite_master WHERE type = 'table'", on: path) == ["photos"])
    }
}
