public import Foundation
import GRDB
import PackBasics
import PackKernel
import Synchronization

/// Quiver's persistent state in one SQLite file: invocation records, success rates per tool version
/// and model, and hashed API tokens.
///
/// The store is an ``InvocationRecorder``: ``record(_:)`` only appends to a bounded in-memory queue,
/// and a single background writer inserts queued records in batches, one transaction per batch,
/// then prunes old rows (``RetentionPolicy``). Call ``flush()`` before reading what was just
/// recorded, and before the process exits.
///
/// ```swift
/// let store = try StateStore.open(home: home)          // $QUIVER_HOME/quiver.db
/// let invoker = await kernel.makeInvoker(recorder: store, context: context)
/// …
/// await store.flush()
/// for rate in try await store.successRates() where rate.isFlagged { print(rate.tool, rate.model) }
/// ```
public final class StateStore: Sendable {
    /// Limits and thresholds of a store.
    public struct Configuration: Sendable {
        /// Which invocation rows to keep. (Default: 100,000 rows, 30 days)
        public var retention: RetentionPolicy
        /// The most records waiting for the writer; past it, ``StateStore/record(_:)`` drops the
        /// record and counts it in ``StateTotals/droppedRecords``. (Default: 50,000)
        public var queueCapacity: Int
        /// The most records one write transaction inserts. (Default: 5,000)
        public var batchSize: Int
        /// Success rates strictly below this are flagged. (Default: 0.8)
        public var successThreshold: Double

        /// Creates a configuration.
        public init(retention: RetentionPolicy = RetentionPolicy(), queueCapacity: Int = 50_000, batchSize: Int = 5_000,
                    successThreshold: Double = SuccessRate.defaultThreshold) {
            self.retention = retention
            self.queueCapacity = max(1, queueCapacity)
            self.batchSize = max(1, batchSize)
            self.successThreshold = successThreshold
        }
    }

    /// The database file name under `$QUIVER_HOME`.
    public static let fileName = "quiver.db"

    /// The database file, or `nil` for an in-memory store.
    public let path: String?
    /// The store's limits and thresholds.
    public let configuration: Configuration

    let database: DatabaseQueue
    let now: @Sendable () -> Date
    let queue = Mutex(RecordQueue())

    private init(path: String?, database: DatabaseQueue, configuration: Configuration, now: @escaping @Sendable () -> Date) {
        self.path = path
        self.database = database
        self.configuration = configuration
        self.now = now
    }

    /// The database path for a Quiver home directory: `home/quiver.db`.
    public static func databasePath(home: String) -> String {
        Path.join(home, fileName)
    }

    /// Opens (creating if needed) the store at `home/quiver.db`; see ``open(at:configuration:now:)``.
    public static func open(home: String, configuration: Configuration = Configuration(),
                            now: @escaping @Sendable () -> Date = { Date() }) throws(StateError) -> StateStore {
        try open(at: databasePath(home: home), configuration: configuration, now: now)
    }

    /// Opens the store at `path`, creating its directories and the database, and migrating the schema.
    ///
    /// The database runs in WAL mode, so `quiver stats` can read while a server writes.
    ///
    /// - Parameters:
    ///   - path: The database file.
    ///   - configuration: Retention, queue bounds and the success threshold.
    ///   - now: The clock that stamps records and drives age-based pruning. (Default: the system clock)
    /// - Throws: ``StateError`` with code ``StateError/Code/notWritable`` when the directory or file
    ///   cannot be created, ``StateError/Code/notADatabase`` when the file is not a SQLite database or
    ///   is another program's, ``StateError/Code/newerSchema`` when a newer Quiver wrote it.
    public static func open(at path: String, configuration: Configuration = Configuration(),
                            now: @escaping @Sendable () -> Date = { Date() }) throws(StateError) -> StateStore {
        let path = LocalFileSystem.absolute(path)
        let fileSystem = LocalFileSystem()
        if fileSystem.isDirectory(path) {
            throw .notADatabase(path, underlying: nil, reason: "it is a directory")
        }
        do {
            try fileSystem.createDirectory(at: Path.parent(path))
        } catch {
            throw .notWritable(path, reason: error.message)
        }
        var config = GRDB.Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            // WAL with synchronous=NORMAL: a power cut may lose the last batch, never corrupt the file.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let database: DatabaseQueue
        do {
            database = try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw Self.openingError(path, error)
        }
        try prepare(database, path: path)
        let store = StateStore(path: path, database: database, configuration: configuration, now: now)
        return store
    }

    /// An in-memory store, for tests and for hosts that keep nothing on disk.
    public static func inMemory(configuration: Configuration = Configuration(),
                                now: @escaping @Sendable () -> Date = { Date() }) throws(StateError) -> StateStore {
        let database: DatabaseQueue
        do {
            database = try DatabaseQueue()
        } catch {
            throw .databaseFailure(":memory:", error)
        }
        try prepare(database, path: ":memory:")
        return StateStore(path: nil, database: database, configuration: configuration, now: now)
    }

    /// Checks the file is ours and not from the future, then migrates it.
    private static func prepare(_ database: DatabaseQueue, path: String) throws(StateError) {
        do {
            let (applied, tables) = try database.read { db in
                (try Schema.migrator.appliedIdentifiers(db),
                 try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
            }
            let unknown = applied.subtracting(Schema.identifiers)
            if !unknown.isEmpty { throw StateError.newerSchema(path, unknown: Array(unknown)) }
            if applied.isEmpty, !tables.isEmpty {
                throw StateError.notADatabase(
                    path, underlying: nil,
                    reason: "it is another program's SQLite database, with tables " + tables.sorted().prefix(5).map { "'\($0)'" }.joined(separator: ", "))
            }
            try Schema.migrator.migrate(database)
        } catch let error as StateError {
            throw error
        } catch {
            throw openingError(path, error)
        }
    }

    /// Maps SQLite's open and first-read failures to errors that say what to do.
    static func openingError(_ path: String, _ error: any Error) -> StateError {
        guard let error = error as? DatabaseError else {
            return .databaseFailure(path, StateUnderlyingError(description: String(describing: error)))
        }
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return .notADatabase(path, underlying: error, reason: StateError.reason(error))
        case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return .notWritable(path, reason: StateError.reason(error), underlying: error)
        default:
            return .databaseFailure(path, error)
        }
    }
}

/// An underlying error that was not Sendable, kept as its description.
struct StateUnderlyingError: Error, Sendable, CustomStringConvertible {
    var description: String
}
