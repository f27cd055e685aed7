import Foundation
import GRDB
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

@Suite struct SnapshotTests {
    /// A fixture whose log crosses a snapshot every 10 positions, with 80 reports.
    func busyLedger() throws -> (Fixture, [Instant]) {
        let fixture = try Fixture(snapshotInterval: 10)
        var times: [Instant] = []
        let statuses: [ActionStatus] = [.onTrack, .atRisk, .offTrack, .completed]
        for i in 0..<80 {
            fixture.clock.advance(minutes: 30)
            let actor = i % 2 == 0 ? Fixture.policeLead : Fixture.policeHelper
            try fixture.ledger.execute(
                .reportProgress(Fixture.action, status: statuses[i % 4], note: "report \(i)", percent: i % 101), by: actor)
            times.append(fixture.clock.now)
        }
        return (fixture, times)
    }

    func snapshotPositions(_ path: String) throws -> [Int64] {
        try DatabaseQueue(path: path).read { try Int64.fetchAll($0, sql: "SELECT position FROM snapshots ORDER BY position") }
    }

    @Test func asOfWithSnapshotsEqualsAsOfWithout() throws {
        let (fixture, times) = try busyLedger()
        #expect(try snapshotPositions(fixture.path) == [10, 20, 30, 40, 50, 60, 70, 80, 90])
        for (i, time) in times.enumerated() {
            for instant in [time, time.adding(milliseconds: -1), time.adding(milliseconds: 900_000)] {
                #expect(try fixture.ledger.state(asOf: instant) == fixture.ledger.state(asOf: instant, fold: true), "report \(i)")
            }
        }
        #expect(try fixture.ledger.state() == fixture.ledger.state(fold: true))
        #expect(try fixture.ledger.verify().isSound)
    }

    @Test func snapshotsOfAnotherFoldVersionAreIgnoredAndDiscarded() throws {
        let (fixture, times) = try busyLedger()
        let queue = try DatabaseQueue(path: fixture.path)
        try queue.write { db in
            try db.execute(sql: "UPDATE snapshots SET fold_version = fold_version + 1")
            try db.execute(
                sql:
                    "INSERT INTO snapshots (position, fold_version, chain_hash, sha256, state) VALUES (85, 0, ?, ?, '{\"not\":\"a state\"}')",
                arguments: [String(repeating: "a", count: 64), String(repeating: "b", count: 64)])
        }
        #expect(try fixture.ledger.state(asOf: times[60]) == fixture.ledger.state(asOf: times[60], fold: true))
        let reopened = try Ledger.open(at: fixture.path, access: .readWrite, snapshotInterval: 10)
        #expect(try snapshotPositions(fixture.path) == [10, 20, 30, 40, 50, 60, 70, 80, 90], "the stale ones are replaced on opening")
        try reopened.rebuild()
        #expect(try snapshotPositions(fixture.path) == [10, 20, 30, 40, 50, 60, 70, 80, 90, 94], "every multiple, and the head")
        #expect(try reopened.verify().isSound)
    }

    @Test func verifyFindsASnapshotThatDisagreesWithTheLog() throws {
        let (fixture, _) = try busyLedger()
        let queue = try DatabaseQueue(path: fixture.path)
        try queue.write { db in
            let other = try String.fetchOne(db, sql: "SELECT state FROM snapshots WHERE position = 20")!
            try db.execute(sql: "UPDATE snapshots SET state = ? WHERE position = 30", arguments: [other])
        }
        let report = try fixture.ledger.verify()
        #expect(report.problem?.message.contains("snapshot at position 30") == true)
    }
}
