import GRDB

/// The mark an unfinished import leaves in its target: the `import_progress` control
/// table, one row naming the source's head and how far the import got.
///
/// While it is there the ledger is a prefix of its source, not a ledger of its own:
/// writes are refused (an ordinary write would fork it from the source, after which the
/// import could never be finished), reads warn, and `verify` fails. Running the import
/// again finishes it; `import --abandon` keeps the prefix and removes the mark.
///
/// Whoever can write the file can delete the row, making an unfinished import look like
/// an ordinary (shorter) ledger, or add one, blocking writes until `--abandon`. Neither
/// changes an event: `verify --digest` against the source's published digest still
/// shows how far the two agree.
public struct ImportMark: Sendable, Equatable, CustomStringConvertible {
    /// The file the import reads.
    public var source: String
    /// The source's head: its last position and hash.
    public var sourceHead: Digest
    /// The last position written so far.
    public var importedTo: Int64

    public var description: String {
        isChecking
            ? "an unfinished import of \(source), stopped while its lines were checked: none of its events are here"
            : "an unfinished import of \(source): \(importedTo) of its \(sourceHead.position) events are here"
    }

    /// The mark of a new target while its source is checked, before the source's head
    /// is known: a source holds at least one event, so a head at position 0 says so.
    static func checking(_ source: String) -> ImportMark {
        ImportMark(source: source, sourceHead: Digest(position: 0, hash: HashChain.genesis), importedTo: 0)
    }

    /// Whether the import was stopped before its source had checked out.
    var isChecking: Bool { sourceHead.position == 0 }

    static func read(_ db: Database) throws -> ImportMark? {
        guard try db.tableExists("import_progress") else { return nil }
        return try Row.fetchOne(db, sql: "SELECT source, source_position, source_hash, imported_to FROM import_progress").map {
            ImportMark(source: $0[0], sourceHead: Digest(position: $0[1], hash: $0[2]), importedTo: $0[3])
        }
    }

    func write(_ db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO import_progress (id, source, source_position, source_hash, imported_to) VALUES (1, ?, ?, ?, ?)",
            arguments: [source, sourceHead.position, sourceHead.hash, importedTo])
    }

    static func clear(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM import_progress")
    }

    /// - Throws: ``StoreError`` `.importIncomplete` when a mark is there.
    static func requireNone(_ db: Database, path: String) throws {
        if let mark = try read(db) {
            throw StoreError(.importIncomplete, "\(path) holds \(mark); nothing was written")
        }
    }
}
