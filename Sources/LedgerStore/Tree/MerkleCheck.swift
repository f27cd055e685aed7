import Foundation
import GRDB
import LedgerCore

/// `verify`'s check of the stored tree: it recomputes every node from the chain hashes
/// as the walk reads them, never trusting the table, and compares each stored row with
/// the recomputation.
///
/// The walk completes the nodes of each level in index order, so each level's stored
/// rows are read by a cursor of their own in that order beside it (a merge, not a
/// lookup per node): `verify --quick` is bound by this and the chain's hashing.
struct MerkleCheck {
    private var frontier = MerkleFrontier()
    /// The stored rows of each level reached so far, read in index order; nil for a file
    /// with no tree (an earlier release's, opened only to read), which has nothing to
    /// compare.
    private let stored: StoredLevels?
    private var nodes: Int64 = 0
    /// The first stored node that differs from the recomputation.
    private var difference: String?
    /// The recomputed roots at the sizes asked for.
    private(set) var roots: [Int64: MerkleHash] = [:]
    private let sizes: Set<Int64>

    init(_ db: Database, rootsAt sizes: Set<Int64>) throws {
        stored = try db.tableExists("merkle_nodes") ? StoredLevels(db) : nil
        self.sizes = sizes
    }

    /// The recomputed tree's root, over the events added so far.
    var root: MerkleHash { frontier.root }

    /// The origin of the log's checkpoints, once its first event is read.
    private var origin: String?

    /// Why a recorded checkpoint is not one of this log's, where the walk has reached
    /// the entry recording it: its origin must be the log's, and its root the root of
    /// every event before it. (Its size and signature are the rules', checked with them.)
    mutating func problem(with entry: LogEntry) -> String? {
        if entry.position == 1, case .partnershipEstablished(let e) = entry.recorded.event {
            origin = Checkpoint.origin(partnership: e.name, firstHash: entry.hash)
        }
        guard case .checkpointSigned(let e) = entry.recorded.event, let signed = try? SignedCheckpoint(parsing: e.checkpoint) else {
            return nil
        }
        if signed.checkpoint.origin != origin { return "the checkpoint it records is of '\(signed.checkpoint.origin)', not of this log" }
        if signed.checkpoint.root != frontier.root {
            return
                "the checkpoint it records has root \(signed.checkpoint.root.base64), but the events before it give \(frontier.root.base64)"
        }
        return nil
    }

    /// Adds the next event's leaf: its chain hash, already checked.
    mutating func add(chainHash: String) throws { try add(leaf: MerkleHash.leaf(chainHash: chainHash)) }

    /// Adds the next event's leaf, made from its checked chain hash (nil for none).
    mutating func add(leaf: MerkleHash?) throws {
        guard let leaf else { return }
        for node in frontier.append(leaf) {
            nodes += 1
            guard let stored, difference == nil else { continue }
            switch try stored.row(level: node.level, index: node.index) {
            case let hash? where hash.elementsEqual(node.hash.bytes): continue
            case let found:
                // A leaf is named with its event's position too: a leaf that differs is
                // an edited tree row, or an event re-chained after the tree was written.
                let leaf = node.level == 0 ? " (the leaf of position \(node.index + 1))" : ""
                difference =
                    "the Merkle tree's node at level \(node.level), index \(node.index)\(leaf) \(found == nil ? "is missing" : "differs from the chain hashes")"
            }
        }
        if sizes.contains(frontier.size) { roots[frontier.size] = frontier.root }
    }

    /// What is wrong with the stored tree, once every event was added; nil when it is
    /// the recomputation exactly.
    func problem(_ db: Database) throws -> String? {
        guard stored != nil else { return nil }
        if let difference { return difference }
        let stored = try Int64.fetchOne(db, sql: "SELECT count(*) FROM merkle_nodes") ?? 0
        return stored == nodes ? nil : "the Merkle tree holds \(stored) nodes where the log's \(frontier.size) events make \(nodes)"
    }
}

extension MerkleCheck {
    /// The stored rows of `merkle_nodes`, one cursor per level, each opened when the
    /// walk first completes a node of its level and advanced only forward.
    final class StoredLevels {
        private let db: Database
        private var levels: [Level] = []

        private struct Level {
            var cursor: RowCursor
            /// The row the cursor stands on: its index and hash; nil past the level's end.
            var current: (index: Int64, hash: Data)?
        }

        init(_ db: Database) { self.db = db }

        /// The stored hash of the node at `level`, `index`, or nil when the table lacks
        /// it. Rows of the level before `index` are passed over (only extra rows, which
        /// the count of nodes names, can lie there); asked in increasing index order.
        func row(level: Int, index: Int64) throws -> Data? {
            while levels.count <= level {
                let cursor = try Row.fetchCursor(
                    db, sql: "SELECT idx, hash FROM merkle_nodes WHERE level = ? ORDER BY idx", arguments: [levels.count])
                levels.append(Level(cursor: cursor, current: try Self.next(cursor)))
            }
            while let current = levels[level].current, current.index < index {
                levels[level].current = try Self.next(levels[level].cursor)
            }
            guard let current = levels[level].current, current.index == index else { return nil }
            return current.hash
        }

        private static func next(_ cursor: RowCursor) throws -> (index: Int64, hash: Data)? {
            guard let row = try cursor.next() else { return nil }
            // A value of another storage class (a file written around the table's checks)
            // is no node: it is passed over, or compared as no hash.
            guard case .int64(let index) = (row[0] as DatabaseValue).storage else { return (Int64.min, Data()) }
            guard case .blob(let hash) = (row[1] as DatabaseValue).storage else { return (index, Data()) }
            return (index, hash)
        }
    }
}
