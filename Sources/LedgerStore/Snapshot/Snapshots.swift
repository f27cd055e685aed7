import Foundation
import GRDB
import LedgerCore

/// Stored folds of the log at a position, so an as-of query replays from the nearest
/// earlier snapshot instead of from position 1.
///
/// A snapshot is a cache: it carries the fold's version, is ignored (and removed on the
/// next write) when that changes, and `verify` checks snapshots against a replay.
public enum Snapshots {
    /// Snapshots are taken when an append crosses a multiple of the interval.
    public static let defaultInterval: Int64 = 10_000

    static func write(_ db: Database, _ state: PlanState) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO snapshots (position, fold_version, state) VALUES (?, ?, ?)",
            arguments: [state.position, PlanState.foldVersion, Data(Deflate.compress(state.snapshotBytes))])
    }

    /// The plan a stored snapshot holds, or nil when it cannot be read (it is then
    /// ignored, as a cache miss).
    static func decode(_ stored: DatabaseValue) -> PlanState? {
        guard let data = Data.fromDatabaseValue(stored), let bytes = Deflate.decompress(Array(data)) else { return nil }
        return try? PlanState(snapshotBytes: bytes)
    }

    /// The latest usable snapshot at or before `position`.
    static func latest(_ db: Database, atOrBefore position: Int64) throws -> PlanState? {
        // A file from before snapshots, opened read-only, has no table yet.
        guard try db.tableExists("snapshots") else { return nil }
        let sql = "SELECT state FROM snapshots WHERE position <= ? AND fold_version = ? ORDER BY position DESC LIMIT 1"
        return try DatabaseValue.fetchOne(db, sql: sql, arguments: [position, PlanState.foldVersion]).flatMap(decode)
    }

    /// Positions of the usable snapshots.
    static func positions(_ db: Database) throws -> [Int64] {
        guard try db.tableExists("snapshots") else { return [] }
        return try Int64.fetchAll(
            db, sql: "SELECT position FROM snapshots WHERE fold_version = ? ORDER BY position", arguments: [PlanState.foldVersion])
    }

    static func state(_ db: Database, at position: Int64) throws -> PlanState? {
        try DatabaseValue.fetchOne(db, sql: "SELECT state FROM snapshots WHERE position = ?", arguments: [position]).flatMap(decode)
    }

    /// Removes snapshots written by another fold version.
    static func discardStale(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM snapshots WHERE fold_version <> ?", arguments: [PlanState.foldVersion])
    }

    /// Whether folding from `before` to `after` passed a snapshot position.
    static func due(from before: Int64, to after: Int64, interval: Int64) -> Bool {
        guard interval > 0 else { return false }
        var position = (before / interval + 1) * interval
        while position <= after {
            if isSnapshotPosition(position, interval: interval) { return true }
            position += interval
        }
        return false
    }

    /// Snapshot positions: every `interval` up to 16 intervals, then twice as far apart
    /// each time the log doubles (eight per doubling). An as-of query then folds at
    /// most an eighth of the log after its snapshot, while the snapshots, each the size
    /// of the whole plan, grow in number only with the logarithm of the log.
    public static func isSnapshotPosition(_ position: Int64, interval: Int64) -> Bool {
        guard interval > 0, position > 0 else { return false }
        var step = interval
        while position >= step * 16 { step *= 2 }
        return position % step == 0
    }
}
