import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

@Suite struct SnapshotFormatTests {
    @Test func aPlanSurvivesItsSnapshotBytesAndDamagedBytesAreRefused() throws {
        let fixture = try Fixture()
        fixture.clock.advance(minutes: 5)
        try fixture.ledger.execute(
            .reportProgress(Fixture.action, status: .atRisk, note: "late\n\"really\"", percent: 30), by: Fixture.policeLead)
        try fixture.ledger.execute(
            .reviewAction(Fixture.action, outcome: .carryForward, note: nil, nextReview: nil), by: Fixture.coordinator)
        try fixture.ledger.execute(.deactivateActor(Fixture.policeHelper, reason: "left"), by: Fixture.coordinator)
        let state = try fixture.ledger.state()
        let bytes = state.snapshotBytes
        #expect(try PlanState(snapshotBytes: bytes) == state)
        #expect(try PlanState(snapshotBytes: PlanState().snapshotBytes) == PlanState())
        for damaged in [Array(bytes.dropLast()), bytes + [0], Array(bytes.prefix(bytes.count / 2)), []] {
            #expect(throws: SnapshotError.self) { try PlanState(snapshotBytes: damaged) }
        }
    }

    @Test func snapshotsThinOutAsTheLogGrows() {
        let interval: Int64 = 10
        let positions = (1...1_000).filter { Snapshots.isSnapshotPosition(Int64($0), interval: interval) }
        // Every 10 up to 160, every 20 up to 320, every 40 up to 640, then every 80.
        #expect(Array(positions.prefix(16)) == Array(stride(from: 10, through: 160, by: 10)))
        #expect(positions.filter { (160..<320).contains($0) } == Array(stride(from: 160, to: 320, by: 20)))
        #expect(positions.filter { (640..<1_000).contains($0) } == Array(stride(from: 640, to: 1_000, by: 80)))
        #expect(!Snapshots.isSnapshotPosition(10, interval: 0))
        // Each stored plan folds at most an eighth of the log after it.
        for position in Int64(160)...1_000 {
            let latest = (1...position).last { Snapshots.isSnapshotPosition($0, interval: interval) }!
            #expect(position - latest < max(interval, position / 8))
        }
    }
}
