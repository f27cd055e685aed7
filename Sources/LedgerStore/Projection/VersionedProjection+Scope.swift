import Foundation
import GRDB
import LedgerCore

extension VersionedProjection {
    /// The plan recorded up to `head`, narrowed to `scope`, read from the rows of the
    /// records the scope index lists under it and of what those reference, not from
    /// the whole plan.
    ///
    /// The records read are a superset of what the scope holds at the position (the
    /// index lists every record ever under the scope); ``PlanState/narrowed(to:)`` then
    /// keeps exactly what it holds, so the answer is the whole plan's, narrowed, by the
    /// same definition. Each record costs one index seek.
    /// - Throws: ``StoreError`` `.unreadable` for a row that does not decode.
    static func state(_ db: Database, at head: (position: Int64, recordedAt: Instant?), narrowedTo scope: PlanScope) throws
        -> PlanState
    {
        var reader = try ScopedReader(db, position: head.position)
        if head.position > 0 {
            try reader.load(.partnership)
            try reader.loadTokens()
            switch scope {
            case .plan(let plan):
                try reader.load(RecordKey(kind: .plan, id: plan.rawValue))
                try reader.loadListed(under: scope, kind: .priority)
                for priority in reader.state.priorities.keys { try reader.loadListed(under: .priority(priority), kind: .action) }
            case .priority(let priority):
                try reader.load(RecordKey(kind: .priority, id: priority.rawValue))
                try reader.loadListed(under: scope, kind: .action)
            case .action(let action):
                try reader.load(RecordKey(kind: .action, id: action.rawValue))
                if let priority = reader.state.actions[action]?.priority {
                    try reader.load(RecordKey(kind: .priority, id: priority.rawValue))
                }
            case .partner(let partner):
                try reader.load(RecordKey(kind: .partner, id: partner.rawValue))
                try reader.loadListed(under: scope, kind: .action)
                try reader.loadListed(under: scope, kind: .actor)
            }
            for plan in Set(reader.state.priorities.values.map(\.plan)) { try reader.load(RecordKey(kind: .plan, id: plan.rawValue)) }
            for key in reader.state.referencedRecords { try reader.load(key) }
        }
        var state = reader.state
        state.position = head.position
        state.lastRecordedAt = head.recordedAt
        return state.narrowed(to: scope)
    }

    /// Whether the record `scope` is named after is held at the head of the log.
    static func holds(_ db: Database, _ scope: PlanScope) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT 1 FROM \(table) WHERE kind = ? AND id = ? AND valid_until = \(open)",
            arguments: [scope.stream.kind.rawValue, scope.stream.id ?? ""]) ?? false
    }

    /// Sets the record a row (`kind`, `id`, `record`, `valid_from`) holds in `state`.
    /// - Throws: ``StoreError`` `.unreadable` for a row that does not decode.
    static func setRecord(_ row: Row, in state: inout PlanState) throws {
        guard let key = key(row), let bytes = row[2] as Data?, (try? state.setRecord(key, bytes: bytes)) != nil else {
            throw StoreError(
                .unreadable,
                "the versioned row of \(row[0] as String? ?? "?") '\(row[1] as String? ?? "?")' from position \(row[3] as Int64? ?? 0) cannot be read; run verify, then rebuild",
                hint: .rebuild)
        }
    }
}

/// Reads single records as of one position, each once.
private struct ScopedReader {
    let db: Database
    let position: Int64
    var state = PlanState()
    private var loaded: Set<RecordKey> = []
    /// The row of a record whose interval contains the position: a record's intervals do
    /// not overlap, so it is the first to end after the position, if it began by then.
    private let atPosition: Statement
    private let listed: Statement

    init(_ db: Database, position: Int64) throws {
        (self.db, self.position) = (db, position)
        let table = VersionedProjection.table
        atPosition = try db.cachedStatement(
            sql:
                "SELECT kind, id, record, valid_from FROM \(table) WHERE kind = ? AND id = ? AND valid_until > ? ORDER BY valid_until LIMIT 1"
        )
        listed = try db.cachedStatement(sql: "SELECT id FROM \(VersionedProjection.scopeTable) WHERE scope = ? AND kind = ?")
    }

    mutating func load(_ key: RecordKey) throws {
        guard loaded.insert(key).inserted else { return }
        guard let row = try Row.fetchOne(atPosition, arguments: [key.kind.rawValue, key.id, position]), (row[3] as Int64) <= position else {
            return
        }
        try VersionedProjection.setRecord(row, in: &state)
    }

    /// Loads every record of `kind` the index lists under `scope`.
    mutating func loadListed(under scope: PlanScope, kind: StreamID.Kind) throws {
        for id in try String.fetchAll(listed, arguments: [scope.stream.text, kind.rawValue]) {
            try load(RecordKey(kind: kind, id: id))
        }
    }

    /// Loads every token held at the position: there are few, and every answer keeps them.
    mutating func loadTokens() throws {
        let rows = try Row.fetchCursor(
            db,
            sql:
                "SELECT kind, id, record, valid_from FROM \(VersionedProjection.table) WHERE kind = '\(StreamID.Kind.token.rawValue)' AND valid_until > ?1 AND valid_from <= ?1",
            arguments: [position])
        while let row = try rows.next() { try VersionedProjection.setRecord(row, in: &state) }
    }
}
