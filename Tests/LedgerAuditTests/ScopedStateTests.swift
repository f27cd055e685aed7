import LedgerAudit
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

/// `state --plan`, `--priority`, `--partner` and `--action`: what each scope holds, that
/// each path of reading gives it alike, and that an id never recorded is refused.
@Suite struct ScopedStateTests {
    /// The ids of each kind of record a state holds, sorted.
    static func ids(_ state: PlanState) -> [String: [String]] {
        [
            "plans": state.plans.keys.map(\.rawValue).sorted(), "priorities": state.priorities.keys.map(\.rawValue).sorted(),
            "actions": state.actions.keys.map(\.rawValue).sorted(), "partners": state.partners.keys.map(\.rawValue).sorted(),
            "actors": state.actors.keys.map(\.rawValue).sorted(),
        ]
    }

    @Test func eachScopeHoldsItsActionsAndWhatTheyReference() throws {
        let fixture = try Fixture()
        let queries = AuditQueries(fixture.ledger)
        let expected: [(PlanScope, [String: [String]])] = [
            (
                .plan(try PlanID("P-1")),
                [
                    "plans": ["P-1"], "priorities": ["PR-1"], "actions": ["A-1", "A-2"], "partners": ["council", "police"],
                    "actors": ["police.lead"],
                ]
            ),
            (
                .priority(try PriorityID("PR-1")),
                [
                    "plans": ["P-1"], "priorities": ["PR-1"], "actions": ["A-1", "A-2"], "partners": ["council", "police"],
                    "actors": ["police.lead"],
                ]
            ),
            (
                .action(Fixture.unassigned),
                ["plans": ["P-1"], "priorities": ["PR-1"], "actions": ["A-2"], "partners": [], "actors": []]
            ),
            (
                .partner(try PartnerID("police")),
                ["plans": [], "priorities": [], "actions": ["A-1"], "partners": ["police"], "actors": ["police.helper", "police.lead"]]
            ),
            (
                .partner(try PartnerID("fire")),
                ["plans": [], "priorities": [], "actions": [], "partners": ["fire"], "actors": ["fire.lead"]]
            ),
        ]
        for (scope, want) in expected {
            for fold in [false, true] {
                let (state, head) = try queries.state(asOf: nil, effective: nil, fold: fold, scope: scope)
                #expect(Self.ids(state) == want, "\(scope), fold \(fold)")
                #expect(head.position == (try fixture.ledger.digest()).position)
                #expect(state.partnership == (try fixture.ledger.state()).partnership)
            }
        }
    }

    @Test func aPartnerScopeFollowsTheAssignmentAtTheAsOfPoint() throws {
        let fixture = try Fixture()
        let fire = try PartnerID("fire")
        let before = fixture.clock.now
        fixture.clock.advance(minutes: 5)
        try fixture.ledger.execute(
            .assignAction(Fixture.unassigned, lead: fire, support: [], owner: Fixture.fireLead), by: Fixture.coordinator)
        let queries = AuditQueries(fixture.ledger)
        #expect(try queries.state(asOf: before, effective: nil, fold: false, scope: .partner(fire)).state.actions.isEmpty)
        let now = try queries.state(asOf: nil, effective: nil, fold: false, scope: .partner(fire)).state
        #expect(Array(now.actions.keys) == [Fixture.unassigned])
        #expect(try queries.state(asOf: before, effective: before, fold: false, scope: .partner(fire)).state.actions.isEmpty)
    }

    @Test func anIDNeverRecordedIsRefusedWithTheOneMeant() throws {
        let fixture = try Fixture()
        let queries = AuditQueries(fixture.ledger)
        let unknown: [(PlanScope, String)] = [
            (.plan(try PlanID("p-1")), "plan 'p-1' does not exist; did you mean 'P-1'?"),
            (.priority(try PriorityID("PR-9")), "priority 'PR-9' does not exist; did you mean 'PR-1'?"),
            (.partner(try PartnerID("polise")), "partner 'polise' does not exist; did you mean 'police'?"),
            (.action(try ActionID("Z-99")), "action 'Z-99' does not exist; check the id"),
        ]
        for (scope, message) in unknown {
            #expect(throws: LedgerError.self) { try queries.state(asOf: nil, effective: nil, fold: false, scope: scope) }
            do { _ = try queries.state(asOf: nil, effective: nil, fold: false, scope: scope) } catch let error as LedgerError {
                #expect(error.code == .unknown && error.message == message, "\(error)")
            }
        }
    }
}
