import Foundation
import GRDB
import LedgerCore
import LedgerTestSupport
import Synchronization
import Testing

@testable import LedgerStore

/// An edited snapshot: caught when read if its hashes were left as they were; named by
/// `verify`, and avoided by `state(fold: true)`, if they were recomputed.
///
/// Snapshots are read only where the versioned rows are not built (a file from an
/// earlier release, opened read-only), so each ledger here is made one.
@Suite struct SnapshotForgeryTests {
    static let asEarlierRelease = "DELETE FROM ledger_meta WHERE key = 'versions_version'"

    /// A ledger taking a snapshot every 10 events, with `count` progress reports on A-1
    /// five minutes apart.
    func reported(_ count: Int) throws -> Fixture {
        let fixture = try Fixture(snapshotInterval: 10)
        for i in 0..<count {
            fixture.clock.advance(minutes: 5)
            try fixture.ledger.execute(.reportProgress(Fixture.action, status: .onTrack, note: "r\(i)", percent: i), by: Fixture.policeLead)
        }
        return fixture
    }

    /// A ledger with a snapshot at position 20, whose action A-1 gets a new title in
    /// the forged copy; `recompute` also writes the forged bytes' SHA-256.
    func forged(recompute: Bool) throws -> Fixture {
        let fixture = try reported(10)
        try DatabaseQueue(path: fixture.path).write { db in
            try db.execute(sql: Self.asEarlierRelease)
            let stored = try Data.fetchOne(db, sql: "SELECT state FROM snapshots WHERE position = 20")!
            var plan = try PlanState(snapshotBytes: Deflate.decompress(Array(stored))!)
            plan.actions[Fixture.action]?.title = "A title nobody wrote"
            let bytes = Data(Deflate.compress(plan.snapshotBytes))
            try db.execute(sql: "UPDATE snapshots SET state = ? WHERE position = 20", arguments: [bytes])
            if recompute {
                try db.execute(sql: "UPDATE snapshots SET sha256 = ? WHERE position = 20", arguments: [SHA256Hex.digest(bytes: bytes)])
            }
        }
        return fixture
    }

    @Test func anEditedSnapshotIsSetAsideWhenReadWithAWarning() throws {
        let fixture = try forged(recompute: false)
        let warnings = Mutex<[String]>([])
        let ledger = try Ledger.open(at: fixture.path, access: .readOnly, warn: { message in warnings.withLock { $0.append(message) } })
        let asOf = try ledger.digest().recordedAt
        #expect(try ledger.state(asOf: asOf) == ledger.state(asOf: asOf, fold: true))
        #expect(try ledger.state().actions[Fixture.action]?.title == "Do the thing")
        #expect(warnings.withLock { $0 }.contains { $0.contains("the snapshot at position 20 was set aside: its bytes do not match") })
    }

    @Test func aSnapshotMovedToAnotherPlaceIsSetAside() throws {
        let fixture = try reported(15)
        try DatabaseQueue(path: fixture.path).write { db in
            try db.execute(sql: Self.asEarlierRelease)
            try db.execute(sql: "DELETE FROM snapshots WHERE position = 20")
            try db.execute(sql: "UPDATE snapshots SET position = 20 WHERE position = 10")
        }
        let warnings = Mutex<[String]>([])
        let ledger = try Ledger.open(at: fixture.path, access: .readOnly, warn: { message in warnings.withLock { $0.append(message) } })
        #expect(try ledger.state() == ledger.state(fold: true))
        #expect(warnings.withLock { $0 }.contains { $0.contains("does not belong at that place") })
        #expect(try ledger.verify().problem?.message.contains("snapshot at position 20") == true)
    }

    @Test func aSnapshotForgedWithRecomputedHashesIsNamedByVerify() throws {
        let fixture = try forged(recompute: true)
        #expect(try fixture.ledger.state().actions[Fixture.action]?.title == "A title nobody wrote", "the attack reaches answers")
        #expect(try fixture.ledger.state(fold: true).actions[Fixture.action]?.title == "Do the thing", "the remedy")
        let report = try fixture.ledger.verify()
        #expect(report.problem?.message.contains("the snapshot at position 20 differs from a replay of the log") == true)
        #expect(report.problem?.hint == .rebuild)
    }

    /// `verify` compares a snapshot's bytes with the replay's own and decodes them only
    /// when they differ: bytes written otherwise that hold the same plan still pass.
    @Test func aSnapshotHoldingTheSamePlanInOtherBytesPassesVerify() throws {
        let fixture = try reported(10)
        try DatabaseQueue(path: fixture.path).write { db in
            let stored = try Data.fetchOne(db, sql: "SELECT state FROM snapshots WHERE position = 20")!
            var bytes = Deflate.decompress(Array(stored))!
            // The position, 20, is the varint 40 (zigzag); 0xA8 0x00 says the same in two bytes.
            #expect(bytes[0] == 40)
            bytes.replaceSubrange(0..<1, with: [0xA8, 0x00])
            #expect(try PlanState(snapshotBytes: bytes) == PlanState(snapshotBytes: Deflate.decompress(Array(stored))!))
            let written = Data(Deflate.compress(bytes))
            try db.execute(
                sql: "UPDATE snapshots SET state = ?, sha256 = ? WHERE position = 20",
                arguments: [written, SHA256Hex.digest(bytes: written)])
        }
        let report = try fixture.ledger.verify()
        #expect(report.isSound, "\(String(describing: report.problem))")
    }
}
