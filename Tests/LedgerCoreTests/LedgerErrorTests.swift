import LedgerCore
import LedgerTestSupport
import Testing

/// The domain's error: codes and hints with stable names, and messages in the domain's
/// words. Each refusal whose remedy is a command or a flag carries a hint for it and
/// names neither, so that the command line and the server can each phrase the remedy.
@Suite struct LedgerErrorTests {
    @Test func theCodesHaveStableNames() {
        #expect(
            LedgerError.Code.allCases.map(\.description) == [
                "invalid-input", "unknown", "duplicate", "forbidden", "invalid-transition", "clock-behind",
            ])
        #expect(LedgerError.Code.allCases == [.invalidInput, .unknown, .duplicate, .forbidden, .invalidTransition, .clockBehind])
    }

    @Test func theHintsHaveStableNames() {
        #expect(
            LedgerError.Hint.allCases.map(\.description) == [
                "initialise", "initialise-once", "back-dating", "plan-period", "record-assessment", "already-retired", "adopt-plan",
                "register-partner", "add-priority", "find-event", "list-actors", "list-partners", "list-actions",
                "lead-not-supporting", "withdraw-by-review", "closing-review", "effective-after-creation", "assign-first",
                "expected-version", "digest-form",
            ])
    }

    @Test func theProductsNameIsNotACommand() {
        #expect(!namesTheCommandLine("notes.sqlite is not a csp-ledger ledger"))
        #expect(namesTheCommandLine("check the id (csp-ledger state lists actions)"))
        #expect(namesTheCommandLine("leave out --next-review"))
        #expect(namesTheCommandLine("unset CSP_LEDGER_NOW"))
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let command: Command
        var by = "coord"
        var effective: String? = nil
        let code: LedgerError.Code
        var hint: LedgerError.Hint? = nil
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        let action = ActionID(trusted: "A-1"), unassigned = ActionID(trusted: "A-2")
        let plan = PlanID(trusted: "P-1"), priority = PriorityID(trusted: "PR-1")
        let police = PartnerID(trusted: "police"), fire = PartnerID(trusted: "fire"), nowhere = PartnerID(trusted: "nowhere")
        let day = { (text: String) in try! LocalDate(iso8601: text) }
        return [
            Case(
                name: "back-dated creation", command: .createAction(ActionID(trusted: "A-3"), priority: priority, title: "T", due: nil),
                effective: "2023-04-03T08:00:00Z", code: .invalidInput, hint: .backDating),
            Case(
                name: "plan period",
                command: .adoptPlan(PlanID(trusted: "P-2"), title: "T", from: day("2024-04-02"), to: day("2024-04-01"), assessment: nil),
                code: .invalidInput, hint: .planPeriod),
            Case(
                name: "unknown assessment",
                command: .adoptPlan(
                    PlanID(trusted: "P-2"), title: "T", from: day("2024-04-01"), to: day("2025-03-31"),
                    assessment: AssessmentID(trusted: "nope")), code: .unknown, hint: .recordAssessment),
            Case(name: "retired twice", command: .reviewPlan(plan, note: "N", retire: [priority, priority]), code: .invalidInput),
            Case(name: "review without a note", command: .reviewPlan(plan, note: "", retire: []), code: .invalidInput),
            Case(
                name: "unknown plan",
                command: .addPriority(PriorityID(trusted: "PR-2"), plan: PlanID(trusted: "nope"), title: "T", scope: nil),
                code: .unknown, hint: .adoptPlan),
            Case(
                name: "unknown partner", command: .registerActor(ActorID(trusted: "x"), name: "X", partner: nowhere, role: .lead),
                code: .unknown, hint: .registerPartner),
            Case(
                name: "unknown priority",
                command: .createAction(ActionID(trusted: "A-3"), priority: PriorityID(trusted: "nope"), title: "T", due: nil),
                code: .unknown, hint: .addPriority),
            Case(
                name: "unknown event",
                command: .correctEvent("nope", reason: "r", status: nil, note: nil, percent: 5, nextReview: nil), code: .unknown,
                hint: .findEvent),
            Case(name: "unknown writer", command: progress("A-1", .onTrack), by: "stranger", code: .forbidden, hint: .listActors),
            Case(name: "unknown action", command: progress("A-9", .onTrack), code: .unknown, hint: .listActions),
            Case(
                name: "lead also supporting", command: .assignAction(unassigned, lead: police, support: [police], owner: nil),
                code: .invalidInput, hint: .leadNotSupporting),
            Case(
                name: "supporting twice", command: .assignAction(unassigned, lead: police, support: [fire, fire], owner: nil),
                code: .invalidInput),
            Case(name: "progress withdrawn", command: progress("A-1", .withdrawn), code: .invalidInput, hint: .withdrawByReview),
            Case(
                name: "closing review with a next review", command: review("A-1", .complete, next: "2023-09-30"), code: .invalidInput,
                hint: .closingReview),
            Case(name: "amendment of nothing", command: .amendAction(action, title: nil, due: nil), code: .invalidInput),
            Case(
                name: "back-dated before creation", command: progress("A-1", .onTrack), effective: "2023-01-01T00:00:00Z",
                code: .invalidTransition, hint: .effectiveAfterCreation),
            Case(name: "progress before assignment", command: progress("A-2", .onTrack), code: .invalidTransition, hint: .assignFirst),
        ]
    }()

    @Test(arguments: cases)
    func aRefusalNamesItsRemedyByHintNotByFlag(_ refusal: Case) throws {
        let book = try Book.standard()
        let effective = try refusal.effective.map { try Instant(iso8601: $0) }
        let error = #expect(throws: LedgerError.self) { try book.decide(refusal.command, by: refusal.by, effective: effective) }
        #expect(error?.code == refusal.code, "\(String(describing: error))")
        #expect(error?.hint == refusal.hint, "\(String(describing: error))")
        #expect(error.map { !namesTheCommandLine($0.message) } == true, "\(String(describing: error))")
    }

    @Test func refusalsOfSetUpNameTheirRemedyByHint() throws {
        let empty = #expect(throws: LedgerError.self) {
            try Book().decide(.registerPartner(PartnerID(trusted: "x"), name: "X", responsibleAuthority: false), by: "coord")
        }
        #expect(empty?.code == .unknown && empty?.hint == .initialise)
        let book = try Book.standard()
        let again = #expect(throws: LedgerError.self) {
            try Decider.establish(
                in: book.state, partnership: "Again", timeZone: "Europe/London", testClock: true, partner: PartnerID("p"),
                partnerName: "P", responsibleAuthority: false, coordinator: ActorID("c"), coordinatorName: "C")
        }
        #expect(again?.code == .duplicate && again?.hint == .initialiseOnce)
        for error in [empty, again] { #expect(error.map { !namesTheCommandLine($0.message) } == true, "\(String(describing: error))") }
    }

    @Test func aRetiredPriorityNamesItsRemedyByHint() throws {
        var book = try Book.standard()
        let plan = PlanID(trusted: "P-1"), priority = PriorityID(trusted: "PR-1")
        try book.execute(.reviewPlan(plan, note: "Retire it", retire: [priority]), by: "coord")
        let error = #expect(throws: LedgerError.self) { try book.decide(.reviewPlan(plan, note: "Again", retire: [priority]), by: "coord") }
        #expect(error?.code == .invalidTransition && error?.hint == .alreadyRetired)
        #expect(error.map { !namesTheCommandLine($0.message) } == true, "\(String(describing: error))")
    }

    @Test func correctionRefusalsSayWhatCanBeCorrectedWithoutFlags() throws {
        var book = try Book.standard()
        try book.execute(progress("A-1", .onTrack, percent: 10), by: "coord")
        try book.execute(review("A-1", .continue, next: "2023-12-31"), by: "coord")
        let report = book.events[book.events.count - 2].eventID, reviewed = book.events.last!.eventID
        let refusals: [Command] = [
            .correctEvent(report, reason: "", status: nil, note: nil, percent: 20, nextReview: nil),
            .correctEvent(report, reason: "r", status: nil, note: nil, percent: nil, nextReview: try LocalDate(iso8601: "2024-01-31")),
            .correctEvent(reviewed, reason: "r", status: .atRisk, note: nil, percent: nil, nextReview: nil),
            .correctEvent(report, reason: "r", status: .onTrack, note: nil, percent: 10, nextReview: nil),
            .correctEvent(book.events[0].eventID, reason: "r", status: nil, note: "n", percent: nil, nextReview: nil),
        ]
        for command in refusals {
            let error = #expect(throws: LedgerError.self) { try book.decide(command, by: "coord") }
            #expect(error?.code == .invalidInput, "\(String(describing: error))")
            #expect(error.map { !namesTheCommandLine($0.message) } == true, "\(String(describing: error))")
        }
    }

    @Test func aClockFarBehindIsRefusedWithoutNamingTheFlagThatAcceptsIt() throws {
        let last = try Instant(iso8601: "2023-04-03T12:00:00Z")
        let error = #expect(throws: LedgerError.self) { try RecordingTime.stamp(clock: last.adding(milliseconds: -600_001), last: last) }
        #expect(error?.code == .clockBehind && error?.hint == nil)
        #expect(error?.message.hasSuffix("correct the clock, or have a coordinator accept it") == true, "\(String(describing: error))")
    }
}
