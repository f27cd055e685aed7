import GRDB
import LedgerCore

/// What `verify` found.
public struct VerifyReport: Sendable, Equatable {
    /// The head digest the chain recomputes to, up to the last good position.
    public var digest: Digest
    public var eventCount: Int
    /// The first problem, naming its position or table; nil when the ledger is sound.
    public var problem: Problem?

    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The first position whose row breaks the chain, or nil for a projection problem.
        public var position: Int64?
        public var message: String
        public var description: String { message }
    }

    public var isSound: Bool { problem == nil }
}

extension Ledger {
    /// Recomputes the hash chain from position 1, then rebuilds the projection in memory
    /// and compares it with the stored tables.
    ///
    /// - Parameter published: a digest published earlier; the log up to its position must
    ///   still hash to it, and everything after must chain from it.
    public func verify(against published: Digest? = nil) throws -> VerifyReport {
        try read { db in
            var state = PlanState()
            var prevHash = HashChain.genesis
            var expectedPosition: Int64 = 1
            var count = 0
            var lastRecorded: Instant?
            let snapshots = Set(try Snapshots.positions(db))
            let rows = try Row.fetchCursor(db, sql: "SELECT \(EventRows.columns) FROM events ORDER BY position")
            func report(_ position: Int64?, _ message: String) -> VerifyReport {
                VerifyReport(
                    digest: Digest(position: expectedPosition - 1, hash: prevHash, recordedAt: lastRecorded), eventCount: count,
                    problem: .init(position: position, message: message))
            }
            while let row = try rows.next() {
                let position: Int64 = row[0]
                guard position == expectedPosition else {
                    return report(expectedPosition, "position \(expectedPosition) is missing: the next row is at position \(position)")
                }
                let entry: LogEntry
                do { entry = try EventRows.entry(row) } catch {
                    return report(position, "position \(position): \(error)")
                }
                guard entry.prevHash == prevHash else {
                    return report(position, "position \(position): prev_hash does not match the hash of position \(position - 1)")
                }
                guard entry.hash == HashChain.expectedHash(of: entry) else {
                    return report(position, "position \(position): the hash does not match the event's contents; the row was altered")
                }
                guard JSONValue.isCanonical(entry.payload) else {
                    return report(position, "position \(position): the payload is not in canonical form")
                }
                if let lastRecorded, entry.recorded.recordedAt < lastRecorded {
                    return report(position, "position \(position): recorded_at goes backwards")
                }
                if let published, published.position == position, published.hash != entry.hash {
                    return report(
                        position,
                        "position \(position) does not match the published digest: the log up to it was changed since the digest was taken")
                }
                state.apply(entry.recorded)
                if snapshots.contains(position), try Snapshots.state(db, at: position) != state {
                    return report(nil, "the snapshot at position \(position) differs from a replay of the log; run csp-ledger rebuild")
                }
                prevHash = entry.hash
                lastRecorded = entry.recorded.recordedAt
                expectedPosition += 1
                count += 1
            }
            if let published, published.position > Int64(count) {
                return report(
                    Int64(count) + 1,
                    "the log ends at position \(count), before the published digest's position \(published.position): events were removed")
            }
            if let difference = try Projection.firstDifference(db, from: state) {
                return report(nil, "the projection tables differ from the log: \(difference)")
            }
            return VerifyReport(
                digest: Digest(position: expectedPosition - 1, hash: prevHash, recordedAt: lastRecorded), eventCount: count, problem: nil)
        }
    }
}
