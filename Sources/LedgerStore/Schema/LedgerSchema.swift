import GRDB

/// The database's shape, as named migrations of plain SQL. A shipped migration is never
/// edited: a later release adds one, so it can open every earlier file, and a file
/// holding a migration this release does not know is refused.
enum LedgerSchema {
    /// `PRAGMA application_id` of every ledger file ("CSPL"), so that another SQLite
    /// file is told apart from a ledger.
    static let applicationID: Int32 = 0x4353_504C

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-event-log") { db in
            try db.execute(sql: eventLogSQL)
        }
        migrator.registerMigration("v1-projection") { db in
            try db.execute(sql: projectionSQL)
        }
        migrator.registerMigration("v2-snapshots") { db in
            try db.execute(sql: snapshotSQL)
        }
        migrator.registerMigration("v3-column-types") { db in
            try db.execute(sql: columnTypesSQL)
        }
        migrator.registerMigration("v3-checked-snapshots") { db in
            try db.execute(sql: checkedSnapshotSQL)
        }
        migrator.registerMigration("v3-import-progress") { db in
            try db.execute(sql: importProgressSQL)
        }
        migrator.registerMigration("v4-credentials") { db in
            try db.execute(sql: credentialSQL)
        }
        migrator.registerMigration("v5-record-versions") { db in
            try db.execute(sql: recordVersionsSQL)
        }
        migrator.registerMigration("v6-merkle-tree") { db in
            try db.execute(sql: MerkleRows.createSQL)
        }
        migrator.registerMigration("v7-record-scopes") { db in
            try db.execute(sql: recordScopesSQL)
        }
        return migrator
    }

    /// Each column of `events` holds one storage class, checked after SQLite's type
    /// affinity: a `stream_version` of 13.5 or a payload stored as a blob is refused,
    /// so that no two readers can read the same bytes two ways.
    private static let columnTypesSQL = """
        CREATE TRIGGER events_column_types BEFORE INSERT ON events
        WHEN typeof(NEW.position) <> 'integer' OR typeof(NEW.event_id) <> 'text' OR typeof(NEW.stream_id) <> 'text'
          OR typeof(NEW.stream_version) <> 'integer' OR typeof(NEW.type) <> 'text' OR typeof(NEW.schema_version) <> 'integer'
          OR typeof(NEW.recorded_at) <> 'integer' OR typeof(NEW.effective_at) <> 'integer' OR typeof(NEW.actor_id) <> 'text'
          OR typeof(NEW.partner_id) <> 'text' OR typeof(NEW.payload) <> 'text' OR typeof(NEW.prev_hash) <> 'text'
          OR typeof(NEW.hash) <> 'text'
        BEGIN SELECT RAISE(ABORT, 'the event log stores integers in position, stream_version, schema_version, recorded_at and effective_at, and text in every other column'); END;
        """

    /// Envelope version 2: the id of the token that authorised a write, NULL for a
    /// write whose actor was declared (every event written before this column existed).
    /// Text or NULL, a token id's 16 lowercase hexadecimal digits.
    private static let credentialSQL = """
        ALTER TABLE events ADD COLUMN credential TEXT
          CHECK (credential IS NULL OR (typeof(credential) = 'text' AND length(credential) = 16 AND credential NOT GLOB '*[^0-9a-f]*'));
        """

    /// Snapshots carry the SHA-256 of their bytes and the chain hash of the event at
    /// their position, checked on every read. The table is derived, so it is dropped
    /// and written again (by the first open for writing) rather than converted.
    private static let checkedSnapshotSQL = """
        DROP TABLE snapshots;
        CREATE TABLE snapshots (
          position     INTEGER PRIMARY KEY NOT NULL,
          fold_version INTEGER NOT NULL,
          chain_hash   TEXT NOT NULL CHECK (length(chain_hash) = 64),
          sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
          state        BLOB NOT NULL
        );
        """

    /// The control table of an import in progress: one row while an import has not
    /// finished, naming the source's head and how far the import got.
    private static let importProgressSQL = """
        CREATE TABLE import_progress (
          id              INTEGER PRIMARY KEY CHECK (id = 1),
          source          TEXT NOT NULL,
          source_position INTEGER NOT NULL,
          source_hash     TEXT NOT NULL,
          imported_to     INTEGER NOT NULL
        );
        """

    /// The system-versioned projection (``VersionedProjection``): every value each
    /// record of the plan held, with the log positions between which it held. A value
    /// still held has `valid_until` 9223372036854775807, so that both bounds are
    /// plain integers an index can range over.
    private static let recordVersionsSQL = """
        CREATE TABLE record_versions (
          valid_from  INTEGER NOT NULL CHECK (valid_from >= 1),
          kind        TEXT    NOT NULL,
          id          TEXT    NOT NULL,
          valid_until INTEGER NOT NULL CHECK (valid_until > valid_from),
          record      BLOB    NOT NULL,
          PRIMARY KEY (valid_from, kind, id)
        ) WITHOUT ROWID;
        CREATE INDEX record_versions_by_record ON record_versions(kind, id, valid_until);
        CREATE INDEX record_versions_by_until ON record_versions(valid_until, valid_from);
        """

    /// The scope index of the versioned projection (``VersionedProjection``): each
    /// record ever listed under a plan, priority or partner scope
    /// (`PlanState.scopes(listing:)`), so that a scoped `state --as-of` reads those
    /// records rather than the whole plan. `scope` is the scope's stream (`plan-…`).
    private static let recordScopesSQL = """
        CREATE TABLE record_scopes (
          scope TEXT NOT NULL,
          kind  TEXT NOT NULL,
          id    TEXT NOT NULL,
          PRIMARY KEY (scope, kind, id)
        ) WITHOUT ROWID;
        """

    private static let eventLogSQL = """
        CREATE TABLE events (
          position       INTEGER PRIMARY KEY CHECK (position >= 1),
          event_id       TEXT    NOT NULL UNIQUE,
          stream_id      TEXT    NOT NULL,
          stream_version INTEGER NOT NULL CHECK (stream_version >= 1),
          type           TEXT    NOT NULL,
          schema_version INTEGER NOT NULL CHECK (schema_version >= 1),
          recorded_at    INTEGER NOT NULL,
          effective_at   INTEGER NOT NULL,
          actor_id       TEXT    NOT NULL,
          partner_id     TEXT    NOT NULL,
          payload        TEXT    NOT NULL,
          prev_hash      TEXT    NOT NULL CHECK (length(prev_hash) = 64),
          hash           TEXT    NOT NULL CHECK (length(hash) = 64),
          CHECK (effective_at <= recorded_at),
          UNIQUE (stream_id, stream_version)
        );
        CREATE INDEX events_by_recorded_at ON events(recorded_at);
        CREATE INDEX events_by_effective_at ON events(effective_at);

        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only: an event is never updated; append a correcting event instead'); END;

        CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only: an event is never deleted'); END;

        CREATE TRIGGER events_append_at_head BEFORE INSERT ON events
        WHEN NEW.position IS NOT (SELECT coalesce(max(position), 0) + 1 FROM events)
          OR NEW.recorded_at < coalesce((SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1), NEW.recorded_at)
          OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM events ORDER BY position DESC LIMIT 1), '\(String(repeating: "0", count: 64))')
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only: a new event goes at the next position, recorded no earlier than the last, chained to its hash'); END;

        CREATE TABLE ledger_meta (
          key   TEXT PRIMARY KEY NOT NULL,
          value TEXT NOT NULL
        );
        """

    private static let snapshotSQL = """
        CREATE TABLE snapshots (
          position     INTEGER PRIMARY KEY NOT NULL,
          fold_version INTEGER NOT NULL,
          state        TEXT NOT NULL
        );
        """

    private static let projectionSQL = """
        CREATE TABLE partners (
          id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, responsible_authority INTEGER NOT NULL
        );
        CREATE TABLE actors (
          id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, partner_id TEXT NOT NULL, role TEXT NOT NULL,
          active INTEGER NOT NULL
        );
        CREATE TABLE assessments (
          id TEXT PRIMARY KEY NOT NULL, year INTEGER NOT NULL, title TEXT NOT NULL, summary TEXT
        );
        CREATE TABLE plans (
          id TEXT PRIMARY KEY NOT NULL, title TEXT NOT NULL, period_from TEXT NOT NULL, period_to TEXT NOT NULL,
          assessment_id TEXT, last_review_at TEXT, last_review_note TEXT
        );
        CREATE TABLE priorities (
          id TEXT PRIMARY KEY NOT NULL, plan_id TEXT NOT NULL, title TEXT NOT NULL, scope TEXT, retired INTEGER NOT NULL
        );
        CREATE TABLE actions (
          id TEXT PRIMARY KEY NOT NULL, priority_id TEXT NOT NULL, title TEXT NOT NULL, due TEXT,
          status TEXT NOT NULL, rag TEXT NOT NULL, lead_id TEXT, supporting TEXT NOT NULL, owner_id TEXT,
          percent INTEGER, last_progress_at TEXT, last_progress_note TEXT, last_review_at TEXT,
          last_review_outcome TEXT, last_review_note TEXT, next_review TEXT, closed INTEGER NOT NULL,
          carry_forward INTEGER NOT NULL, version INTEGER NOT NULL, created_at TEXT NOT NULL
        );
        """
}
