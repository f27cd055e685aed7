import LedgerCore
import LedgerTestSupport
import Testing

@Suite struct CorrectionTests {
    func correct(
        _ book: Book, _ target: RecordedEvent, status: ActionStatus? = nil, note: String? = nil, percent: Int? = nil,
        next: String? = nil, reason: String = "typo"
    ) -> Command {
        .correctEvent(
            target.eventID, reason: reason, status: status, note: note, percent: percent,
            nextReview: next.map { try! LocalDate(iso8601: $0) })
    }

    @Test func aCorrectionReplacesTheReportFromItsRecordingOn() throws {
        var book = try Book.standard()
        try book.execute(progress("A-1", .atRisk, percent: 40, note: "behind"), by: "police.lead")
        let report = book.events.last!
        let before = book.state
        try book.execute(correct(book, report, status: .onTrack, percent: 45), by: "coord")
        let action = book.action("A-1")
        #expect(action.status == .onTrack)
        #expect(action.percent == 45)
        #expect(action.lastProgressNote == "behind", "fields not given keep the report's values")
        #expect(action.lastProgressAt == report.effectiveAt)
        #expect(action.version == before.actions[ActionID(trusted: "A-1")]!.version + 1)
        // Folding only what was recorded before the correction still gives the original.
        #expect(PlanState(folding: book.events.dropLast()) == before)
    }

    @Test func aCorrectionOfASupersededReportLeavesTheCurrentStatus() throws {
        var book = try Book.standard()
        try book.execute(progress("A-1", .atRisk, percent: 40), by: "police.lead")
        let old = book.events.last!
        try book.execute(progress("A-1", .offTrack, percent: 50), by: "police.lead")
        try book.execute(correct(book, old, status: .onTrack), by: "coord")
        #expect(book.action("A-1").status == .offTrack)
        #expect(book.action("A-1").percent == 50)
    }

    @Test func correctionsOfCorrectionsBuildOnEachOther() throws {
        var book = try Book.standard()
        try book.execute(progress("A-1", .atRisk, percent: 40, note: "first"), by: "police.lead")
        let report = book.events.last!
        try book.execute(correct(book, report, percent: 30), by: "coord")
        let first = book.events.last!
        try book.execute(correct(book, first, note: "second thoughts"), by: "coord")
        let second = book.events.last!
        guard case .actionCorrected(let payload) = second.event else { Issue.record("not a correction"); return }
        #expect(payload.corrects == first.eventID)
        #expect(payload.original == report.eventID)
        #expect(payload.percent == 30)
        #expect(book.action("A-1").percent == 30)
        #expect(book.action("A-1").lastProgressNote == "second thoughts")
        #expect(PlanState(folding: book.events.sorted { $0.foldKey < $1.foldKey }) == book.state)
    }

    @Test func aReviewsNoteAndNextReviewCanBeCorrectedEvenOnAClosedAction() throws {
        var book = try Book.standard()
        try book.execute(review("A-1", .continue, next: "2023-06-30"), by: "coord")
        let first = book.events.last!
        try book.execute(correct(book, first, next: "2023-09-30"), by: "coord")
        #expect(book.action("A-1").nextReview?.iso8601 == "2023-09-30")
        try book.execute(review("A-1", .complete), by: "coord")
        let closing = book.events.last!
        try book.execute(correct(book, closing, note: "Completed early"), by: "coord")
        #expect(book.action("A-1").lastReviewNote == "Completed early")
        #expect(book.action("A-1").closed)
        #expect(book.action("A-1").status == .completed)
    }

    @Test func correctionsAreRefusedWhenTheyCannotApply() throws {
        var book = try Book.standard()
        try book.execute(progress("A-1", .atRisk, percent: 40), by: "police.lead")
        let report = book.events.last!
        let creation = book.events.first { $0.event.typeName == "ActionCreated" }!
        func refusal(_ command: Command, by actor: String = "coord") -> LedgerError? {
            do { _ = try book.decide(command, by: actor); return nil } catch {
                #expect(!namesTheCommandLine(error.message), "\(error.message)")
                return error
            }
        }
        #expect(refusal(correct(book, report, percent: 10), by: "police.lead")?.code == .forbidden)
        #expect(
            refusal(.correctEvent("no-such-event", reason: "x", status: .onTrack, note: nil, percent: nil, nextReview: nil))?.code
                == .unknown)
        #expect(refusal(correct(book, creation, note: "x"))?.code == .invalidInput)
        #expect(refusal(correct(book, report, status: .atRisk))?.code == .invalidInput, "changes nothing")
        #expect(refusal(correct(book, report, status: .withdrawn))?.code == .invalidInput)
        #expect(refusal(correct(book, report, next: "2024-01-01"))?.code == .invalidInput)
        #expect(refusal(correct(book, report, percent: 10, reason: ""))?.code == .invalidInput)
        #expect(refusal(correct(book, report, percent: 101))?.code == .invalidInput)
        let tooEarly = report.effectiveAt.adding(milliseconds: -1)
        #expect(throws: LedgerError.self) { try book.decide(correct(book, report, percent: 10), by: "coord", effective: tooEarly) }
    }
}
