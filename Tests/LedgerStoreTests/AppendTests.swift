import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

@Suite struct AppendTests {
    func partner(_ id: String, _ name: String = "Partner") -> Event {
        .partnerRegistered(.init(partner: PartnerID(trusted: id), name: name, responsibleAuthority: false))
    }

    func pending(_ eventID: String, _ event: Event, effective: Instant) -> PendingEvent {
        PendingEvent(
            eventID: eventID, event: event, actor: Fixture.coordinator, partner: PartnerID(trusted: "council"), effectiveAt: effective)
    }

    @Test func aRetryWithTheSameEventIDIsIdempotent() throws {
        let fixture = try Fixture()
        let event = pending("retry-1", partner("nhs"), effective: fixture.clock.now)
        let first = try fixture.ledger.append([event])
        #expect(first.count == 1)
        let after = try fixture.fingerprint()
        fixture.clock.advance(minutes: 5)
        let second = try fixture.ledger.append([event])
        #expect(second.isEmpty)
        #expect(try fixture.fingerprint() == after)
        // The same payload with another effective time is another event.
        #expect(throws: StoreError.self) { try fixture.ledger.append([pending("retry-1", partner("nhs"), effective: fixture.clock.now)]) }
        #expect(try fixture.fingerprint() == after)
    }

    @Test func aDifferentEventUnderAnExistingIDIsRefused() throws {
        let fixture = try Fixture()
        try fixture.ledger.append([pending("dup", partner("nhs"), effective: fixture.clock.now)])
        let before = try fixture.fingerprint()
        #expect { try fixture.ledger.append([pending("dup", partner("nhs", "Another name"), effective: fixture.clock.now)]) } throws: {
            error in
            (error as? StoreError)?.code == .eventIDReused
        }
        #expect(try fixture.fingerprint() == before)
    }

    @Test func aBatchThatFailsMidwayLeavesTheLogUnchanged() throws {
        let fixture = try Fixture()
        try fixture.ledger.append([pending("taken", partner("nhs"), effective: fixture.clock.now)])
        let before = try fixture.fingerprint()
        let projectionBefore = try fixture.ledger.verify()
        let batch = [
            pending("b-1", partner("kcc"), effective: fixture.clock.now),
            pending("b-2", partner("bid"), effective: fixture.clock.now),
            pending("taken", partner("something else"), effective: fixture.clock.now),
            pending("b-4", partner("uni"), effective: fixture.clock.now),
        ]
        #expect(throws: StoreError.self) { try fixture.ledger.append(batch) }
        #expect(try fixture.fingerprint() == before)
        #expect(try fixture.ledger.state().partners[PartnerID(trusted: "kcc")] == nil)
        #expect(try fixture.ledger.verify() == projectionBefore)
        // The process's own view of the plan is not left half-applied either.
        #expect(
            try fixture.ledger.execute(.registerPartner(PartnerID("kcc"), name: "KCC", responsibleAuthority: true), by: Fixture.coordinator)
                .count == 1)
    }

    @Test func anExpectedVersionThatDiffersIsAConflictNamingTheActualVersion() throws {
        let fixture = try Fixture()
        let before = try fixture.fingerprint()
        let command = Command.reportProgress(Fixture.action, status: .onTrack, note: nil, percent: nil)
        #expect { try fixture.ledger.execute(command, by: Fixture.policeLead, expectVersion: 1) } throws: { error in
            (error as? StoreError)?.code == .conflict && "\(error)".contains("is at version 2, not 1")
        }
        #expect(try fixture.fingerprint() == before)
        let entries = try fixture.ledger.execute(command, by: Fixture.policeLead, expectVersion: 2)
        #expect(entries.first?.recorded.streamVersion == 3)
        // 0 on a create: the action must not exist yet.
        let create = Command.createAction(try ActionID("A-3"), priority: try PriorityID("PR-1"), title: "New", due: nil)
        #expect(throws: StoreError.self) {
            try fixture.ledger.execute(
                .createAction(Fixture.action, priority: try PriorityID("PR-1"), title: "x", due: nil), by: Fixture.coordinator,
                expectVersion: 0)
        }
        #expect(try fixture.ledger.execute(create, by: Fixture.coordinator, expectVersion: 0).count == 1)
    }

    @Test func streamVersionsCountTheStreamsEvents() throws {
        let fixture = try Fixture()
        try fixture.ledger.execute(.reportProgress(Fixture.action, status: .atRisk, note: "n", percent: 5), by: Fixture.policeHelper)
        let history = try fixture.ledger.entries(LogFilter(stream: .action(Fixture.action)))
        #expect(history.map(\.recorded.streamVersion) == [1, 2, 3])
        #expect(try fixture.ledger.state().actions[Fixture.action]?.version == 3)
    }

    @Test func aClockALittleBehindIsStampedWithTheLastRecordingTime() throws {
        let fixture = try Fixture()
        let last = try fixture.ledger.digest().recordedAt!
        fixture.clock.set(last.adding(milliseconds: -10 * 60_000).iso8601)
        let entries = try fixture.ledger.execute(
            .reportProgress(Fixture.action, status: .onTrack, note: nil, percent: nil), by: Fixture.policeLead)
        #expect(entries.map(\.type) == ["ActionProgressed"])
        #expect(entries[0].recorded.recordedAt == last)
        #expect(entries[0].recorded.effectiveAt == last)
    }

    @Test func aClockFarBehindIsRefusedNamingBothTimes() throws {
        let fixture = try Fixture()
        let before = try fixture.fingerprint()
        let last = try fixture.ledger.digest().recordedAt!
        fixture.clock.set(last.adding(milliseconds: -10 * 60_000 - 1).iso8601)
        let progress = Command.reportProgress(Fixture.action, status: .onTrack, note: nil, percent: nil)
        #expect {
            try fixture.ledger.execute(progress, by: Fixture.policeLead)
        } throws: { error in
            let error = error as? LedgerError
            return error?.code == .clockBehind && error!.message.contains(last.iso8601)
                && error!.message.contains(last.adding(milliseconds: -600_001).iso8601)
        }
        #expect(throws: LedgerError.self, "only a coordinator accepts a clock far behind") {
            try fixture.ledger.execute(progress, by: Fixture.policeLead, acceptClockBehind: true)
        }
        #expect(try fixture.fingerprint() == before)
    }

    @Test func aCoordinatorAcceptsAClockFarBehindAndTheLedgerRecordsIt() throws {
        let fixture = try Fixture()
        let last = try fixture.ledger.digest().recordedAt!
        let clockAt = try Instant(iso8601: "2020-01-01T00:00:00Z")
        fixture.clock.set(clockAt.iso8601)
        let entries = try fixture.ledger.execute(
            .reportProgress(Fixture.action, status: .onTrack, note: nil, percent: nil), by: Fixture.coordinator,
            acceptClockBehind: true)
        #expect(entries.map(\.type) == ["ClockBehindAccepted", "ActionProgressed"])
        #expect(entries[0].recorded.event == .clockBehindAccepted(ClockBehindAccepted(clockAt: clockAt, lastRecordedAt: last)))
        #expect(entries.allSatisfy { $0.recorded.recordedAt == last })
        #expect(try fixture.ledger.verify().isSound)
    }

    @Test func aBackDatedWriteIsCheckedAgainstTheLaterHistory() throws {
        let fixture = try Fixture()
        let start = fixture.clock.now
        fixture.clock.advance(minutes: 10)
        try fixture.ledger.execute(.reportProgress(Fixture.action, status: .onTrack, note: nil, percent: nil), by: Fixture.policeLead)
        fixture.clock.advance(minutes: 10)
        let before = try fixture.fingerprint()
        #expect(throws: LedgerError.self) {
            try fixture.ledger.execute(
                .reviewAction(Fixture.action, outcome: .withdraw, note: nil, nextReview: nil), by: Fixture.coordinator, effective: start)
        }
        #expect(try fixture.fingerprint() == before)
        let entries = try fixture.ledger.execute(
            .reportProgress(Fixture.action, status: .offTrack, note: "late", percent: nil), by: Fixture.policeLead, effective: start)
        #expect(entries[0].recorded.effectiveAt == start)
        #expect(try fixture.ledger.state().actions[Fixture.action]?.status == .onTrack)
        #expect(try fixture.ledger.state(effective: start.adding(milliseconds: 1)).actions[Fixture.action]?.status == .offTrack)
    }
}
