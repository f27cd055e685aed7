import GRDB
import LedgerCore

extension Ledger {
    /// Rebuilds every projection table, the versioned rows and the snapshots from the log.
    ///
    /// The log is folded in batches (reporting `progress(done, total)` after each), with
    /// snapshots written as the fold passes each snapshot position and the versioned rows
    /// written to a temporary table; then the tables are replaced in one transaction.
    /// Interrupted at any point, the old projection and versioned rows stay as they were
    /// until the new ones are complete; snapshots are a cache and are correct either way.
    public func rebuild(progress: (Int64, Int64) -> Void = { _, _ in }) throws {
        let total = try digest().position
        var state = PlanState()
        var written: [Int64] = []
        progress(0, total)
        try Ledger.translatingErrors(path) { try database.write(VersionedProjection.beginRebuild) }
        try forEachBatch(from: 1, to: total) { batch in
            var changes: [(Int64, [RecordChange])] = []
            for entry in batch {
                changes.append((entry.position, state.applyReportingChanges(entry.recorded)))
                if Snapshots.isSnapshotPosition(state.position, interval: snapshotInterval)
                    || (snapshotInterval > 0 && state.position == total)
                {
                    let snapshot = state
                    try Ledger.translatingErrors(path) { try database.write { db in try Snapshots.write(db, snapshot) } }
                    written.append(snapshot.position)
                }
            }
            try Ledger.translatingErrors(path) {
                try database.write { db in
                    for (position, change) in changes {
                        try VersionedProjection.store(change, at: position, db, into: .rebuild)
                    }
                }
            }
            progress(state.position, total)
        }
        // Events appended by other processes meanwhile are folded in inside the final
        // transaction, so the new projection is never behind the log.
        let final = try Ledger.translatingErrors(path) {
            try database.write { db in
                var caughtUp = state
                let later = try Row.fetchCursor(
                    db, sql: "SELECT \(EventRows.foldColumns) FROM events WHERE position > ? ORDER BY position",
                    arguments: [caughtUp.position])
                while let row = try later.next() {
                    try VersionedProjection.apply(EventRows.recorded(row), to: &caughtUp, db, into: .rebuild)
                }
                try VersionedProjection.finishRebuild(db)
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
