import LedgerCore

/// What `verify` found.
public struct VerifyReport: Sendable, Equatable {
    /// The head digest the chain recomputes to, up to the last good position.
    public var digest: Digest
    public var eventCount: Int
    /// Whether the ledger's clock may be set by its maker (`init --test-clock`, `demo`):
    /// its recording times then prove nothing about when events were recorded.
    public var testClock: Bool
    /// The root of the Merkle tree recomputed from the chain hashes, over `eventCount` events.
    public var treeRoot: MerkleHash = .emptyTree
    /// The roots recomputed at the tree sizes asked for, where the log reached them.
    public var roots: [Int64: MerkleHash] = [:]
    /// The first problem, naming its position or table; nil when the ledger is sound.
    public var problem: Problem?
    /// Whether only the hash chain and the Merkle tree were checked (`verify --quick`).
    public var quick = false

    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The first position whose row breaks the chain or the rules, or nil for a
        /// problem of the file's structure, the projection or the snapshots.
        public var position: Int64?
        public var message: String
        /// The remedy a front end can name, as for a ``StoreError``.
        public var hint: StoreError.Hint? = nil
        public var description: String { message }
    }

    public var isSound: Bool { problem == nil }

    /// What was checked: every ``Check``, or for a quick verify only ``Check/quick``.
    public var checks: [Check] { quick ? Check.quick : Check.allCases }
    /// What was not checked, and so may still be wrong on a sound report.
    public var skipped: [Check] { Check.allCases.filter { !checks.contains($0) } }

    /// One of the things `verify` checks; its raw value is the name JSON gives it.
    public enum Check: String, CaseIterable, Sendable {
        /// Every event's stored hash recomputed from its canonical bytes and the hash before it.
        case hashChain = "hash-chain"
        /// Every stored node of the Merkle tree recomputed from the chain hashes.
        case merkleTree = "merkle-tree"
        /// Every event's form and meaning: canonical payload, times, stream versions, and the
        /// rules re-checked with the decider against the plan as known before it.
        case rules
        case snapshots
        case versionedRows = "versioned-rows"
        case projection
        /// The file's tables, indexes, triggers and record of migrations.
        case protection
        /// The last recording time against this machine's clock.
        case clock

        /// What `verify --quick` checks: what the log's own bytes prove, without a fold.
        public static let quick: [Check] = [.hashChain, .merkleTree]

        /// The check in words, for a person.
        public var words: String {
            switch self {
            case .hashChain: "hash chain"
            case .merkleTree: "Merkle tree"
            case .rules: "every event's form and rules"
            case .snapshots: "snapshots"
            case .versionedRows: "versioned rows"
            case .projection: "projection"
            case .protection: "the file's protection (triggers and indexes)"
            case .clock: "recording times against this clock"
            }
        }
    }
}
