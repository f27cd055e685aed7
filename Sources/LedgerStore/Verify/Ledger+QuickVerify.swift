import GRDB
import LedgerCore

extension Ledger {
    /// Checks what the log's own bytes prove, without a fold (`verify --quick`): every
    /// event's stored hash recomputed from its canonical envelope and the hash before it
    /// (``ChainCheck``, the same checks full verify starts each event with), and every
    /// stored node of the Merkle tree recomputed from the chain hashes (``MerkleCheck``),
    /// with the roots of the checkpoints the log records.
    ///
    /// It reads the columns of each row and decodes no payload but the first event's
    /// (for its origin and whether its clock is a test clock) and recorded checkpoints'.
    /// It never folds, re-checks a rule, or reads a snapshot, a versioned row or the
    /// projection, so it cannot see a tampered derived row, nor an event whose meaning
    /// breaks a rule but whose hashes were recomputed; ``verify(against:rootsAt:progress:)``
    /// checks those. The report says so (``VerifyReport/quick``, ``VerifyReport/skipped``).
    ///
    /// - Parameters: as ``verify(against:rootsAt:progress:)``.
    /// - Throws: ``StoreError`` `.importIncomplete` for a ledger an import has not
    ///   finished, or a storage failure.
    public func verifyChainAndTree(
        against published: Digest? = nil, rootsAt sizes: Set<Int64> = [], progress: (Int64, Int64) -> Void = { _, _ in }
    ) throws -> VerifyReport {
        try read { db in
            try refuseUnfinishedImport(db)
            let total = try Int64.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
            progress(0, total)
            var chain = ChainCheck()
            var tree = try MerkleCheck(db, rootsAt: sizes)
            var testClock = false
            func report(_ problem: VerifyReport.Problem?) -> VerifyReport {
                VerifyReport(
                    digest: chain.digest, eventCount: Int(chain.position), testClock: testClock, treeRoot: tree.root,
                    roots: tree.roots, problem: problem, quick: true)
            }
            // Hashed a batch ahead on a second thread, judged here in log order.
            var rows = RowsAhead(
                try Row.fetchCursor(db, sql: "SELECT \(EventRows.columns(db)), \(EventRows.typesHold(db)) FROM events ORDER BY position"),
                SealedRow.init)
            while let sealed = try rows.next() {
                let row = sealed.row
                do {
                    let position = try chain.rowPosition(row)
                    let read: SealedRow.Read
                    do { read = try sealed.read.get() } catch { throw LogCheck.Failure(position: position, reason: "\(error)") }
                    let (columns, hash) = (read.columns, read.hash)
                    try chain.check(position: columns.position, prevHash: read.prevHash, seal: read.seal)
                    try ChainCheck.check(published, position: position, hash: hash)
                    if position == 1 || columns.type == CheckpointSigned.typeName {
                        let entry: LogEntry
                        do { entry = try EventRows.entry(row) } catch { throw LogCheck.Failure(position: position, reason: "\(error)") }
                        if position == 1 {
                            var first = PlanState()
                            first.apply(entry.recorded)
                            testClock = first.partnership?.testClock ?? false
                        }
                        if let problem = tree.problem(with: entry) { throw LogCheck.Failure(position: position, reason: problem) }
                    }
                    try tree.add(leaf: read.leaf)
                    chain.advance(position: position, hash: hash, recordedAt: columns.recordedAt)
                } catch let failure as LogCheck.Failure {
                    return report(.init(position: failure.position, message: failure.description))
                }
                progress(chain.position, total)
            }
            if let shortfall = chain.shortfall(of: published) {
                return report(.init(position: shortfall.position, message: shortfall.reason))
            }
            if let problem = try tree.problem(db) { return report(.init(position: nil, message: problem, hint: .rebuild)) }
            return report(nil)
        }
    }
}

/// One row of the log with its envelope read (or why it cannot be), its
/// ``ChainCheck/Seal`` and its Merkle leaf: what `verify --quick` works out a batch ahead
/// on a second thread (``RowsAhead``) and then judges in log order.
struct SealedRow {
    struct Read {
        let columns: EnvelopeColumns
        let prevHash: String
        let hash: String
        let seal: ChainCheck.Seal
        let leaf: MerkleHash?
    }

    let row: Row
    let read: Result<Read, any Error>

    init(_ row: Row) {
        self.row = row
        read = Result {
            let (columns, prevHash, hash) = try EventRows.envelope(row)
            return Read(
                columns: columns, prevHash: prevHash, hash: hash, seal: ChainCheck.Seal(columns, prevHash: prevHash, hash: hash),
                leaf: MerkleHash.leaf(chainHash: hash))
        }
    }
}
