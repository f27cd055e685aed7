import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

/// The contract every ``EventLog`` keeps, run on the SQLite ledger and on the in-memory
/// log alike. A backend is trusted when it passes all of it.
@Suite struct EventLogContractTests {
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, memory
        var testDescription: String { rawValue }
    }

    static let council = try! PartnerID("council")
    static let coordinator = try! ActorID("coord")

    /// A log of the given kind holding a partnership's three founding events, with its clock.
    func log(_ backend: Backend) throws -> (any EventLog, TestClock, TemporaryDirectory) {
        let clock = TestClock()
        let directory = TemporaryDirectory()
        let founding = try Decider.establish(
            in: PlanState(), partnership: "Contract CSP", timeZone: "Europe/London", testClock: true, partner: Self.council,
            partnerName: "Council", responsibleAuthority: true, coordinator: Self.coordinator, coordinatorName: "Casey")
        let log: any EventLog
        switch backend {
        case .sqlite:
            log = try Ledger.create(
                at: directory.file("log.sqlite"), partnership: "Contract CSP", timeZone: "Europe/London", partner: Self.council,
                partnerName: "Council", responsibleAuthority: true, coordinator: Self.coordinator, coordinatorName: "Casey",
                testClock: true, clock: clock.ledgerClock)
        case .memory:
            log = InMemoryEventLog(clock: clock.ledgerClock)
            try log.append(founding.map { pending($0, at: clock.now) }, expectVersion: nil)
        }
        return (log, clock, directory)
    }

    func pending(_ event: Event, at instant: Instant, id: String = UUID().uuidString.lowercased()) -> PendingEvent {
        PendingEvent(eventID: id, event: event, actor: Self.coordinator, partner: Self.council, effectiveAt: instant)
    }

    func partner(_ id: String) -> Event {
        .partnerRegistered(.init(partner: try! PartnerID(id), name: "Partner \(id)", responsibleAuthority: false))
    }

    @Test(arguments: Backend.allCases)
    func positionsAreGaplessAndTheHashesChain(_ backend: Backend) throws {
        let (log, clock, _) = try log(backend)
        clock.advance(minutes: 1)
        try log.append((1...5).map { pending(partner("p\($0)"), at: clock.now) }, expectVersion: nil)
        let all = try log.entries(from: 1, to: .max)
        #expect(all.map(\.position) == Array(1...8))
        var previous = HashChain.genesis
        for entry in all {
            #expect(entry.prevHash == previous)
            #expect(entry.hash == HashChain.expectedHash(of: entry))
            previous = entry.hash
        }
        #expect(try log.head(asOf: nil) == Digest(position: 8, hash: previous, recordedAt: clock.now))
    }

    @Test(arguments: Backend.allCases)
    func aRetryWithTheSameEventIDsAppendsOnceAndADifferentEventUnderAUsedIDIsRefused(_ backend: Backend) throws {
        let (log, clock, _) = try log(backend)
        clock.advance(minutes: 1)
        let event = pending(partner("p1"), at: clock.now, id: "retry-1")
        #expect(try log.append([event], expectVersion: nil).count == 1)
        #expect(try log.append([event], expectVersion: nil).isEmpty, "the retry appends nothing")
        #expect {
            try log.append([pending(partner("p2"), at: clock.now, id: "retry-1")], expectVersion: nil)
        } throws: { ($0 as? StoreError)?.code == .eventIDReused }
        #expect(try log.head(asOf: nil).position == 4)
    }

    @Test(arguments: Backend.allCases)
    func anExpectedVersionThatIsNotTheStreamsIsAConflictNamingIt(_ backend: Backend) throws {
        let (log, clock, _) = try log(backend)
        clock.advance(minutes: 1)
        #expect {
            try log.append([pending(partner("p1"), at: clock.now)], expectVersion: (.actor(Self.coordinator), 0))
        } throws: { error in
            (error as? StoreError)?.code == .conflict && (error as? StoreError)!.message.contains("actor-coord is at version 1, not 0")
        }
        #expect(try log.append([pending(partner("p1"), at: clock.now)], expectVersion: (.actor(Self.coordinator), 1)).count == 1)
        #expect(try log.entries(stream: .partner(PartnerID("p1"))).map(\.recorded.streamVersion) == [1])
    }

    @Test(arguments: Backend.allCases)
    func aBatchIsAppendedWholeOrNotAtAll(_ backend: Backend) throws {
        let (log, clock, _) = try log(backend)
        clock.advance(minutes: 1)
        let before = try log.head(asOf: nil)
        let future = clock.now.adding(milliseconds: 60_000)
        #expect(throws: LedgerError.self) {
            try log.append([pending(partner("p1"), at: clock.now), pending(partner("p2"), at: future)], expectVersion: nil)
        }
        #expect(try log.head(asOf: nil) == before)
        #expect(try log.entries(stream: .partner(PartnerID("p1"))).isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func headsAsOfARecordingTimeAndRecordingTimesThatNeverGoBack(_ backend: Backend) throws {
        let (log, clock, _) = try log(backend)
        let start = clock.now
        clock.advance(minutes: 60)
        try log.append([pending(partner("p1"), at: clock.now)], expectVersion: nil)
        let afterFirst = clock.now
        clock.advance(minutes: -5)
        let stamped = try log.append([pending(partner("p2"), at: clock.now)], expectVersion: nil)
        #expect(stamped[0].recorded.recordedAt == afterFirst, "a clock a little behind is stamped with the last time")
        clock.advance(minutes: -60)
        #expect(throws: LedgerError.self) { try log.append([pending(partner("p3"), at: clock.now)], expectVersion: nil) }
        #expect(try log.head(asOf: start.adding(milliseconds: -1)).position == 0)
        #expect(try log.head(asOf: start).position == 3)
        #expect(try log.head(asOf: afterFirst).position == 5)
    }
}
