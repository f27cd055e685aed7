import GRDBSQLite
import LedgerCore

/// One row of the `events` table, as plain values.
struct EventRow {
    var integers: (position: Int64, streamVersion: Int64, schemaVersion: Int64, recordedAt: Int64, effectiveAt: Int64)
    var texts: [String]  // event_id, stream_id, type, actor_id, partner_id, payload, prev_hash, hash
}

/// The baseline: the same rows in a plain SQLite table with the same columns, through
/// SQLite's C API (one prepared INSERT, no constraints beyond the key, no triggers, no
/// hashing), with the ledger's own durability settings.
final class PlainTable {
    static let textColumns = ["event_id", "stream_id", "type", "actor_id", "partner_id", "payload", "prev_hash", "hash"]
    static let selectSQL =
        "SELECT position, stream_version, schema_version, recorded_at, effective_at, \(textColumns.joined(separator: ", ")) FROM events"

    let db: OpaquePointer

    /// Opens (creating, when `create`) the SQLite file at `path`.
    init(path: String, create: Bool) throws {
        var handle: OpaquePointer?
        let flags = create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY
        guard sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK, let handle else {
            throw BenchError("cannot open \(path)")
        }
        db = handle
        if create {
            try execute("PRAGMA journal_mode = WAL")
            try execute("PRAGMA synchronous = FULL")
            try execute(
                """
                CREATE TABLE IF NOT EXISTS events (position INTEGER PRIMARY KEY, stream_version INTEGER, schema_version INTEGER,
                recorded_at INTEGER, effective_at INTEGER, \(PlainTable.textColumns.map { "\($0) TEXT" }.joined(separator: ", ")))
                """)
        }
    }

    deinit { sqlite3_close_v2(db) }

    func execute(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
            throw BenchError("\(sql): \(String(cString: sqlite3_errmsg(db)))")
        }
    }

    private func prepare(_ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw BenchError("\(sql): \(String(cString: sqlite3_errmsg(db)))")
        }
        return statement
    }

    /// Inserts `rows`, all in one transaction (`oneTransaction`) or each in its own, and
    /// returns the milliseconds each commit took (one figure for one transaction).
    func insert(_ rows: ArraySlice<EventRow>, oneTransaction: Bool) throws -> [Double] {
        let marks = Array(repeating: "?", count: 5 + PlainTable.textColumns.count).joined(separator: ", ")
        let statement = try prepare(
            "INSERT INTO events (position, stream_version, schema_version, recorded_at, effective_at, \(PlainTable.textColumns.joined(separator: ", "))) VALUES (\(marks))"
        )
        defer { sqlite3_finalize(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        var times: [Double] = []
        var clock = Stopwatch()
        if oneTransaction { try execute("BEGIN") }
        for row in rows {
            if !oneTransaction { clock = Stopwatch() }
            let i = row.integers
            for (column, value) in [i.position, i.streamVersion, i.schemaVersion, i.recordedAt, i.effectiveAt].enumerated() {
                sqlite3_bind_int64(statement, Int32(column + 1), value)
            }
            for (column, text) in row.texts.enumerated() { sqlite3_bind_text(statement, Int32(column + 6), text, -1, transient) }
            guard sqlite3_step(statement) == SQLITE_DONE else { throw BenchError("insert: \(String(cString: sqlite3_errmsg(db)))") }
            sqlite3_reset(statement)
            if !oneTransaction { times.append(clock.milliseconds) }
        }
        if oneTransaction {
            try execute("COMMIT")
            times.append(clock.milliseconds)
        }
        return times
    }

    /// Every row of `events` with a position after `after`, read into Swift values.
    func rows(after: Int64 = 0) throws -> [EventRow] {
        let statement = try prepare("\(PlainTable.selectSQL) WHERE position > \(after) ORDER BY position")
        defer { sqlite3_finalize(statement) }
        var rows: [EventRow] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            let int = { sqlite3_column_int64(statement, $0) }
            rows.append(
                EventRow(
                    integers: (int(0), int(1), int(2), int(3), int(4)),
                    texts: (5..<5 + Int32(PlainTable.textColumns.count)).map { String(cString: sqlite3_column_text(statement, $0)) }))
        }
        return rows
    }
}

extension PlainTable {
    /// One text column of `events`, in log order (the chain hashes, for the tree's cost).
    func column(_ name: String) throws -> [String] {
        let statement = try prepare("SELECT \(name) FROM events ORDER BY position")
        defer { sqlite3_finalize(statement) }
        var values: [String] = []
        while sqlite3_step(statement) == SQLITE_ROW { values.append(String(cString: sqlite3_column_text(statement, 0))) }
        return values
    }

    /// The first column of the first row of `sql`, as a number; nil when SQLite refuses it
    /// (`dbstat` is compiled into most builds, not all).
    func number(_ sql: String) -> Double? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else { return nil }
        defer { sqlite3_finalize(statement) }
        return sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_double(statement, 0) : nil
    }

    /// Inserts Merkle nodes into a table shaped like the ledger's `merkle_nodes`, in one
    /// transaction.
    func insertNodes(_ nodes: [MerkleFrontier.Node]) throws {
        try execute(
            "CREATE TABLE IF NOT EXISTS merkle_nodes (level INTEGER, idx INTEGER, hash BLOB, PRIMARY KEY (level, idx)) WITHOUT ROWID")
        let statement = try prepare("INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)")
        defer { sqlite3_finalize(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        try execute("BEGIN")
        for node in nodes {
            sqlite3_bind_int64(statement, 1, Int64(node.level))
            sqlite3_bind_int64(statement, 2, node.index)
            let bytes = node.hash.bytes
            _ = bytes.withUnsafeBytes { sqlite3_bind_blob(statement, 3, $0.baseAddress, 32, transient) }
            guard sqlite3_step(statement) == SQLITE_DONE else { throw BenchError("insert: \(String(cString: sqlite3_errmsg(db)))") }
            sqlite3_reset(statement)
        }
        try execute("COMMIT")
    }
}
