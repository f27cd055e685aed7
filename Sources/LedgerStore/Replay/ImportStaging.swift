import GRDB

/// Where an import keeps the events it has checked until the whole source has checked
/// out: temporary tables of the connection that writes the target.
///
/// Each line is parsed and checked once and its row written here as it stands in the
/// log; the move then copies the rows into the log with SQL alone. They live in SQLite's
/// temporary database (a file of its own beside the page cache, so memory stays flat),
/// not in the target's own schema: the target is not touched until every line has
/// passed, a killed import leaves none of them behind (its next run checks the source
/// again), and the protected schema (``Protection``) is never added to. The versioned
/// rows of the whole log are written to the ``VersionedProjection/Tables/rebuild``
/// tables beside them and replace the target's at the end, as a rebuild's do.
enum ImportStaging {
    /// The checked events, in the columns of `events`, by position.
    static let events = "temp.import_events"
    /// The snapshots due among them, in the columns of `snapshots`.
    static let snapshots = "temp.import_snapshots"
    /// What a rule check of a staged event reads: the target's events, then the staged ones.
    static let log = "temp.import_log"

    /// Creates the empty tables, dropping any left on this connection.
    static func begin(_ db: Database) throws {
        try end(db)
        try db.execute(
            sql: """
                CREATE TEMP TABLE import_events (
                  position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
                  stream_version INTEGER NOT NULL, type TEXT NOT NULL, schema_version INTEGER NOT NULL,
                  recorded_at INTEGER NOT NULL, effective_at INTEGER NOT NULL, actor_id TEXT NOT NULL,
                  partner_id TEXT NOT NULL, payload TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
                  credential TEXT, UNIQUE (stream_id, stream_version));
                CREATE TEMP TABLE import_snapshots AS SELECT * FROM main.snapshots WHERE 0;
                CREATE TEMP VIEW import_log AS
                  SELECT \(EventRows.columns) FROM main.events UNION ALL SELECT \(EventRows.columns) FROM import_events;
                """)
        try VersionedProjection.beginRebuild(db)
    }

    /// Writes a checked entry's row.
    /// - Throws: ``LogCheck/Failure`` when its event id is already used, by the target
    ///   or by an entry staged before it.
    static func stage(_ entry: LogEntry, _ db: Database, targetHasEvents: Bool) throws {
        let id = entry.recorded.eventID
        func reused(at position: Int64) -> LogCheck.Failure {
            LogCheck.Failure(position: entry.position, reason: "the event id \(id) is already the id of the event at position \(position)")
        }
        if targetHasEvents, let earlier = try EventRows.entry(db, eventID: id, log: "main.events") {
            throw reused(at: earlier.position)
        }
        do { try EventRows.insert(db, entry, into: events) } catch let error as DatabaseError
            where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
        {
            guard let earlier = try Int64.fetchOne(db, sql: "SELECT position FROM \(events) WHERE event_id = ?", arguments: [id]) else {
                throw error
            }
            throw reused(at: earlier)
        }
    }

    /// Copies the staged events after `after` up to `upTo`, and the snapshots among
    /// them, into the log.
    static func move(_ db: Database, after: Int64, upTo: Int64) throws {
        try db.execute(
            sql:
                "INSERT INTO main.events (\(EventRows.columns)) SELECT \(EventRows.columns) FROM \(events) WHERE position > ? AND position <= ? ORDER BY position",
            arguments: [after, upTo])
        try db.execute(
            sql: "INSERT OR REPLACE INTO main.snapshots SELECT * FROM \(snapshots) WHERE position > ? AND position <= ?",
            arguments: [after, upTo])
    }

    /// Drops the tables.
    static func end(_ db: Database) throws {
        try db.execute(sql: "DROP VIEW IF EXISTS \(log)")
        try db.execute(sql: "DROP TABLE IF EXISTS \(events)")
        try db.execute(sql: "DROP TABLE IF EXISTS \(snapshots)")
    }
}
