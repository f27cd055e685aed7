import LedgerCore
import Testing

@Suite struct FoldTests {
    @Test func aNewActionIsNotStartedAndGreyUntilItsFirstReport() throws {
        let book = try Book.standard()
        let action = book.action("A-1")
        #expect(action.status == .notStarted)
        #expect(action.rag == .grey)
        #expect(action.version == 2)
        #expect(action.lead?.rawValue == "police")
        #expect(action.supporting.map(\.rawValue) == ["council"])
    }

    @Test func ragFollowsTheStatusAlone() {
        let expected: [ActionStatus: RAG] = [
            .notStarted: .grey, .onTrack: .green, .atRisk: .amber, .offTrack: .red, .completed: .blue, .withdrawn: .grey,
        ]
        for status in ActionStatus.allCases { #expect(status.rag == expected[status]) }
    }

    @Test func progressAndReviewsMoveTheAction() throws {
        var book = try Book.standard()
        try book.execute(progress("A-1", .atRisk, percent: 30, note: "slow"), by: "police.lead")
        #expect(book.action("A-1").status == .atRisk)
        #expect(book.action("A-1").percent == 30)
        try book.execute(progress("A-1", .onTrack), by: "police.helper")
        #expect(book.action("A-1").percent == 30, "a report without a percent keeps the last one")
        try book.execute(review("A-1", .carryForward, next: "2023-09-30"), by: "coord")
        #expect(book.action("A-1").carryForward)
        #expect(book.action("A-1").status == .onTrack)
        #expect(book.action("A-1").nextReview?.iso8601 == "2023-09-30")
        try book.execute(review("A-1", .complete), by: "coord")
        #expect(book.action("A-1").status == .completed)
        #expect(book.action("A-1").closed)
        #expect(book.action("A-1").version == 6)
    }

    @Test func aBackDatedReportTakesItsPlaceInsteadOfOverriding() throws {
        var book = try Book.standard()
        try book.execute(progress("A-1", .onTrack), by: "police.lead")
        let earlier = book.now.adding(milliseconds: -30_000)
        try book.execute(progress("A-1", .offTrack, note: "late news"), by: "police.lead", effective: earlier)
        #expect(book.action("A-1").status == .onTrack, "the status that took effect last wins")
        #expect(book.action("A-1").version == 4)
    }

    @Test func foldingInLogOrderOrEffectiveOrderGivesTheSamePlan() throws {
        var book = try Book.standard()
        try book.execute(progress("A-1", .onTrack, percent: 10), by: "police.lead")
        try book.execute(progress("A-1", .atRisk, percent: 20), by: "police.lead")
        let start = book.now.adding(milliseconds: -90_000)
        try book.execute(progress("A-1", .offTrack, percent: 15), by: "police.lead", effective: start)
        try book.execute(.amendAction(ActionID(trusted: "A-1"), title: "Renamed", due: nil), by: "coord", effective: start)
        let byEffective = PlanState(folding: book.events.sorted { $0.foldKey < $1.foldKey })
        #expect(PlanState(folding: book.events) == byEffective)
        #expect(byEffective.actions[ActionID(trusted: "A-1")]?.status == .atRisk)
        #expect(byEffective.actions[ActionID(trusted: "A-1")]?.title == "Renamed")
    }

    @Test func eventsAboutUnknownThingsChangeNothingButThePosition() throws {
        var state = PlanState()
        let stray = RecordedEvent(
            position: 7, eventID: "x", streamVersion: 1, recordedAt: Instant(millisecondsSince1970: 0),
            effectiveAt: Instant(millisecondsSince1970: 0), actor: ActorID(trusted: "a"), partner: PartnerID(trusted: "p"),
            event: .actionProgressed(.init(action: ActionID(trusted: "nope"), status: .onTrack, note: nil, percent: nil)))
        state.apply(stray)
        #expect(state.actions.isEmpty)
        #expect(state.position == 7)
    }

    @Test func aPlanReviewRetiresPrioritiesButKeepsTheirActions() throws {
        var book = try Book.standard()
        try book.execute(.reviewPlan(PlanID(trusted: "P-1"), note: "Annual review", retire: [PriorityID(trusted: "PR-1")]), by: "coord")
        #expect(book.state.priorities[PriorityID(trusted: "PR-1")]?.retired == true)
        try book.execute(progress("A-1", .onTrack), by: "police.lead")
        #expect(throws: LedgerError.self) {
            try book.decide(
                .createAction(ActionID(trusted: "A-9"), priority: PriorityID(trusted: "PR-1"), title: "New", due: nil), by: "coord")
        }
    }
}
