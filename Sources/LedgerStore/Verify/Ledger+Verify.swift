import GRDB
import LedgerCore

extension Ledger {
    /// Checks everything the file holds against the log, and the log against itself:
    /// the triggers that protect it, every row's column types, the hash chain, and
    /// every event's meaning (re-checked against the plan as known before it), then
    /// every snapshot, the versioned rows and the projection against a replay.
    ///
    /// - Parameters:
    ///   - published: a digest published earlier; the log up to its position must still
    ///     hash to it, and everything after must chain from it.
    ///   - sizes: tree sizes whose roots the report gives, recomputed from the chain hashes.
    ///   - progress: called with the events checked so far and the log's length, after each
    ///     event, for a progress display.
    /// - Throws: ``StoreError`` `.importIncomplete` for a ledger an import has not
    ///   finished, or a storage failure.
    public func verify(
        against published: Digest? = nil, rootsAt sizes: Set<Int64> = [], progress: (Int64, Int64) -> Void = { _, _ in }
    ) throws -> VerifyReport {
        try read { db in
            try refuseUnfinishedImport(db)
            // Counted, not read from the head: verify must also walk a log whose last row is damaged.
            let total = try Int64.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
            var checked: Int64 = 0
            progress(0, total)
            var check = LogCheck()
            var tree = try MerkleCheck(db, rootsAt: sizes)
            let snapshots = Set(try Snapshots.positions(db))
            func report(_ position: Int64?, _ message: String, hint: StoreError.Hint? = nil) -> VerifyReport {
                VerifyReport(
                    digest: check.chain.digest, eventCount: Int(check.state.position),
                    testClock: check.state.partnership?.testClock ?? false,
                    treeRoot: tree.root, roots: tree.roots, problem: .init(position: position, message: message, hint: hint))
            }
            // The versioned rows are compared as the log is walked; their first difference
            // is reported once the chain and the rules are known to hold.
            var versions = try VersionedProjection.isBuilt(db) ? VersionCheck(db) : nil
            var versionProblem: String?
            // Decoded a batch ahead on a second thread, judged here in log order.
            var rows = RowsAhead(
                try Row.fetchCursor(db, sql: "SELECT \(EventRows.columns(db)), \(EventRows.typesHold(db)) FROM events ORDER BY position"),
                DecodedRow.init)
            while let decoded = try rows.next() {
                let position: Int64
                do {
                    position = try check.chain.rowPosition(decoded.row)
                    let entry: LogEntry
                    do { entry = try decoded.entry.get() } catch { throw LogCheck.Failure(position: position, reason: "\(error)") }
                    try check.checkBytes(entry, form: decoded.form)
                    try ChainCheck.check(published, position: position, hash: entry.hash)
                    try check.checkRules(entry, db)
                    if let problem = tree.problem(with: entry) { throw LogCheck.Failure(position: position, reason: problem) }
                    let changes = check.fold(entry)
                    if versionProblem == nil { versionProblem = try versions?.check(changes, at: position) }
                    try tree.add(chainHash: entry.hash)
                } catch let failure as LogCheck.Failure {
                    return report(failure.position, failure.description)
                }
                checked += 1
                progress(checked, total)
                if snapshots.contains(position) {
                    // Bytes equal to the replay's own are the same plan; others are
                    // decoded, since bytes written otherwise may still hold it.
                    let stored = try Snapshots.checkedBytes(db, at: position).map { result in
                        result.flatMap { bytes in
                            bytes == check.state.snapshotBytes ? .success(nil) : Snapshots.decode(bytes, at: position).map(Optional.some)
                        }
                    }
                    switch stored {
                    case .success(let stored?)? where stored != check.state:
                        return report(nil, "the snapshot at position \(position) differs from a replay of the log", hint: .rebuild)
                    case .failure(let damage)?: return report(nil, "\(damage)", hint: .rebuild)
                    default: break
                    }
                }
            }
            let count = check.state.position
            if let shortfall = check.chain.shortfall(of: published) { return report(shortfall.position, shortfall.reason) }
            if let problem = try Protection.problem(db) { return report(nil, problem) }
            // On a ledger that records real time, a recording time ahead of the clock was
            // stamped by a machine whose clock ran fast; every later write must then be
            // accepted as behind. Said, so that someone checks which clock is wrong.
            let now = clock.now
            if check.state.partnership?.testClock == false, let last = check.lastRecorded, RecordingTime.isFarBehind(now, last: last) {
                return report(
                    nil,
                    "the log's last recording time \(last) is more than 10 minutes after this machine's clock (\(now)): a machine whose clock ran ahead recorded it, or this clock is behind"
                )
            }
            if let problem = try versionProblem ?? versions?.finish(db) {
                return report(nil, "the versioned rows differ from the log: \(problem)", hint: .rebuild)
            }
            if let difference = try Projection.firstDifference(db, from: check.state) {
                return report(nil, "the projection tables differ from the log: \(difference)")
            }
            if let problem = try tree.problem(db) { return report(nil, problem, hint: .rebuild) }
            return VerifyReport(
                digest: check.chain.digest, eventCount: Int(count),
                testClock: check.state.partnership?.testClock ?? false, treeRoot: tree.root, roots: tree.roots, problem: nil)
        }
    }
}

extension Ledger {
    /// - Throws: ``StoreError`` `.importIncomplete` for a ledger an import has not
    ///   finished: it is a prefix of its source, not a ledger to verify.
    func refuseUnfinishedImport(_ db: Database) throws {
        if let mark = try ImportMark.read(db) {
            throw StoreError(.importIncomplete, "\(path) holds \(mark), so it is not verified")
        }
    }
}
