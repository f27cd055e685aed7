import GRDB

/// Runs `edit` on the ledger file at `path` with its triggers dropped, and puts them
/// back, as someone who can write the file could.
func tamper(_ path: String, _ edit: (Database) throws -> Void) throws {
    try DatabaseQueue(path: path).write { db in
        let triggers = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger[0] as String)") }
        try edit(db)
        for trigger in triggers { try db.execute(sql: trigger[1] as String) }
    }
}
