import Foundation
import GRDB
import LedgerCore

/// `verify`'s check of the stored tree: it recomputes every node from the chain hashes
/// as the walk reads them, never trusting the table, and compares each stored row with
/// the recomputation.
struct MerkleCheck {
    private var frontier = MerkleFrontier()
    /// The lookup of one stored node; nil for a file with no tree (an earlier release's,
    /// opened only to read), which has nothing to compare.
    private let lookup: Statement?
    private var nodes: Int64 = 0
    /// The first stored node that differs from the recomputation.
    private var difference: String?
    /// The recomputed roots at the sizes asked for.
    private(set) var roots: [Int64: MerkleHash] = [:]
    private let sizes: Set<Int64>

    init(_ db: Database, rootsAt sizes: Set<Int64>) throws {
        lookup =
            try db.tableExists("merkle_nodes")
            ? try db.makeStatement(sql: "SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?") : nil
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
    mutating func add(chainHash: String) throws {
        guard let leaf = MerkleHash.leaf(chainHash: chainHash) else { return }
        for node in frontier.append(leaf) {
            nodes += 1
            guard let lookup, difference == nil else { continue }
            let stored = try Data.fetchOne(lookup, arguments: [node.level, node.index])
            if stored != Data(node.hash.bytes) {
                difference =
                    "the Merkle tree's node at level \(node.level), index \(node.index) \(stored == nil ? "is missing" : "differs from the chain hashes")"
            }
        }
        if sizes.contains(frontier.size) { roots[frontier.size] = frontier.root }
    }

    /// What is wrong with the stored tree, once every event was added; nil when it is
    /// the recomputation exactly.
    func problem(_ db: Database) throws -> String? {
        guard lookup != nil else { return nil }
        if let difference { return difference }
        let stored = try Int64.fetchOne(db, sql: "SELECT count(*) FROM merkle_nodes") ?? 0
        return stored == nodes ? nil : "the Merkle tree holds \(stored) nodes where the log's \(frontier.size) events make \(nodes)"
    }
}
