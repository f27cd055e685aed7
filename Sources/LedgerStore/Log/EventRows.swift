import Foundation
import GRDB
import LedgerCore

/// Reading and writing rows of the `events` table.
///
/// The reads a rule check makes take the log they read as `log`: the `events` table, or
/// an import's ``ImportStaging/log``, the target's events followed by the lines checked so
/// far.
enum EventRows {
    static let columns =
        "position, event_id, stream_id, stream_version, type, schema_version, recorded_at, effective_at, actor_id, partner_id, payload, prev_hash, hash, credential"

    /// ``columns``, as a file of this release has them, or with NULL for the
    /// `credential` of a file an earlier release wrote and nothing has migrated (one
    /// opened to read only): its events were all written without one.
    static func columns(_ db: Database) throws -> String {
        try hasCredentials(db) ? columns : columns.replacingOccurrences(of: "credential", with: "NULL")
    }

    /// Whether the file's log has the `credential` column of envelope version 2.
    static func hasCredentials(_ db: Database) throws -> Bool {
        try db.columns(in: "events").contains { $0.name == "credential" }
    }

    /// The columns a fold reads: those of ``columns`` up to the payload, without the
    /// stream (a placeholder keeps the indices) and the hashes, which a fold never needs.
    static let foldColumns =
        "position, event_id, NULL, stream_version, type, schema_version, recorded_at, effective_at, actor_id, partner_id, payload"

    /// Decodes the event of one row selected with ``columns`` or ``foldColumns``. The
    /// payload is decoded from the row's bytes, without making a string of it first.
    /// - Throws: ``StoreError`` `.unreadable` for an event this release cannot read.
    static func recorded(_ row: Row) throws -> RecordedEvent {
        let position: Int64 = try column(row, 0, at: nil)
        let (type, schemaVersion): (String, Int) = (try column(row, 4, at: position), try column(row, 5, at: position))
        let event: Event
        do {
            event = try row.withUnsafeData(atIndex: 10) { payload in
                try Event(type: type, schemaVersion: schemaVersion, payload: payload ?? Data())
            }
        } catch {
            throw StoreError(
                .unreadable, "the event at position \(position) cannot be read: \(error); it was altered, or written by a newer csp-ledger")
        }
        return RecordedEvent(
            position: position, eventID: try column(row, 1, at: position), streamVersion: try column(row, 3, at: position),
            recordedAt: Instant(millisecondsSince1970: try column(row, 6, at: position)),
            effectiveAt: Instant(millisecondsSince1970: try column(row, 7, at: position)),
            actor: ActorID(trusted: try column(row, 8, at: position)), partner: PartnerID(trusted: try column(row, 9, at: position)),
            event: event, credential: row.count > 13 ? (try column(row, 13, at: position) as String?).map(TokenID.init(trusted:)) : nil)
    }

    /// The value of one column, or an error naming it where the file holds a value of
    /// another type (a NULL, a fraction, a blob), which only a file written around the
    /// ledger's triggers can.
    private static func column<T: DatabaseValueConvertible>(_ row: Row, _ index: Int, at position: Int64?) throws -> T {
        guard let value = T.fromDatabaseValue(row[index] as DatabaseValue) else {
            throw StoreError(
                .unreadable,
                "the event at position \(position.map(String.init) ?? "?") holds a value of the wrong type in \(columnTypes[index].name)",
                hint: .verifyNamesDamage)
        }
        return value
    }

    /// The storage class each of ``columns`` holds: integers, text, or text or NULL.
    private enum Storage { case integer, text, optionalText }
    private static let columnTypes: [(name: String, storage: Storage)] = [
        ("position", .integer), ("event_id", .text), ("stream_id", .text), ("stream_version", .integer), ("type", .text),
        ("schema_version", .integer), ("recorded_at", .integer), ("effective_at", .integer), ("actor_id", .text),
        ("partner_id", .text), ("payload", .text), ("prev_hash", .text), ("hash", .text), ("credential", .optionalText),
    ]

    /// Whether every column of a row holds its type, computed by SQLite beside
    /// ``columns(_:)`` so that a sound row costs no conversion; ``mistypedColumn(_:)``
    /// names the column of a row where it is false. It is at index 14 of the row.
    static func typesHold(_ db: Database) throws -> String {
        let credentials = try hasCredentials(db)
        return columnTypes.filter { credentials || $0.name != "credential" }.map { column in
            switch column.storage {
            case .integer: "typeof(\(column.name)) = 'integer'"
            case .text: "typeof(\(column.name)) = 'text'"
            case .optionalText: "typeof(\(column.name)) IN ('text', 'null')"
            }
        }.joined(separator: " AND ")
    }

    /// The first column of a row selected with ``columns(_:)`` whose value is not of its
    /// column's type (a `stream_version` of 13.5, a blob payload, a NULL), or nil. The
    /// file's triggers refuse such rows; this finds them in a file written otherwise.
    static func mistypedColumn(_ row: Row) -> String? {
        for (index, column) in columnTypes.enumerated() {
            switch ((row[index] as DatabaseValue).storage, column.storage) {
            case (.int64, .integer): continue
            case (.string, .text), (.string, .optionalText), (.null, .optionalText): continue
            default: return column.name
            }
        }
        return nil
    }

    /// Decodes one row selected with ``columns``.
    /// - Throws: ``StoreError`` `.unreadable` for an event this release cannot read.
    static func entry(_ row: Row) throws -> LogEntry {
        let recorded = try recorded(row)
        let at = recorded.position
        let streamText: String = try column(row, 2, at: at)
        let streamID: StreamID
        do { streamID = try StreamID(text: streamText) } catch {
            throw StoreError(.unreadable, "the event at position \(at) cannot be read: \(error.message)")
        }
        return LogEntry(
            recorded: recorded, streamID: streamID, type: try column(row, 4, at: at),
            schemaVersion: try column(row, 5, at: at), payload: try column(row, 10, at: at), prevHash: try column(row, 11, at: at),
            hash: try column(row, 12, at: at))
    }

    /// The envelope's columns and the hashes of one row selected with ``columns``,
    /// without decoding its payload: what `verify --quick` recomputes the chain from.
    /// - Throws: ``StoreError`` `.unreadable` for a column of the wrong type.
    static func envelope(_ row: Row) throws -> (columns: EnvelopeColumns, prevHash: String, hash: String) {
        let at: Int64 = try column(row, 0, at: nil)
        let columns = EnvelopeColumns(
            position: at, eventID: try column(row, 1, at: at), stream: try column(row, 2, at: at),
            streamVersion: try column(row, 3, at: at), type: try column(row, 4, at: at), schemaVersion: try column(row, 5, at: at),
            recordedAt: Instant(millisecondsSince1970: try column(row, 6, at: at)),
            effectiveAt: Instant(millisecondsSince1970: try column(row, 7, at: at)), actor: try column(row, 8, at: at),
            partner: try column(row, 9, at: at), credential: row.count > 13 ? (try column(row, 13, at: at) as String?) : nil,
            payload: try column(row, 10, at: at))
        return (columns, try column(row, 11, at: at), try column(row, 12, at: at))
    }

    /// Every entry matching `whereClause`, in the given order.
    static func fetch(
        _ db: Database, where whereClause: String = "1", _ arguments: StatementArguments = [],
        orderBy: String = "position", log: String = "events"
    ) throws -> [LogEntry] {
        // Statements are cached: the same few queries run on every write.
        let statement = try db.cachedStatement(sql: "SELECT \(columns(db)) FROM \(log) WHERE \(whereClause) ORDER BY \(orderBy)")
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        var entries: [LogEntry] = []
        while let row = try rows.next() { entries.append(try entry(row)) }
        return entries
    }

    /// Folds the entries matching `whereClause` without keeping them.
    static func fold(
        _ db: Database, into state: inout PlanState, where whereClause: String = "1",
        _ arguments: StatementArguments = [], log: String = "events"
    ) throws {
        let statement = try db.cachedStatement(sql: "SELECT \(foldColumns) FROM \(log) WHERE \(whereClause) ORDER BY position")
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() { state.apply(try recorded(row)) }
    }

    /// The whole plan at the head: the versioned projection's current rows, or on a
    /// file without them the latest snapshot and the log after it.
    static func wholeState(_ db: Database, warn: (String) -> Void = { _ in }) throws -> PlanState {
        if try VersionedProjection.isBuilt(db) {
            let head = try head(db)
            return try VersionedProjection.state(db, at: (head.position, head.recordedAt))
        }
        var state = try Snapshots.latest(db, atOrBefore: Int64.max, warn: warn) ?? PlanState()
        try fold(db, into: &state, where: "position > ?", [state.position])
        return state
    }

    /// The plan's small records (partnership, partners, actors, assessments, plans,
    /// priorities) and the named actions, as the log stands (or as it stood at the
    /// effective time `effectiveBy`), with the head's position and recording time.
    ///
    /// Action events change only their own action, and the other events no action, so
    /// this part of the fold equals the same part of the whole fold. The streams are
    /// found through the stream index, as the two ranges around the actions' streams
    /// (``StreamID/Kind/texts``), which a single `OR` would not use.
    ///
    /// `before` limits it to the events recorded before that position: the plan as it
    /// was known when the event there was recorded, which `verify` checks it against.
    static func scopedState(
        _ db: Database, actions: [ActionID], effectiveBy: Instant? = nil, before: Int64 = Int64.max, log: String = "events"
    ) throws -> PlanState {
        // The cut-off is bound, so the statements stay the same and are cached; its `+`
        // keeps SQLite on the stream index rather than the index on effective_at.
        let cutOff = effectiveBy?.millisecondsSince1970 ?? Int64.max
        var state = PlanState()
        let others =
            "SELECT position FROM \(log) WHERE stream_id < ? AND +effective_at <= ? AND +position < ? UNION ALL SELECT position FROM \(log) WHERE stream_id >= ? AND +effective_at <= ? AND +position < ?"
        let actionStreams = StreamID.Kind.action.texts
        try fold(
            db, into: &state, where: "position IN (\(others))",
            [actionStreams.lowerBound, cutOff, before, actionStreams.upperBound, cutOff, before], log: log)
        for action in actions {
            try fold(
                db, into: &state, where: "stream_id = ? AND +effective_at <= ? AND +position < ?",
                [StreamID.action(action).text, cutOff, before], log: log)
        }
        if before != Int64.max { return state }
        let head = try head(db)
        state.position = head.position
        state.lastRecordedAt = head.recordedAt
        return state
    }

    /// The last position and hash (recorded by `asOf`, if given); (0, genesis) for none.
    static func head(_ db: Database, asOf: Instant? = nil) throws -> (position: Int64, hash: String, recordedAt: Instant?) {
        // Recording times never decrease along positions, so the index on recorded_at
        // finds the head at any time without scanning.
        let sql = "SELECT position, hash, recorded_at FROM events WHERE recorded_at <= ? ORDER BY recorded_at DESC, position DESC LIMIT 1"
        guard let row = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [asOf?.millisecondsSince1970 ?? Int64.max]) else {
            return (0, HashChain.genesis, nil)
        }
        return (row[0], row[1], Instant(millisecondsSince1970: row[2]))
    }

    /// The entry with `eventID`, if the log has one.
    static func entry(_ db: Database, eventID: String, log: String = "events") throws -> LogEntry? {
        let statement = try db.cachedStatement(sql: "SELECT \(columns(db)) FROM \(log) WHERE event_id = ?")
        return try Row.fetchOne(statement, arguments: [eventID]).map(entry)
    }

    static func streamVersion(_ db: Database, _ streamID: StreamID) throws -> Int {
        let statement = try db.cachedStatement(sql: "SELECT max(stream_version) FROM events WHERE stream_id = ?")
        return try Int.fetchOne(statement, arguments: [streamID.text]) ?? 0
    }

    /// Inserts `entry` exactly as given (hashes included) into `table`.
    static func insert(_ db: Database, _ entry: LogEntry, into table: String = "events") throws {
        let r = entry.recorded
        // One prepared statement, reused for every row of every batch.
        let statement = try db.cachedStatement(
            sql: "INSERT INTO \(table) (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        try statement.execute(
            arguments: [
                r.position, r.eventID, entry.streamID.text, r.streamVersion, entry.type, entry.schemaVersion,
                r.recordedAt.millisecondsSince1970, r.effectiveAt.millisecondsSince1970, r.actor.rawValue,
                r.partner.rawValue, entry.payload, entry.prevHash, entry.hash, r.credential?.rawValue,
            ])
    }
}
