import GRDB
import LedgerCore

/// Keeps the SQL tables of the current plan equal to the fold, in the same transaction
/// as the append that changed it.
enum Projection {
    /// The rows that `events` may change (``PlanState/recordsTouchable(by:)``), with their values in `state` before the
    /// events are applied. Only these are compared afterwards, so an append costs the
    /// same at any size, and the state need not be copied to remember them.
    struct Touched {
        var rows: [(table: ProjectionTable, id: String, before: [DatabaseValue]?)] = []
    }

    static func touched(by events: some Sequence<Event>, in state: PlanState) -> Touched {
        var ids: [StreamID.Kind: Set<String>] = [:]
        for event in events {
            for key in state.recordsTouchable(by: event) { ids[key.kind, default: []].insert(key.id) }
        }
        var touched = Touched()
        for table in ProjectionTable.all {
            for id in ids[table.kind] ?? [] { touched.rows.append((table, id, table.row(state, id))) }
        }
        return touched
    }

    /// Writes the touched rows that differ in `state` from before.
    static func update(_ db: Database, _ touched: Touched, to state: PlanState) throws {
        for (table, id, before) in touched.rows {
            let after = table.row(state, id)
            if let after, after != before {
                try upsert(db, table, after)
            } else if after == nil, before != nil {
                try db.execute(sql: "DELETE FROM \(table.name) WHERE id = ?", arguments: [id])
            }
        }
        try setVersion(db, position: state.position)
    }

    /// Replaces every table with the rows of `state`.
    static func rebuild(_ db: Database, from state: PlanState) throws {
        for table in ProjectionTable.all {
            try db.execute(sql: "DELETE FROM \(table.name)")
            for id in table.ids(state) { if let row = table.row(state, id) { try upsert(db, table, row) } }
        }
        try setVersion(db, position: state.position)
    }

    /// The stored projection version, or nil when none was written.
    static func storedVersion(_ db: Database) throws -> Int? {
        try String.fetchOne(db, sql: "SELECT value FROM ledger_meta WHERE key = 'projection_version'").flatMap { Int($0) }
    }

    /// The first row in which the stored tables differ from the rows of `state`, as a
    /// sentence, or nil when they are equal. The stored rows are read one at a time and
    /// each compared with the row the state gives, so memory does not grow with the plan.
    static func firstDifference(_ db: Database, from state: PlanState) throws -> String? {
        for table in ProjectionTable.all {
            let stored = try Row.fetchCursor(db, sql: "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name)")
            var seen = Set<String>()
            while let row = try stored.next() {
                let values = table.columns.indices.map { row[$0] as DatabaseValue }
                let id = String.fromDatabaseValue(values[0]) ?? "?"
                seen.insert(id)
                guard let want = table.row(state, id) else { return "table \(table.name) has a row '\(id)' that the log does not produce" }
                if let column = table.columns.indices.first(where: { values[$0] != want[$0] }) {
                    return
                        "table \(table.name), row '\(id)', column \(table.columns[column]): stored \(values[column]), the log gives \(want[column])"
                }
            }
            if let missing = table.ids(state).filter({ !seen.contains($0) }).sorted().first {
                return "table \(table.name) lacks the row '\(missing)' that the log produces"
            }
        }
        return nil
    }

    private static func upsert(_ db: Database, _ table: ProjectionTable, _ row: [DatabaseValue]) throws {
        let marks = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
        let statement = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO \(table.name) (\(table.columns.joined(separator: ", "))) VALUES (\(marks))")
        try statement.execute(arguments: StatementArguments(row))
    }

    private static func setVersion(_ db: Database, position: Int64) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO ledger_meta (key, value) VALUES ('projection_version', ?), ('projection_position', ?)")
        try statement.execute(arguments: [String(ProjectionTable.version), String(position)])
    }
}
