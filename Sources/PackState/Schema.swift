import GRDB

/// The database schema, as GRDB migrations: one identifier per released change, never edited once shipped.
///
/// A database that lists a migration this build does not know was written by a newer Quiver; opening
/// it fails with ``StateError/Code/newerSchema`` rather than guessing.
enum Schema {
    /// Every migration this build knows, in order.
    static let identifiers: Set<String> = ["v1-invocations-rates-tokens"]

    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-invocations-rates-tokens") { db in
            // One row per call; pruned by RetentionPolicy. `time` is Unix time in seconds.
            try db.execute(sql: """
                CREATE TABLE invocations (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    time REAL NOT NULL,
                    tool TEXT NOT NULL,
                    version TEXT NOT NULL,
                    model TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    latency_us INTEGER NOT NULL,
                    output_bytes INTEGER NOT NULL,
                    validation_errors TEXT
                );
                CREATE INDEX invocations_time ON invocations(time);
                CREATE INDEX invocations_tool ON invocations(tool, id);
                """)
            // Counters per tool version and model; never pruned, so success rates outlive the rows.
            try db.execute(sql: """
                CREATE TABLE success_counts (
                    tool TEXT NOT NULL,
                    version TEXT NOT NULL,
                    model TEXT NOT NULL,
                    calls INTEGER NOT NULL,
                    successes INTEGER NOT NULL,
                    latency_us_total INTEGER NOT NULL,
                    first_time REAL NOT NULL,
                    last_time REAL NOT NULL,
                    PRIMARY KEY (tool, version, model)
                ) WITHOUT ROWID;
                """)
            // API tokens: the SHA-256 of the token only, never the token.
            try db.execute(sql: """
                CREATE TABLE tokens (
                    name TEXT NOT NULL PRIMARY KEY,
                    sha256 TEXT NOT NULL UNIQUE,
                    created_at REAL NOT NULL,
                    last_used_at REAL
                );
                """)
        }
        return migrator
    }()
}
