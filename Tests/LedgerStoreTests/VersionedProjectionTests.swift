import Foundation
import GRDB
import LedgerCore
import LedgerTestSupport
import Testing

@testable import LedgerStore

/// The versioned rows: written with each append, read by `state --as-of`, named by
/// `verify` when edited, and written again by `rebuild`.
@Suite struct VersionedProjectionTests {
    /// A fixture with ten progress reports on A-1, five minutes apart; returns the
    /// recording time of each.
    func reported() throws -> (Fixture, [Instant]) {
        let fixture = try Fixture()
        var times: [Instant] = []
        for i in 0..<10 {
            fixture.clock.advance(minutes: 5)
            try fixture.ledger.execute(.reportProgress(Fixture.action, status: .onTrack, note: "r\(i)", percent: i), by: Fixture.policeLead)
            times.append(fixture.clock.now)
        }
        return (fixture, times)
    }

    func rows(_ path: String, _ sql: String, _ arguments: StatementArguments = []) throws -> [Row] {
        try DatabaseQueue(path: path).read { db in try Row.fetchAll(db, sql: sql, arguments: arguments) }
    }

    @Test func eachEventAddsAVersionOfTheRecordsItChangedAndEndsTheOneBefore() throws {
        let (fixture, times) = try reported()
        let versions = try rows(
            fixture.path, "SELECT valid_from, valid_until FROM record_versions WHERE kind = 'action' AND id = 'A-1' ORDER BY valid_from")
        let head = try fixture.ledger.digest().position
        #expect(versions.count == 12, "created, assigned and ten reports")
        #expect(versions.last?[1] == VersionedProjection.open)
        #expect(versions.last?[0] == head)
        for (earlier, later) in zip(versions, versions.dropFirst()) { #expect(earlier[1] as Int64 == later[0] as Int64) }
        for time in times {
            #expect(try fixture.ledger.state(asOf: time) == fixture.ledger.state(asOf: time, fold: true))
        }
        #expect(try fixture.ledger.verify().isSound)
    }

    /// Edits the record of A-1 held from `position` to carry `title`, as someone who
    /// can write the file could.
    func forgeTitle(_ path: String, from position: Int64, _ title: String) throws {
        try DatabaseQueue(path: path).write { db in
            let bytes = try Data.fetchOne(
                db, sql: "SELECT record FROM record_versions WHERE kind = 'action' AND id = 'A-1' AND valid_from = ?", arguments: [position]
            )!
            let key = RecordKey(kind: .action, id: Fixture.action.rawValue)
            var plan = PlanState()
            try plan.setRecord(key, bytes: bytes)
            plan.actions[Fixture.action]?.title = title
            try db.execute(
                sql: "UPDATE record_versions SET record = ? WHERE kind = 'action' AND id = 'A-1' AND valid_from = ?",
                arguments: [Data(plan.recordBytes(key)!), position])
        }
    }

    @Test func anEditedVersionChangesAnswersUntilVerifyNamesItAndFoldAvoidsIt() throws {
        let (fixture, times) = try reported()
        let position = try fixture.ledger.digest(asOf: times[4]).position
        try forgeTitle(fixture.path, from: position, "A title nobody wrote")
        #expect(
            try fixture.ledger.state(asOf: times[4]).actions[Fixture.action]?.title == "A title nobody wrote", "the attack reaches answers")
        #expect(try fixture.ledger.state(asOf: times[4], fold: true).actions[Fixture.action]?.title == "Do the thing", "the remedy")
        let report = try fixture.ledger.verify()
        #expect(
            report.problem?.message
                == "the versioned rows differ from the log: the row of action 'A-1' from position \(position) holds a value the log does not give"
        )
        #expect(report.problem?.hint == .rebuild)
        try fixture.ledger.rebuild()
        #expect(try fixture.ledger.verify().isSound)
        #expect(try fixture.ledger.state(asOf: times[4]).actions[Fixture.action]?.title == "Do the thing")
    }

    @Test func aRemovedAMovedAndAnAddedVersionAreEachNamedByVerify() throws {
        let (fixture, times) = try reported()
        let position = try fixture.ledger.digest(asOf: times[2]).position
        let attacks: [(sql: String, problem: String)] = [
            (
                "DELETE FROM record_versions WHERE kind = 'action' AND id = 'A-1' AND valid_from = \(position)",
                "action 'A-1' lacks the row from position \(position) that the log produces"
            ),
            (
                "UPDATE record_versions SET valid_until = valid_until + 1 WHERE kind = 'action' AND id = 'A-1' AND valid_from = \(position)",
                "the row of action 'A-1' from position \(position) ends at position \(position + 2), where the log ends it at \(position + 1)"
            ),
            (
                "INSERT INTO record_versions SELECT valid_from, kind, 'A-9', valid_until, record FROM record_versions WHERE kind = 'action' AND id = 'A-1' AND valid_from = \(position)",
                "a row of action 'A-9' from position \(position) that the log does not produce"
            ),
        ]
        for attack in attacks {
            try DatabaseQueue(path: fixture.path).write { db in try db.execute(sql: attack.sql) }
            let problem = try fixture.ledger.verify().problem?.message
            #expect(problem == "the versioned rows differ from the log: \(attack.problem)", "\(attack.sql)")
            try fixture.ledger.rebuild()
            #expect(try fixture.ledger.verify().isSound, "a rebuild writes them again")
        }
    }

    @Test func aRebuildWritesTheRowsTheAppendsWrote() throws {
        let (fixture, _) = try reported()
        let before = try rows(fixture.path, "SELECT * FROM record_versions ORDER BY valid_from, kind, id")
        try fixture.ledger.rebuild()
        #expect(try rows(fixture.path, "SELECT * FROM record_versions ORDER BY valid_from, kind, id") == before)
    }

    @Test func aFileWithoutVersionedRowsIsAnsweredByFoldingAndGetsThemWhenOpenedForWriting() throws {
        let (fixture, times) = try reported()
        let before = try rows(fixture.path, "SELECT * FROM record_versions ORDER BY valid_from, kind, id")
        try DatabaseQueue(path: fixture.path).write { db in
            try db.execute(sql: "DELETE FROM record_versions")
            try db.execute(sql: "DELETE FROM ledger_meta WHERE key = 'versions_version'")
        }
        let readOnly = try Ledger.open(at: fixture.path, access: .readOnly)
        #expect(try readOnly.state(asOf: times[5]) == readOnly.state(asOf: times[5], fold: true))
        _ = try Ledger.open(at: fixture.path, access: .readWrite)
        #expect(try rows(fixture.path, "SELECT * FROM record_versions ORDER BY valid_from, kind, id") == before)
    }

    /// Ledger keys are registered in the partnership's stream and kept in its record, so
    /// that a process whose first write reads the plan from the rows knows them.
    @Test func theLedgerKeysAreHeldInThePartnershipsRecord() throws {
        let fixture = try Fixture()
        let key = try NoteSigningKey.generate(name: fixture.ledger.checkpointOrigin()).verifierKey.text
        try fixture.ledger.execute(.registerLedgerKey(key), by: Fixture.coordinator)
        let registered = try fixture.ledger.digest().position
        fixture.clock.advance(minutes: 5)
        try fixture.ledger.execute(.revokeLedgerKey(key, reason: "lost"), by: Fixture.coordinator)
        let reopened = try Ledger.open(at: fixture.path, access: .readOnly)
        #expect(try reopened.state().ledgerKeys[key]?.revokedAt == registered + 1)
        #expect(try reopened.state() == reopened.state(fold: true))
        #expect(try reopened.state(asOf: fixture.clock.now.adding(milliseconds: -1)).ledgerKeys[key]?.revokedAt == nil)
        let keys = try rows(fixture.path, "SELECT count(*) FROM record_versions WHERE kind = 'partnership'")
        #expect(keys.first?[0] == 3, "established, then the key registered and revoked")
        #expect(try reopened.verify().isSound)
    }

    /// The scope index lists each record under the scopes it was ever in, and a scoped
    /// answer as of a point is read through it: an edited index reaches scoped answers
    /// until `verify` names it; `--fold` avoids it and `rebuild` writes it again.
    @Test func theScopeIndexServesScopedAnswersAndAnEditIsNamedByVerify() throws {
        let (fixture, times) = try reported()
        let listed = try rows(fixture.path, "SELECT scope FROM record_scopes WHERE kind = 'action' AND id = 'A-1' ORDER BY scope")
        #expect(
            listed.map { $0[0] as String } == ["partner-council", "partner-police", "priority-PR-1"],
            "its priority, its lead and its supporting partner")
        let priority = PlanScope.priority(try PriorityID("PR-1"))
        let attacks: [(sql: String, problem: String, reachesAnswer: Bool)] = [
            (
                "DELETE FROM record_scopes WHERE kind = 'action' AND id = 'A-1' AND scope = 'priority-PR-1'",
                "the scope index does not list action 'A-1' under priority-PR-1, where the log puts it", true
            ),
            (
                "INSERT INTO record_scopes VALUES ('priority-PR-1', 'action', 'A-404')",
                "the scope index lists action 'A-404' under priority-PR-1, where the log never puts it", false
            ),
        ]
        for attack in attacks {
            try DatabaseQueue(path: fixture.path).write { db in try db.execute(sql: attack.sql) }
            let scoped = try fixture.ledger.stateAndHead(asOf: times[5], scope: priority).state
            let folded = try fixture.ledger.stateAndHead(asOf: times[5], fold: true, scope: priority).state
            #expect(folded.actions[Fixture.action] != nil)
            #expect((scoped.actions[Fixture.action] == nil) == attack.reachesAnswer, "\(attack.sql)")
            let problem = try fixture.ledger.verify().problem
            #expect(problem?.message == "the versioned rows differ from the log: \(attack.problem)", "\(attack.sql)")
            #expect(problem?.hint == .rebuild)
            try fixture.ledger.rebuild()
            #expect(try fixture.ledger.verify().isSound, "a rebuild writes the index again")
            #expect(try fixture.ledger.stateAndHead(asOf: times[5], scope: priority).state == folded)
        }
    }
}
