import Foundation
import GRDB
import LedgerCore

/// The ledger's Merkle tree in its file: the table `merkle_nodes`, one row per complete
/// subtree, keyed by (level, index), written in the same transaction as the events it
/// covers.
///
/// The table is derived from the chain hashes: `rebuild` writes it again, and `verify`
/// recomputes every row. (A row per node rather than C2SP tiles of 256: a write adds
/// about two rows and rewrites none, and any node is one indexed read; tiles suit
/// serving a log as static files, which the ledger does not do.)
enum MerkleRows {
    static let createSQL = """
        CREATE TABLE merkle_nodes (
          level INTEGER NOT NULL CHECK (level >= 0),
          idx   INTEGER NOT NULL CHECK (idx >= 0),
          hash  BLOB    NOT NULL CHECK (length(hash) = 32),
          PRIMARY KEY (level, idx)
        ) WITHOUT ROWID;
        """

    /// How many leaves the stored tree holds; nil when the file has no tree (a file of
    /// an earlier release, not yet opened for writing).
    static func size(_ db: Database) throws -> Int64? {
        guard try db.tableExists("merkle_nodes") else { return nil }
        return try Int64.fetchOne(db, sql: "SELECT coalesce(max(idx) + 1, 0) FROM merkle_nodes WHERE level = 0") ?? 0
    }

    /// Adds the leaves of the events past the stored tree, and the nodes they complete;
    /// a tree longer than the log (which no write leaves) is written again.
    static func extend(_ db: Database) throws {
        let head = try EventRows.head(db).position
        var stored = try MerkleRows.size(db) ?? 0
        if stored > head {
            try db.execute(sql: "DELETE FROM merkle_nodes")
            stored = 0
        }
        guard stored < head else { return }
        var frontier = try MerkleFrontier(size: stored, reading: Stored(db: db, size: stored))
        let insert = try db.cachedStatement(sql: "INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)")
        let hashes = try Row.fetchCursor(
            db, sql: "SELECT position, hash FROM events WHERE position > ? ORDER BY position", arguments: [stored])
        while let row = try hashes.next() {
            let position: Int64 = row[0]
            guard let leaf = (row[1] as String?).flatMap(MerkleHash.leaf(chainHash:)) else {
                throw StoreError(
                    .unreadable, "the event at position \(position) holds no chain hash of 64 hex digits", hint: .verifyNamesDamage)
            }
            for node in frontier.append(leaf) { try insert.execute(arguments: [node.level, node.index, Data(node.hash.bytes)]) }
        }
    }

    /// Writes the whole tree again from the chain hashes.
    static func rebuild(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM merkle_nodes")
        try extend(db)
    }

    /// The stored tree, read in one transaction.
    struct Stored: MerkleNodeSource {
        let db: Database
        let size: Int64

        func node(level: Int, index: Int64) throws -> MerkleHash {
            let data = try Data.fetchOne(
                db, sql: "SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?", arguments: [level, index])
            guard let hash = data.flatMap({ MerkleHash(data: $0) }) else {
                throw StoreError(
                    .unreadable, "the ledger's Merkle tree lacks its node at level \(level), index \(index)", hint: .rebuild)
            }
            return hash
        }
    }
}

extension MerkleRows {
    /// The stored tree, which must cover every event of the log.
    /// - Throws: ``StoreError`` `.unreadable` for a tree behind the log (a file of an
    ///   earlier release opened only to read, or a table emptied by hand).
    static func complete(_ db: Database, path: String) throws -> Stored {
        let head = try EventRows.head(db).position
        guard let size = try MerkleRows.size(db), size == head else {
            throw StoreError(
                .unreadable, "the Merkle tree of \(path) does not cover its \(head) events; it is written again from the log",
                hint: .rebuild)
        }
        return Stored(db: db, size: size)
    }
}
