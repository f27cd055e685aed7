import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

/// A ledger that does not keep the plan in memory (one `csp-ledger` command per
/// process) decides from the records the command reads; it must decide exactly as one
/// that holds the whole plan.
@Suite struct ScopedWriteTests {
    struct Step {
        var command: (Ledger) throws -> Command
        var actor: ActorID
        var effectiveMinutesAgo: Int64?
    }

    static func steps() throws -> [Step] {
        let police = try PartnerID("police"), fire = try PartnerID("fire")
        func first(_ ledger: Ledger, _ type: String) throws -> String {
            let entries = try ledger.entries(LogFilter(type: type))
            return entries[0].recorded.eventID
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
    func run(_ ledger: Ledger, _ clock: TestClock) throws -> [String] {
        try ScopedWriteTests.steps().map { step in
            clock.advance(minutes: 60)
            let effective = step.effectiveMinutesAgo.map { clock.now.adding(milliseconds: -$0 * 60_000) }
            do {
                let entries = try ledger.execute(try step.command(ledger), by: step.actor, effective: effective)
                return entries.map { "\($0.type) \($0.payload)" }.joined(separator: "; ")
            } catch { return "refused: \(error)" }
        }
    }

    @Test func decidingFromTheCommandsRecordsDecidesAsTheWholePlanDoes() throws {
        let whole = try Fixture()
        let scopedFixture = try Fixture()
        // A small interval, so that scoped writes also pass snapshot positions.
        let scoped = try Ledger.open(
            at: scopedFixture.path, access: .readWrite, clock: scopedFixture.clock.ledgerClock, snapshotInterval: 4,
            keepsPlanInMemory: false)
        let expected = try run(whole.ledger, whole.clock)
        #expect(try run(scoped, scopedFixture.clock) == expected)
        #expect(expected.filter { $0.hasPrefix("refused") }.count == 7, "\(expected)")
        #expect(try scoped.state() == whole.ledger.state())
        #expect(try scoped.state() == scoped.state(useSnapshots: false))
        #expect(try scoped.verify().isSound)
    }
}
