import LedgerCore
import LedgerTestSupport
import Testing

@Suite struct DeciderTests {
    func refusal(_ book: Book, _ command: Command, by actor: String, effective: Instant? = nil) -> LedgerError? {
        do {
            _ = try book.decide(command, by: actor, effective: effective)
            return nil
        } catch {
            #expect(!namesTheCommandLine(error.message), "\(error.message)")
            return error
        }
    }

    @Test func unknownIdsAreRefused() throws {
        let book = try Book.standard()
        let cases: [Command] = [
            .registerActor(ActorID(trusted: "x"), name: "X", partner: PartnerID(trusted: "nope"), role: .lead),
            .deactivateActor(ActorID(trusted: "nope"), reason: nil),
            .addPriority(PriorityID(trusted: "PR-9"), plan: PlanID(trusted: "nope"), title: "T", scope: nil),
            .createAction(ActionID(trusted: "A-9"), priority: PriorityID(trusted: "nope"), title: "T", due: nil),
            .assignAction(ActionID(trusted: "nope"), lead: PartnerID(trusted: "police"), support: [], owner: nil),
            .assignAction(ActionID(trusted: "A-2"), lead: PartnerID(trusted: "nope"), support: [], owner: nil),
            .assignAction(ActionID(trusted: "A-2"), lead: PartnerID(trusted: "police"), support: [], owner: ActorID(trusted: "nope")),
            progress("nope", .onTrack),
            review("nope", .continue),
            .reviewPlan(PlanID(trusted: "nope"), note: "n", retire: []),
            .adoptPlan(
                PlanID(trusted: "P-9"), title: "T", from: try LocalDate(iso8601: "2024-04-01"), to: try LocalDate(iso8601: "2025-03-31"),
                assessment: AssessmentID(trusted: "nope")),
        ]
        for command in cases {
            let error = refusal(book, command, by: "coord")
            #expect(error?.code == .unknown, "\(command.verb): \(String(describing: error))")
        }
    }

    @Test func existingIdsCannotBeCreatedAgain() throws {
        let book = try Book.standard()
        #expect(
            refusal(book, .registerPartner(PartnerID(trusted: "police"), name: "Again", responsibleAuthority: false), by: "coord")?.code
                == .duplicate)
        #expect(
            refusal(
                book, .createAction(ActionID(trusted: "A-1"), priority: PriorityID(trusted: "PR-1"), title: "Again", due: nil), by: "coord")?
                .code == .duplicate)
        #expect(
            refusal(
                book, .registerActor(ActorID(trusted: "coord"), name: "Again", partner: PartnerID(trusted: "council"), role: .lead),
                by: "coord")?.code == .duplicate)
    }

    @Test func progressNeedsAnAssignmentFirst() throws {
        let book = try Book.standard()
        let error = refusal(book, progress("A-2", .onTrack), by: "coord")
        #expect(error?.code == .invalidTransition)
        #expect(error?.message.contains("not assigned") == true)
    }

    @Test(arguments: [ReviewOutcome.withdraw, .complete])
    func aClosedActionTakesNothingMore(_ outcome: ReviewOutcome) throws {
        var book = try Book.standard()
        try book.execute(review("A-1", outcome), by: "coord")
        for command in [
            progress("A-1", .onTrack), review("A-1", .continue),
            .amendAction(ActionID(trusted: "A-1"), title: "New", due: nil),
            .assignAction(ActionID(trusted: "A-1"), lead: PartnerID(trusted: "fire"), support: [], owner: nil),
        ] {
            #expect(refusal(book, command, by: "coord")?.code == .invalidTransition, "\(command.verb) after \(outcome)")
        }
    }

    @Test func progressReportingCompletedDoesNotCloseTheAction() throws {
        var book = try Book.standard()
        try book.execute(progress("A-1", .completed, percent: 100), by: "police.lead")
        try book.execute(progress("A-1", .onTrack, percent: 90, note: "reopened work"), by: "police.lead")
        #expect(book.action("A-1").status == .onTrack)
    }

    @Test func onlyACoordinatorRecordsThePlan() throws {
        let book = try Book.standard()
        let commands: [Command] = [
            .createAction(ActionID(trusted: "A-9"), priority: PriorityID(trusted: "PR-1"), title: "T", due: nil),
            .assignAction(ActionID(trusted: "A-1"), lead: PartnerID(trusted: "police"), support: [], owner: nil),
            .amendAction(ActionID(trusted: "A-1"), title: "New title", due: nil),
            review("A-1", .continue),
            .registerPartner(PartnerID(trusted: "nhs"), name: "NHS", responsibleAuthority: true),
            .addPriority(PriorityID(trusted: "PR-2"), plan: PlanID(trusted: "P-1"), title: "T", scope: nil),
        ]
        for command in commands {
            for actor in ["police.lead", "police.helper", "fire.lead"] {
                #expect(refusal(book, command, by: actor)?.code == .forbidden, "\(actor) \(command.verb)")
            }
            #expect(refusal(book, command, by: "coord") == nil, "coord \(command.verb)")
        }
    }

    @Test func leadsAndContributorsReportOnlyOnTheirPartnersActions() throws {
        let book = try Book.standard()
        #expect(refusal(book, progress("A-1", .onTrack), by: "police.lead") == nil)
        #expect(refusal(book, progress("A-1", .onTrack), by: "police.helper") == nil)
        #expect(refusal(book, progress("A-1", .onTrack), by: "coord") == nil)
        let error = refusal(book, progress("A-1", .onTrack), by: "fire.lead")
        #expect(error?.code == .forbidden)
        #expect(error?.message.contains("neither the lead nor a supporting partner") == true)
    }

    @Test func auditorsUnknownAndDeactivatedActorsNeverWrite() throws {
        var book = try Book.standard()
        #expect(refusal(book, progress("A-1", .onTrack), by: "auditor")?.code == .forbidden)
        #expect(refusal(book, progress("A-1", .onTrack), by: "stranger")?.code == .forbidden)
        try book.execute(.deactivateActor(ActorID(trusted: "police.lead"), reason: "left"), by: "coord")
        #expect(refusal(book, progress("A-1", .onTrack), by: "police.lead")?.code == .forbidden)
    }

    @Test func theLastActiveCoordinatorStaysAndNobodyIsDeactivatedTwice() throws {
        var book = try Book.standard()
        #expect(refusal(book, .deactivateActor(ActorID(trusted: "coord"), reason: nil), by: "coord")?.code == .invalidTransition)
        try book.execute(.deactivateActor(ActorID(trusted: "fire.lead"), reason: nil), by: "coord")
        #expect(refusal(book, .deactivateActor(ActorID(trusted: "fire.lead"), reason: nil), by: "coord")?.code == .invalidTransition)
    }

    @Test func anEffectiveTimeMayNotBeLaterThanTheRecordingTime() throws {
        let book = try Book.standard()
        let future = book.now.adding(milliseconds: 3_600_000)
        #expect(refusal(book, progress("A-1", .onTrack), by: "coord", effective: future)?.code == .invalidInput)
    }

    @Test func onlyActionChangesMayBeBackDated() throws {
        let book = try Book.standard()
        let earlier = book.now.adding(milliseconds: -60_000)
        let error = refusal(
            book, .registerPartner(PartnerID(trusted: "nhs"), name: "NHS", responsibleAuthority: true), by: "coord", effective: earlier)
        #expect(error?.code == .invalidInput)
        #expect(refusal(book, progress("A-1", .onTrack), by: "coord", effective: earlier) == nil)
    }

    @Test func aBackDatedChangeIsCheckedAgainstThePlanAtItsEffectiveTime() throws {
        var book = try Book.standard()
        let beforeCreation = try Instant(iso8601: "2023-04-01T08:00:00Z")
        #expect(refusal(book, progress("A-1", .onTrack), by: "coord", effective: beforeCreation)?.code == .invalidTransition)
        // A withdrawal back-dated before a later progress report would invalidate it.
        let first = book.now
        try book.execute(progress("A-1", .onTrack), by: "police.lead")
        let error = refusal(book, review("A-1", .withdraw), by: "coord", effective: first)
        #expect(error?.code == .invalidTransition)
        #expect(error?.message.contains("would invalidate the ActionProgressed") == true)
        // A back-dated reassignment that would take a later reporter's partner off the action.
        let reassign = Command.assignAction(ActionID(trusted: "A-1"), lead: PartnerID(trusted: "fire"), support: [], owner: nil)
        #expect(refusal(book, reassign, by: "coord", effective: first)?.code == .invalidTransition)
        #expect(refusal(book, reassign, by: "coord") == nil, "the same reassignment now is fine")
    }

    @Test func inputRangesAreChecked() throws {
        let book = try Book.standard()
        #expect(refusal(book, progress("A-1", .onTrack, percent: 101), by: "coord")?.code == .invalidInput)
        #expect(refusal(book, progress("A-1", .onTrack, percent: -1), by: "coord")?.code == .invalidInput)
        #expect(refusal(book, progress("A-1", .withdrawn), by: "coord")?.code == .invalidInput)
        #expect(
            refusal(book, review("A-1", .continue, next: "2023-04-03"), by: "coord")?.code == .invalidInput, "next review on the same day")
        #expect(refusal(book, review("A-1", .continue, next: "2023-04-04"), by: "coord") == nil)
        #expect(
            refusal(book, review("A-1", .withdraw, next: "2023-06-30"), by: "coord")?.code == .invalidInput,
            "a closing review has no next review")
        #expect(refusal(book, .reviewPlan(PlanID(trusted: "P-1"), note: "", retire: []), by: "coord")?.code == .invalidInput)
        #expect(refusal(book, .amendAction(ActionID(trusted: "A-1"), title: nil, due: nil), by: "coord")?.code == .invalidInput)
        #expect(
            refusal(book, .amendAction(ActionID(trusted: "A-1"), title: "Do it", due: nil), by: "coord")?.code == .invalidInput,
            "same title")
        #expect(
            refusal(
                book,
                .adoptPlan(
                    PlanID(trusted: "P-2"), title: "T", from: try LocalDate(iso8601: "2024-04-02"),
                    to: try LocalDate(iso8601: "2024-04-01"), assessment: nil), by: "coord")?.code == .invalidInput)
        #expect(
            refusal(
                book,
                .adoptPlan(
                    PlanID(trusted: "P-2"), title: "One day", from: try LocalDate(iso8601: "2024-04-01"),
                    to: try LocalDate(iso8601: "2024-04-01"), assessment: nil), by: "coord") == nil)
        #expect(
            refusal(
                book, .createAction(ActionID(trusted: "A-9"), priority: PriorityID(trusted: "PR-1"), title: "bad\u{202E}", due: nil),
                by: "coord")?.code == .invalidInput)
    }

    @Test func assignmentsAreWholeAndConsistent() throws {
        let book = try Book.standard()
        func assign(_ lead: String, _ support: [String], _ owner: String?) -> Command {
            .assignAction(
                ActionID(trusted: "A-2"), lead: PartnerID(trusted: lead), support: support.map { PartnerID(trusted: $0) },
                owner: owner.map { ActorID(trusted: $0) })
        }
        #expect(refusal(book, assign("police", ["police"], nil), by: "coord")?.code == .invalidInput)
        #expect(refusal(book, assign("police", ["fire", "fire"], nil), by: "coord")?.code == .invalidInput)
        #expect(refusal(book, assign("police", [], "fire.lead"), by: "coord")?.code == .invalidTransition, "owner outside the partners")
        #expect(refusal(book, assign("council", [], "auditor"), by: "coord")?.code == .invalidTransition, "auditor as owner")
        #expect(refusal(book, assign("police", ["fire"], "fire.lead"), by: "coord") == nil)
    }

    @Test func initRunsOnceAndChecksItsInput() throws {
        let book = try Book.standard()
        #expect(throws: LedgerError.self) {
            try Decider.establish(
                in: book.state, partnership: "Again", timeZone: "Europe/London", testClock: true, partner: PartnerID("x"),
                partnerName: "X", responsibleAuthority: false, coordinator: ActorID("y"), coordinatorName: "Y")
        }
        #expect(throws: LedgerError.self) {
            try Decider.establish(
                in: PlanState(), partnership: "CSP", timeZone: "Nowhere/Land", testClock: false, partner: PartnerID("x"),
                partnerName: "X", responsibleAuthority: false, coordinator: ActorID("y"), coordinatorName: "Y")
        }
    }

    /// Rules version 2: a due date within its plan's period or up to ten years after.
    @Test func dueDatesFallWithinTheirPlanOnCreateAndAmend() throws {
        let book = try Book.standard()
        let create = { (due: String) throws -> Command in
            .createAction(ActionID(trusted: "A-9"), priority: PriorityID(trusted: "PR-1"), title: "T", due: try LocalDate(iso8601: due))
        }
        let amend = { (due: String) throws -> Command in
            .amendAction(ActionID(trusted: "A-1"), title: nil, due: try LocalDate(iso8601: due))
        }
        for due in ["2023-03-31", "2034-04-01", "2203-03-31"] {
            #expect(
                refusal(book, try create(due), by: "coord")?.message.contains("outside plan 'P-1' (2023-04-01 to 2024-03-31)") == true,
                "\(due)")
            #expect(
                refusal(book, try amend(due), by: "coord")?.message.contains("give a date from 2023-04-01 to 2034-03-31") == true, "\(due)")
        }
        for due in ["2023-04-01", "2024-03-31", "2034-03-31"] {
            #expect(refusal(book, try create(due), by: "coord") == nil, "\(due)")
            #expect(refusal(book, try amend(due), by: "coord") == nil, "\(due)")
        }
    }

    @Test func aPlanImportChecksDueDatesToo() throws {
        let book = try Book.standard()
        let definition = PlanDefinition(
            plan: .init(
                id: PlanID(trusted: "P-2"), title: "Next", from: try LocalDate(iso8601: "2024-04-01"),
                to: try LocalDate(iso8601: "2025-03-31"),
                priorities: [
                    .init(
                        id: PriorityID(trusted: "PR-2"), title: "P",
                        actions: [.init(id: ActionID(trusted: "A-20"), title: "T", due: try LocalDate(iso8601: "2024-01-01"))])
                ]))
        #expect(refusal(book, .importPlan(definition), by: "coord")?.message.contains("outside plan 'P-2'") == true)
    }
}
