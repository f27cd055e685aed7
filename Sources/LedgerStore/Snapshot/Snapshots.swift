import Foundation
import GRDB
import LedgerCore

/// Stored folds of the log at a position, so an as-of query on a file without
/// versioned rows (``VersionedProjection``: one from an earlier release, opened
/// read-only) replays from the nearest earlier snapshot instead of from position 1.
///
/// A snapshot is a cache, and is checked before it is believed: it carries the fold's
/// version (ignored, and removed on the next write, when that changes), the SHA-256 of
/// its bytes and the chain hash of the event at its position. A snapshot whose bytes or
/// place do not match is set aside with a warning and the plan is folded from the log.
/// Someone who can write the file can recompute both hashes of an edited snapshot;
/// `verify` (which compares every snapshot with a replay) and `state --fold`
/// find that.
public enum Snapshots {
    /// Snapshots are taken when an append crosses a multiple of the interval.
    public static let defaultInterval: Int64 = 10_000

    /// Writes the snapshot of `state` into `table`, with the chain hash `log` holds at its position.
    static func write(_ db: Database, _ state: PlanState, log: String = "events", into table: String = "snapshots") throws {
        let bytes = Data(Deflate.compress(state.snapshotBytes))
        let chainHash = try String.fetchOne(db, sql: "SELECT hash FROM \(log) WHERE position = ?", arguments: [state.position])
        try db.execute(
            sql: "INSERT OR REPLACE INTO \(table) (position, fold_version, chain_hash, sha256, state) VALUES (?, ?, ?, ?, ?)",
            arguments: [state.position, PlanState.foldVersion, chainHash, SHA256Hex.digest(bytes: bytes), bytes])
    }

    /// The plan the snapshot at `position` holds, if its bytes and place check out;
    /// otherwise the reason it was set aside.
    static func checked(_ db: Database, at position: Int64) throws -> Result<PlanState, Damage>? {
        try checkedBytes(db, at: position)?.flatMap { decode($0, at: position) }
    }

    /// The plan the bytes of a checked snapshot at `position` hold, or why they cannot be read.
    static func decode(_ bytes: [UInt8], at position: Int64) -> Result<PlanState, Damage> {
        guard let state = try? PlanState(snapshotBytes: bytes), state.position == position else {
            return .failure(Damage(position: position, reason: "it cannot be read"))
        }
        return .success(state)
    }

    /// The bytes of the snapshot at `position` (uncompressed, as
    /// ``LedgerCore/PlanState/snapshotBytes`` writes them), if they and its place check
    /// out; otherwise the reason it was set aside. `verify` compares them with the
    /// replay's own bytes, decoding them only when they differ: a second whole plan held
    /// beside the replay's is most of its peak memory at a million events.
    static func checkedBytes(_ db: Database, at position: Int64) throws -> Result<[UInt8], Damage>? {
        let sql = """
            SELECT s.state, s.sha256, s.chain_hash, e.hash FROM snapshots s LEFT JOIN events e ON e.position = s.position
            WHERE s.position = ? AND s.fold_version = ?
            """
        guard let row = try Row.fetchOne(db, sql: sql, arguments: [position, PlanState.foldVersion]) else { return nil }
        guard let data = row[0] as Data?, SHA256Hex.digest(bytes: data) == (row[1] as String?) else {
            return .failure(Damage(position: position, reason: "its bytes do not match their SHA-256"))
        }
        guard let chainHash = row[2] as String?, chainHash == (row[3] as String?) else {
            return .failure(Damage(position: position, reason: "it does not belong at that place in the log"))
        }
        guard let bytes = Deflate.decompress(Array(data)) else { return .failure(Damage(position: position, reason: "it cannot be read")) }
        return .success(bytes)
    }

    /// Whether the file has checked snapshots: a file from an earlier release, opened
    /// read-only, has none or the unchecked kind, which are not used.
    static func usable(_ db: Database) throws -> Bool {
        try db.tableExists("snapshots") && db.columns(in: "snapshots").contains { $0.name == "sha256" }
    }

    /// Writes a snapshot at each snapshot position of the whole log, for a file whose
    /// snapshots were dropped by a migration or a new fold version; returns the plan.
    static func writeAll(_ db: Database, interval: Int64) throws -> PlanState {
        var state = PlanState()
        let rows = try Row.fetchCursor(db, sql: "SELECT \(EventRows.foldColumns) FROM events ORDER BY position")
        while let row = try rows.next() {
            state.apply(try EventRows.recorded(row))
            if isSnapshotPosition(state.position, interval: interval) { try write(db, state) }
        }
        return state
    }

    /// The latest snapshot at or before `position`, checked; nil when there is none or
    /// it was set aside (`warn` is told why).
    static func latest(_ db: Database, atOrBefore position: Int64, warn: (String) -> Void) throws -> PlanState? {
        guard try usable(db) else { return nil }
        let sql = "SELECT position FROM snapshots WHERE position <= ? AND fold_version = ? ORDER BY position DESC LIMIT 1"
        guard let found = try Int64.fetchOne(db, sql: sql, arguments: [position, PlanState.foldVersion]) else { return nil }
        switch try checked(db, at: found) {
        case .success(let state)?: return state
        case .failure(let damage)?:
            warn("\(damage); the plan is folded from the log instead (a rebuild writes the snapshots again)")
            return nil
        case nil: return nil
        }
    }

    /// Positions of the usable snapshots.
    static func positions(_ db: Database) throws -> [Int64] {
        guard try usable(db) else { return [] }
        return try Int64.fetchAll(
            db, sql: "SELECT position FROM snapshots WHERE fold_version = ? ORDER BY position", arguments: [PlanState.foldVersion])
    }

    /// Removes snapshots written by another fold version.
    static func discardStale(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM snapshots WHERE fold_version <> ?", arguments: [PlanState.foldVersion])
    }

    /// Whether folding from `before` to `after` passed a snapshot position.
    public static func due(from before: Int64, to after: Int64, interval: Int64) -> Bool {
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

    /// A snapshot that was set aside.
    struct Damage: Error, CustomStringConvertible {
        var position: Int64
        var reason: String
        var description: String { "the snapshot at position \(position) was set aside: \(reason)" }
    }
}
