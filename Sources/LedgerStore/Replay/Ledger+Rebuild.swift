import GRDB
import LedgerCore

extension Ledger {
    /// Rebuilds every projection table and the snapshots from the log.
    ///
    /// The log is folded in batches (reporting `progress(done, total)` after each), with
    /// snapshots written as the fold passes each snapshot position; then the tables are replaced
    /// in one transaction. Interrupted at any point, the old projection stays as it was
    /// until the new one is complete; snapshots are a cache and are correct either way.
    public func rebuild(progress: (Int64, Int64) -> Void = { _, _ in }) throws {
        let total = try digest().position
        var state = PlanState()
        var written: [Int64] = []
        progress(0, total)
        try forEachBatch(from: 1, to: total) { batch in
            for entry in batch {
                state.apply(entry.recorded)
                if Snapshots.isSnapshotPosition(state.position, interval: snapshotInterval)
                    || (snapshotInterval > 0 && state.position == total)
                {
                    let snapshot = state
                    try Ledger.translatingErrors(path) { try database.write { db in try Snapshots.write(db, snapshot) } }
                    written.append(snapshot.position)
                }
            }
            progress(state.position, total)
        }
        // Events appended by other processes meanwhile are folded in inside the final
        // transaction, so the new projection is never behind the log.
        let final = try Ledger.translatingErrors(path) {
            try database.write { db in
                var caughtUp = state
                try EventRows.fold(db, into: &caughtUp, where: "position > ?", [caughtUp.position])
                try Projection.rebuild(db, from: caughtUp)
                try MerkleRows.rebuild(db)
                // Snapshots this rebuild did not write are not trusted.
                try db.execute(sql: "DELETE FROM snapshots WHERE position NOT IN (\(written.map(String.init).joined(separator: ",")))")
                return caughtUp
            }
        }
        cache.withLock { $0 = final }
    }
}
