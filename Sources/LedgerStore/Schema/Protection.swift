import GRDB
import Synchronization

/// What protects the log in the file itself (the `events` table's definition, its
/// indexes and the triggers that keep it append-only, at the head and typed), checked
/// because whoever holds the file can drop or change them.
///
/// `verify` reports a file whose protection was dropped, changed or added to, or whose
/// record of its migrations no longer matches it; opening for writing and every write
/// refuse to run until it is as this release made it.
enum Protection {
    /// The protected objects a ledger migrated up to `migration` has, by type and name,
    /// with their SQL as SQLite keeps it: read from a ledger made in memory, so there is
    /// one definition. A file an older release wrote, read without migrating, has the
    /// older set.
    static func expected(upTo migration: String) throws -> [String: String] {
        if let known = cache.withLock({ $0[migration] }) { return known }
        let queue = try DatabaseQueue()
        try LedgerSchema.migrator.migrate(queue, upTo: migration)
        let made = try queue.read { db in try objects(db) }
        cache.withLock { $0[migration] = made }
        return made
    }

    /// The expected objects by last migration, made once per process: every write
    /// checks them.
    private static let cache = Mutex<[String: [String: String]]>([:])

    /// Every table, index and trigger of the file: `"trigger events_no_update"` to its SQL.
    static func objects(_ db: Database) throws -> [String: String] {
        let sql = "SELECT type || ' ' || name, coalesce(sql, '') FROM sqlite_master"
        let rows = try Row.fetchAll(db.cachedStatement(sql: sql))
        return Dictionary(rows.map { (($0[0] as String?) ?? "", ($0[1] as String?) ?? "") }, uniquingKeysWith: { a, _ in a })
    }

    /// What is wrong with the file's protection, or nil when it is as expected.
    static func problem(_ db: Database) throws -> String? {
        let actual = try objects(db)
        // A file whose making was interrupted before its log existed has nothing to protect.
        if actual.isEmpty { return nil }
        let migrator = LedgerSchema.migrator
        let applied = try migrator.appliedIdentifiers(db)
        guard let last = migrator.migrations.last(where: applied.contains), let end = migrator.migrations.firstIndex(of: last) else {
            return "the file's record of its migrations (grdb_migrations) was removed"
        }
        guard applied == Set(migrator.migrations[...end]) else {
            return "the file's record of its migrations (grdb_migrations) does not match its tables"
        }
        let expected = try Self.expected(upTo: last)
        if actual == expected { return nil }
        // Objects only a later migration makes, in a file whose record says it has not run.
        let later = try Self.expected(upTo: migrator.migrations.last!).filter { expected[$0.key] != $0.value }
        if later.contains(where: { actual[$0.key] == $0.value }) {
            return "the file's record of its migrations (grdb_migrations) does not match its tables"
        }
        if let missing = expected.keys.sorted().first(where: { actual[$0] == nil }) {
            return "the \(missing) of the ledger's schema was dropped"
        }
        if let changed = expected.keys.sorted().first(where: { actual[$0] != expected[$0] }) {
            return "the \(changed) of the ledger's schema was changed"
        }
        let added = actual.keys.sorted().first(where: { expected[$0] == nil }) ?? "object"
        return "the file has the \(added), which csp-ledger did not create"
    }

    /// - Throws: ``StoreError`` `.unprotected` when the protection is not as expected.
    static func require(_ db: Database, path: String) throws {
        if let problem = try problem(db) {
            throw StoreError(
                .unprotected,
                "\(problem) in \(path); nothing was written: restore the ledger from a verified copy", hint: .verifyNamesDamage)
        }
    }
}
