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
        let data = try JSONEncoder().encode(state)
        try db.execute(
            sql: "INSERT OR REPLACE INTO snapshots (position, fold_version, state) VALUES (?, ?, ?)",
            arguments: [state.position, PlanState.foldVersion, String(decoding: data, as: UTF8.self)])
    }

    /// The latest usable snapshot at or before `position`.
    static func latest(_ db: Database, atOrBefore position: Int64) throws -> PlanState? {
        // A file from before snapshots, opened read-only, has no table yet.
        guard try db.tableExists("snapshots") else { return nil }
        let sql = "SELECT state FROM snapshots WHERE position <= ? AND fold_version = ? ORDER BY position DESC LIMIT 1"
        guard let text = try String.fetchOne(db, sql: sql, arguments: [position, PlanState.foldVersion]) else { return nil }
        return try? JSONDecoder().decode(PlanState.self, from: Data(text.utf8))
    }

    /// Positions of the usable snapshots.
    static func positions(_ db: Database) throws -> [Int64] {
        guard try db.tableExists("snapshots") else { return [] }
        return try Int64.fetchAll(
            db, sql: "SELECT position FROM snapshots WHERE fold_version = ? ORDER BY position", arguments: [PlanState.foldVersion])
    }

    static func state(_ db: Database, at position: Int64) throws -> PlanState? {
        guard let text = try String.fetchOne(db, sql: "SELECT state FROM snapshots WHERE position = ?", arguments: [position]) else {
            return nil
        }
        return try? JSONDecoder().decode(PlanState.self, from: Data(text.utf8))
    }

    /// Removes snapshots written by another fold version.
    static func discardStale(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM snapshots WHERE fold_version <> ?", arguments: [PlanState.foldVersion])
    }

    /// Whether folding from `before` to `after` crossed a multiple of `interval`.
    static func due(from before: Int64, to after: Int64, interval: Int64) -> Bool {
        interval > 0 && after / interval > before / interval
    }
}
