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

    /// A log of the given kind holding a partnership's three founding events, with its
    /// clock. Event ids are numbered, so that two logs given the same writes hold the
    /// same events.
    func log(_ backend: Backend, readsWholePlan: Bool = true, snapshotInterval: Int64 = Snapshots.defaultInterval) throws -> (
        any EventLog, TestClock, TemporaryDirectory
    ) {
        let clock = TestClock()
        let directory = TemporaryDirectory()
        let ids = EventIDGenerator.numbered("event-")
        let log: any EventLog
        switch backend {
        case .sqlite:
            let path = directory.file("log.sqlite")
            _ = try Ledger.create(
                at: path, partnership: "Contract CSP", timeZone: "Europe/London", partner: Self.council, partnerName: "Council",
                responsibleAuthority: true, coordinator: Self.coordinator, coordinatorName: "Casey", testClock: true,
                clock: clock.ledgerClock, ids: ids)
            log = try Ledger.open(
                at: path, access: .readWrite, clock: clock.ledgerClock, ids: ids, snapshotInterval: snapshotInterval,
                keepsPlanInMemory: readsWholePlan)
        case .memory:
            log = InMemoryEventLog(clock: clock.ledgerClock, ids: ids, readsWholePlan: readsWholePlan, snapshotInterval: snapshotInterval)
            let founding = try Decider.establish(
                in: PlanState(), partnership: "Contract CSP", timeZone: "Europe/London", testClock: true, partner: Self.council,
                partnerName: "Council", responsibleAuthority: true, coordinator: Self.coordinator, coordinatorName: "Casey")
            try log.append(founding.map { pending($0, at: clock.now, id: ids.next()) }, expectVersion: nil)
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

    /// The standard cast of ``Fixture``, written to `log` one minute apart.
    func cast(_ log: any EventLog, _ clock: TestClock) throws {
        for command in try Fixture.cast() {
            clock.advance(minutes: 1)
            try log.execute(command, by: Self.coordinator)
        }
    }

    @Test(arguments: Backend.allCases)
    func aCommandIsDecidedAgainstThePlanAndARefusalAppendsNothing(_ backend: Backend) throws {
        let (log, clock, _) = try log(backend)
        try cast(log, clock)
        clock.advance(minutes: 1)
        let progress = try log.execute(
            .reportProgress(Fixture.action, status: .onTrack, note: "moving", percent: 20), by: Fixture.policeLead)
        #expect(progress.map(\.type) == ["ActionProgressed"])
        #expect(progress[0].recorded.streamVersion == 3 && progress[0].recorded.partner == PartnerID(trusted: "police"))
        let before = try log.head(asOf: nil)
        clock.advance(minutes: 1)
        #expect(throws: LedgerError.self) {
            try log.execute(.reportProgress(Fixture.action, status: .onTrack, note: nil, percent: nil), by: Fixture.fireLead)
        }
        #expect {
            try log.execute(.amendAction(Fixture.action, title: "New", due: nil), by: Self.coordinator, expectVersion: 2)
        } throws: { ($0 as? StoreError)?.code == .conflict }
        #expect(try log.head(asOf: nil) == before)
    }

    /// The rule that lets a `csp-ledger` command read only the actions it names
    /// (``Command/actionsRead(referenced:)``): a log that reads only those decides every
    /// command, refusals included, exactly as one that reads the whole plan, on every
    /// backend alike.
    @Test func aWriteThatReadsOnlyItsActionsDecidesAsOneThatReadsTheWholePlan() throws {
        var outcomes: [[String]] = []
        for backend in Backend.allCases {
            for readsWholePlan in [true, false] {
                // A small interval, so that writes also pass snapshot positions.
                let (log, clock, _) = try log(backend, readsWholePlan: readsWholePlan, snapshotInterval: 4)
                try cast(log, clock)
                outcomes.append(try ScopedSteps.run(log, clock))
                let all = try log.entries(from: 1, to: .max).map(\.recorded)
                let snapshot = try #require(try log.snapshot(atOrBefore: .max))
                #expect(snapshot == PlanState(folding: all.prefix(Int(snapshot.position))))
                if let ledger = log as? Ledger { #expect(try ledger.verify().isSound) }
            }
        }
        #expect(outcomes.allSatisfy { $0 == outcomes[0] }, "\(outcomes)")
        #expect(outcomes[0].filter { $0.hasPrefix("refused") }.count == 7, "\(outcomes[0])")
    }

    @Test(arguments: Backend.allCases)
    func snapshotsAreKeptWhereTheLogCrossesASnapshotPositionAndHoldTheFold(_ backend: Backend) throws {
        let (log, clock, _) = try log(backend, snapshotInterval: 5)
        #expect(try log.snapshot(atOrBefore: .max) == nil)
        clock.advance(minutes: 1)
        try log.append((1...3).map { pending(partner("p\($0)"), at: clock.now) }, expectVersion: nil)
        clock.advance(minutes: 1)
        try log.append((4...9).map { pending(partner("p\($0)"), at: clock.now) }, expectVersion: nil)
        let all = try log.entries(from: 1, to: .max).map(\.recorded)
        let first = try #require(try log.snapshot(atOrBefore: 11))
        #expect(first.position == 6, "the batch that crosses position 5 ends at 6")
        #expect(first == PlanState(folding: all.prefix(6)))
        let second = try #require(try log.snapshot(atOrBefore: .max))
        #expect(second.position == 12)
        #expect(second == PlanState(folding: all))
        #expect(try log.snapshot(atOrBefore: 5) == nil)
    }

    /// Writers working at once (for SQLite, each with its own connection, as separate
    /// processes have) queue: each batch lands whole, positions stay gapless and the
    /// hashes chain.
    @Test(arguments: Backend.allCases)
    func concurrentWritersQueueAndEachBatchLandsWhole(_ backend: Backend) async throws {
        let (log, clock, directory) = try log(backend)
        clock.advance(minutes: 1)
        let writers = 4
        let batches = 10
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                let own: any EventLog =
                    backend == .sqlite
                    ? try Ledger.open(at: directory.file("log.sqlite"), access: .readWrite, clock: clock.ledgerClock) : log
                group.addTask {
                    for batch in 0..<batches {
                        try own.append(
                            (0..<3).map { self.pending(self.partner("w\(writer)-b\(batch)-\($0)"), at: clock.now) }, expectVersion: nil)
                    }
                }
            }
            try await group.waitForAll()
        }
        let all = try log.entries(from: 1, to: .max)
        #expect(all.map(\.position) == Array(1...Int64(3 + writers * batches * 3)))
        for (previous, entry) in zip(all, all.dropFirst()) { #expect(entry.prevHash == previous.hash) }
        // Each batch's three events are next to each other.
        for start in stride(from: 3, to: all.count, by: 3) {
            let streams = all[start..<start + 3].map { $0.streamID.text.split(separator: "-").dropLast().joined(separator: "-") }
            #expect(Set(streams).count == 1, "\(streams)")
        }
    }

    /// The size of the tree a write sees, and the head it sees.
    func treeAndHeadInAWrite(_ log: some EventLog) throws -> (Int64, Int64) {
        try log.writing { writer in (try writer.tree().size, try writer.head().position) }
    }

    @Test(arguments: Backend.allCases)
    func theMerkleTreeCoversEveryEventInTheSameWriteAndItsRootsAndProofsCheck(_ backend: Backend) throws {
        let (log, clock, _) = try log(backend)
        for batch in 1...6 {
            clock.advance(minutes: 1)
            try log.append((1...batch).map { pending(partner("t\(batch)-\($0)"), at: clock.now) }, expectVersion: nil)
        }
        let all = try log.entries(from: 1, to: .max)
        let reference = MerkleLevels(leafData: all.map { MerkleHash.rawBytes(hex: $0.hash)! })
        let count = Int64(all.count)
        #expect(try log.readingTree { $0.size } == count)
        for n in 1...count {
            let root = try log.treeRoot(size: n)
            #expect(root == (try MerkleTree.root(size: n, in: reference)))
            for position in 1...n {
                let proof = try log.inclusionProof(position: position, size: n)
                let leaf = MerkleHash.leaf(chainHash: all[Int(position) - 1].hash)!
                #expect(MerkleTree.verifyInclusion(leaf: leaf, index: position - 1, size: n, proof: proof, root: root))
            }
            for old in 1...n {
                let proof = try log.consistencyProof(old: old, new: n)
                let oldRoot = try log.treeRoot(size: old)
                #expect(MerkleTree.verifyConsistency(old: old, new: n, proof: proof, oldRoot: oldRoot, newRoot: root))
            }
        }
        #expect(throws: LedgerError.self) { try log.treeRoot(size: count + 1) }
        #expect(throws: LedgerError.self) { try log.inclusionProof(position: count + 1, size: count) }
        #expect(throws: LedgerError.self) { try log.consistencyProof(old: count, new: count - 1) }

        // A write sees the tree over every event before it; one that is refused leaves the tree as it was.
        let (treeSize, headPosition) = try treeAndHeadInAWrite(log)
        #expect(treeSize == headPosition)
        clock.advance(minutes: 1)
        let before = try log.treeRoot(size: try log.head(asOf: nil).position)
        #expect(throws: StoreError.self) {
            try log.append([pending(partner("late"), at: clock.now)], expectVersion: (stream: .partner(Self.council), version: 9))
        }
        #expect(try log.readingTree { $0.size } == (try log.head(asOf: nil).position))
        #expect(try log.treeRoot(size: try log.head(asOf: nil).position) == before)
    }

}

/// Commands of every kind, refusals and a back-dated report among them, for
/// ``EventLogContractTests/aWriteThatReadsOnlyItsActionsDecidesAsOneThatReadsTheWholePlan()``.
enum ScopedSteps {
    struct Step {
        var command: (any EventLog) throws -> Command
        var actor: ActorID
        var effectiveMinutesAgo: Int64?
    }

    static func steps() throws -> [Step] {
        let police = try PartnerID("police"), fire = try PartnerID("fire")
        func first(_ log: any EventLog, _ type: String) throws -> String {
            let entries = try log.entries(from: 1, to: .max)
            return entries.first { $0.type == type }!.recorded.eventID
        }
        return [
            Step(
                command: { _ in .reportProgress(Fixture.action, status: .onTrack, note: "first", percent: 10) }, actor: Fixture.policeLead),
            Step(command: { _ in .reportProgress(Fixture.action, status: .onTrack, note: nil, percent: nil) }, actor: Fixture.fireLead),
            Step(
                command: { _ in .reportProgress(Fixture.unassigned, status: .onTrack, note: nil, percent: nil) }, actor: Fixture.policeLead),
            Step(
                command: { _ in .reportProgress(Fixture.action, status: .atRisk, note: "back-dated", percent: 5) },
                actor: Fixture.policeLead,
                effectiveMinutesAgo: 30),
            Step(
                command: { _ in .assignAction(Fixture.unassigned, lead: fire, support: [police], owner: Fixture.fireLead) },
                actor: Fixture.coordinator),
            Step(command: { _ in .reportProgress(Fixture.unassigned, status: .atRisk, note: nil, percent: 50) }, actor: Fixture.fireLead),
            Step(
                command: {
                    try .correctEvent(
                        first($0, "ActionProgressed"), reason: "wrong", status: .offTrack, note: "fixed", percent: 10, nextReview: nil)
                },
                actor: Fixture.policeLead),
            Step(command: { _ in .amendAction(Fixture.unassigned, title: "Renamed", due: nil) }, actor: Fixture.coordinator),
            Step(
                command: { _ in .reviewAction(Fixture.action, outcome: .complete, note: "done", nextReview: nil) },
                actor: Fixture.coordinator),
            Step(command: { _ in .reportProgress(Fixture.action, status: .onTrack, note: nil, percent: nil) }, actor: Fixture.policeLead),
            Step(
                command: { _ in .reviewPlan(try PlanID("P-1"), note: "mid-year", retire: [try PriorityID("PR-1")]) },
                actor: Fixture.coordinator),
            Step(
                command: { _ in .createAction(try ActionID("A-3"), priority: try PriorityID("PR-1"), title: "New", due: nil) },
                actor: Fixture.coordinator),
            Step(
                command: { _ in .addPriority(try PriorityID("PR-2"), plan: try PlanID("P-1"), title: "Two", scope: nil) },
                actor: Fixture.coordinator),
            Step(
                command: { _ in .createAction(try ActionID("A-3"), priority: try PriorityID("PR-2"), title: "New", due: nil) },
                actor: Fixture.coordinator),
            Step(
                command: { _ in .createAction(try ActionID("A-3"), priority: try PriorityID("PR-2"), title: "Again", due: nil) },
                actor: Fixture.coordinator),
            Step(command: { _ in .deactivateActor(Fixture.policeHelper, reason: nil) }, actor: Fixture.coordinator),
            Step(
                command: { _ in .reportProgress(Fixture.unassigned, status: .onTrack, note: nil, percent: nil) },
                actor: Fixture.policeHelper),
            Step(
                command: { _ in .registerActor(try ActorID("new"), name: "New", partner: police, role: .lead) }, actor: Fixture.coordinator),
        ]
    }

    /// Each step's outcome: the events' types and payloads, or the refusal's message.
    static func run(_ log: any EventLog, _ clock: TestClock) throws -> [String] {
        try steps().map { step in
            clock.advance(minutes: 60)
            let effective = step.effectiveMinutesAgo.map { clock.now.adding(milliseconds: -$0 * 60_000) }
            do {
                let entries = try log.execute(try step.command(log), by: step.actor, effective: effective)
                return entries.map { "\($0.type) \($0.payload)" }.joined(separator: "; ")
            } catch { return "refused: \(error)" }
        }
    }
}
