import Foundation
import GRDB
import LedgerCore
import LedgerTestSupport
import Testing

@testable import LedgerStore

/// Full `verify` decodes rows a batch ahead on another thread (``RowsAhead``) and
/// judges them in log order: across several batches it names the first damaged row,
/// whichever batch it is in and whatever lies after it, as a walk on one thread does.
@Suite struct ReadAheadVerifyTests {
    /// The fixture with enough progress reports for three batches and more.
    func longLedger() throws -> Fixture {
        let fixture = try Fixture()
        for i in 0..<(ReadAhead<Int, Int>.batchSize * 3) {
            if i % 50 == 0 { fixture.clock.advance(minutes: 5) }
            _ = try fixture.ledger.execute(
                .reportProgress(Fixture.action, status: .onTrack, note: "r\(i)", percent: i % 100), by: Fixture.policeLead)
        }
        return fixture
    }

    @Test func theFirstDamagedRowIsNamedWhicheverBatchItIsIn() throws {
        let fixture = try longLedger()
        let head = try fixture.ledger.digest()
        let sound = try fixture.ledger.verify()
        #expect(sound.isSound && sound.digest == head, "\(String(describing: sound.problem))")
        let late = Int64(ReadAhead<Int, Int>.batchSize * 2 + 17)
        let early = Int64(ReadAhead<Int, Int>.batchSize + 3)
        try tamper(fixture.path) { db in
            try db.execute(sql: "UPDATE events SET payload = replace(payload, '\"r', '\"forged r') WHERE position = ?", arguments: [late])
        }
        let one = try fixture.ledger.verify().problem
        #expect(one?.position == late)
        #expect(one?.message == "position \(late): the hash does not match the event's contents; the row was altered")
        // A row that does not decode, in an earlier batch, is named before it.
        try tamper(fixture.path) { db in
            try db.execute(sql: "UPDATE events SET payload = '{\"note\":1}' WHERE position = ?", arguments: [early])
        }
        let two = try fixture.ledger.verify().problem
        #expect(two?.position == early)
        #expect(
            two?.message.hasPrefix("position \(early): the event at position \(early) cannot be read") == true, "\(String(describing: two))"
        )
    }
}
