import GRDB
import Synchronization

/// The triggers that protect the log (append-only, at the head, one type per column),
/// checked because whoever holds the file can drop them.
///
/// `verify` reports a ledger whose triggers were dropped, changed or added to, and
/// every write refuses to run until they are as this release made them.
enum Protection {
    /// The triggers a ledger migrated up to `migration` has, by name, with their SQL as
    /// SQLite keeps it: read from a ledger made in memory, so there is one definition.
    /// A file an older release wrote, read without migrating, has the older set.
    static func expected(upTo migration: String) throws -> [String: String] {
        if let known = cache.withLock({ $0[migration] }) { return known }
        let queue = try DatabaseQueue()
        try LedgerSchema.migrator.migrate(queue, upTo: migration)
        let made = try queue.read { db in try triggers(db) }
        cache.withLock { $0[migration] = made }
        return made
    }

    /// The expected triggers by last migration, made once per process: every write
    /// checks them.
    private static let cache = Mutex<[String: [String: String]]>([:])

    static func triggers(_ db: Database) throws -> [String: String] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
        return Dictionary(rows.map { (($0[0] as String?) ?? "", ($0[1] as String?) ?? "") }, uniquingKeysWith: { a, _ in a })
    }

    /// What is wrong with the file's triggers, or nil when they are as expected.
    static func problem(_ db: Database) throws -> String? {
        let actual = try triggers(db)
        let migrator = LedgerSchema.migrator
        // Every write asks; a file of this release with its triggers intact answers at once.
        if let latest = migrator.migrations.last, try actual == expected(upTo: latest) { return nil }
        let applied = try migrator.appliedIdentifiers(db)
        guard let last = migrator.migrations.last(where: applied.contains) else { return nil }
        let expected = try Self.expected(upTo: last)
        if let missing = expected.keys.sorted().first(where: { actual[$0] == nil }) {
            return "the trigger \(missing) that protects the log was dropped"
        }
        if let changed = expected.keys.sorted().first(where: { actual[$0] != expected[$0] }) {
            return "the trigger \(changed) that protects the log was changed"
        }
        if let added = actual.keys.sorted().first(where: { expected[$0] == nil }) {
            return "the file has a trigger \(added) that csp-ledger did not create"
        }
        return nil
    }

    /// - Throws: ``StoreError`` `.unprotected` when the triggers are not as expected.
    static func require(_ db: Database, path: String) throws {
        if let problem = try problem(db) {
            throw StoreError(
                .unprotected,
                "\(problem) in \(path); nothing was written: restore the ledger from a verified copy (csp-ledger verify names the damage)")
        }
    }
}
