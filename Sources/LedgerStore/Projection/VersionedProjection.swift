import Foundation
import GRDB
import LedgerCore

/// The system-versioned projection: every value each record of the plan has held, with
/// the log positions between which it held (`valid_from` inclusive, `valid_until`
/// exclusive), in the table `record_versions`.
///
/// The plan recorded up to any position is then read through an index, record by
/// record, with no fold and no snapshot: the rows whose interval contains the position.
/// The rows are written in the append's own transaction from what the fold itself
/// reports an event changed (``PlanState/applyReportingChanges(_:)``), so they hold
/// nothing the fold does not say; `verify` compares them with a replay, and `rebuild`
/// and `import` write them again from the log.
///
/// Someone who can write the file can edit a row, and answers read from the rows then
/// change until `verify` names it; `state --fold` answers from the log alone.
enum VersionedProjection {
    /// `valid_until` of a value still held.
    static let open = Int64.max

    /// Bumped when the rows would come out differently; a file whose rows have another
    /// version is written again from the log when opened for writing, and until then
    /// is answered by folding.
    /// 2: the partnership's record holds its ledger keys.
    /// 3: and its witnesses and their threshold.
    /// 4: the scope index, `record_scopes`, is written beside the rows.
    static let version = 4

    static let table = "record_versions"
    static let scopeTable = "record_scopes"

    /// The two tables the rows are written to: the versions and their scope index.
    struct Tables {
        var versions: String
        var scopes: String

        static let stored = Tables(versions: table, scopes: scopeTable)
        /// Where `rebuild` and `import` write the new rows, batch by batch, before they
        /// replace the old ones in one transaction: temporary tables, which a killed
        /// rebuild or import leaves nowhere.
        static let rebuild = Tables(versions: "temp.record_versions_rebuild", scopes: "temp.record_scopes_rebuild")
    }

    /// Folds `recorded` into `plan` and stores the records it changed as of its position.
    static func apply(_ recorded: RecordedEvent, to plan: inout PlanState, _ db: Database, into tables: Tables = .stored) throws {
        try store(plan.applyReportingChanges(recorded), at: recorded.position, db, into: tables)
    }

    /// Ends the held value of each changed record at `position` and, unless the record
    /// was removed, begins its new one there, listed under each of its scopes.
    static func store(_ changes: [RecordChange], at position: Int64, _ db: Database, into tables: Tables = .stored) throws {
        guard !changes.isEmpty else { return }
        let close = try db.cachedStatement(
            sql: "UPDATE \(tables.versions) SET valid_until = ? WHERE kind = ? AND id = ? AND valid_until = \(open)")
        let insert = try db.cachedStatement(
            sql: "INSERT INTO \(tables.versions) (valid_from, kind, id, valid_until, record) VALUES (?, ?, ?, \(open), ?)")
        let list = try db.cachedStatement(sql: "INSERT OR IGNORE INTO \(tables.scopes) (scope, kind, id) VALUES (?, ?, ?)")
        for change in changes {
            try close.execute(arguments: [position, change.key.kind.rawValue, change.key.id])
            if let bytes = change.bytes {
                try insert.execute(arguments: [position, change.key.kind.rawValue, change.key.id, Data(bytes)])
            }
            for scope in change.scopes {
                try list.execute(arguments: [scope.stream.text, change.key.kind.rawValue, change.key.id])
            }
        }
    }

    /// Whether the file's rows were written by this version for the whole log.
    static func isBuilt(_ db: Database) throws -> Bool {
        try db.tableExists(table)
            && String.fetchOne(db, sql: "SELECT value FROM ledger_meta WHERE key = 'versions_version'") == String(version)
    }

    static func markBuilt(_ db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO ledger_meta (key, value) VALUES ('versions_version', ?)", arguments: [String(version)])
    }

    /// Marks the rows as not those of the whole log (an import is moving events in):
    /// readers fold until ``markBuilt(_:)``.
    static func markUnbuilt(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM ledger_meta WHERE key = 'versions_version'")
    }

    /// The plan recorded up to the head `head` (position and recording time), read from
    /// the rows whose interval contains its position.
    ///
    /// Rows that began after the position and rows that ended by it are both skipped
    /// through an index: near the head the index on `valid_until` leaves few to look at,
    /// far from it the primary key's order by `valid_from` does.
    /// - Throws: ``StoreError`` `.unreadable` for a row that does not decode.
    static func state(_ db: Database, at head: (position: Int64, recordedAt: Instant?)) throws -> PlanState {
        var state = PlanState()
        guard head.position > 0 else { return state }
        let last = try Int64.fetchOne(db, sql: "SELECT max(position) FROM events") ?? 0
        let sql =
            head.position * 2 >= last
            ? "SELECT kind, id, record, valid_from FROM \(table) INDEXED BY record_versions_by_until WHERE valid_until > ?1 AND valid_from <= ?1"
            : "SELECT kind, id, record, valid_from FROM \(table) WHERE valid_from <= ?1 AND +valid_until > ?1"
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: [head.position])
        while let row = try rows.next() { try setRecord(row, in: &state) }
        state.position = head.position
        state.lastRecordedAt = head.recordedAt
        return state
    }

    /// The record key a row's `kind` (at `column`) and `id` (after it) name, if they
    /// name one.
    static func key(_ row: Row, at column: Int = 0) -> RecordKey? {
        guard let kindText = row[column] as String?, let kind = StreamID.Kind(rawValue: kindText), let id = row[column + 1] as String?
        else {
            return nil
        }
        return RecordKey(kind: kind, id: id)
    }

    /// Writes every row again from the log, in the caller's transaction, and returns
    /// the plan at the head: for a file from an earlier release, opened for writing.
    static func rebuildInPlace(_ db: Database) throws -> PlanState {
        try db.execute(sql: "DELETE FROM \(table)")
        try db.execute(sql: "DELETE FROM \(scopeTable)")
        var state = PlanState()
        let rows = try Row.fetchCursor(db, sql: "SELECT \(EventRows.foldColumns) FROM events ORDER BY position")
        while let row = try rows.next() { try apply(EventRows.recorded(row), to: &state, db) }
        try markBuilt(db)
        return state
    }

    /// Begins a rebuild: empty ``Tables/rebuild`` tables.
    static func beginRebuild(_ db: Database) throws {
        let tables = Tables.rebuild
        try db.execute(sql: "DROP TABLE IF EXISTS \(tables.versions)")
        try db.execute(sql: "DROP TABLE IF EXISTS \(tables.scopes)")
        try db.execute(
            sql:
                "CREATE TABLE \(tables.versions) (valid_from INTEGER NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, valid_until INTEGER NOT NULL, record BLOB NOT NULL, PRIMARY KEY (valid_from, kind, id)) WITHOUT ROWID"
        )
        try db.execute(sql: "CREATE INDEX temp.record_versions_rebuild_by_record ON record_versions_rebuild(kind, id, valid_until)")
        try db.execute(
            sql:
                "CREATE TABLE \(tables.scopes) (scope TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (scope, kind, id)) WITHOUT ROWID"
        )
    }

    /// Ends a rebuild: the rows written to the ``Tables/rebuild`` tables replace the
    /// stored ones.
    static func finishRebuild(_ db: Database) throws {
        let tables = Tables.rebuild
        try db.execute(sql: "DELETE FROM \(table)")
        try db.execute(sql: "INSERT INTO \(table) SELECT * FROM \(tables.versions) ORDER BY valid_from, kind, id")
        try db.execute(sql: "DELETE FROM \(scopeTable)")
        try db.execute(sql: "INSERT INTO \(scopeTable) SELECT * FROM \(tables.scopes) ORDER BY scope, kind, id")
        try db.execute(sql: "DROP TABLE \(tables.versions)")
        try db.execute(sql: "DROP TABLE \(tables.scopes)")
        try markBuilt(db)
    }
}
