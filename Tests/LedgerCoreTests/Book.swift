import LedgerCore
import LedgerStore
import LedgerTestSupport

/// A plan for Core tests, written through the in-memory log with the ledger's own
/// write loop: commands are decided against the fold and recorded one minute apart.
struct Book {
    let clock: TestClock
    let log: InMemoryEventLog

    init() {
        clock = TestClock("2023-04-03T09:00:00Z")
        log = InMemoryEventLog(clock: clock.ledgerClock, ids: .numbered("e"))
    }

    /// A book holding what `book` holds, on the same clock.
    private init(copying book: Book) {
        clock = book.clock
        log = InMemoryEventLog(copying: book.log)
    }

    /// The same cast as LedgerTestSupport's Fixture, without SQLite.
    static func standard() throws -> Book {
        var book = Book()
        let events = try Decider.establish(
            in: book.state, partnership: "Test CSP", timeZone: "Europe/London", testClock: true, partner: PartnerID("council"),
            partnerName: "Test Council", responsibleAuthority: true, coordinator: ActorID("coord"), coordinatorName: "Casey")
        let (coordinator, council) = (ActorID(trusted: "coord"), PartnerID(trusted: "council"))
        try book.log.append(
            events.map {
                PendingEvent(eventID: book.log.ids.next(), event: $0, actor: coordinator, partner: council, effectiveAt: book.now)
            })
        for command: Command in [
            .registerPartner(try PartnerID("police"), name: "Police", responsibleAuthority: true),
            .registerPartner(try PartnerID("fire"), name: "Fire", responsibleAuthority: true),
            .registerActor(try ActorID("police.lead"), name: "Pat", partner: try PartnerID("police"), role: .lead),
            .registerActor(try ActorID("police.helper"), name: "Hal", partner: try PartnerID("police"), role: .contributor),
            .registerActor(try ActorID("fire.lead"), name: "Fran", partner: try PartnerID("fire"), role: .lead),
            .registerActor(try ActorID("auditor"), name: "Ann", partner: try PartnerID("council"), role: .auditor),
            .adoptPlan(
                try PlanID("P-1"), title: "Plan", from: try LocalDate(iso8601: "2023-04-01"), to: try LocalDate(iso8601: "2024-03-31"),
                assessment: nil),
            .addPriority(try PriorityID("PR-1"), plan: try PlanID("P-1"), title: "Priority", scope: nil),
            .createAction(try ActionID("A-1"), priority: try PriorityID("PR-1"), title: "Do it", due: nil),
            .assignAction(
                try ActionID("A-1"), lead: try PartnerID("police"), support: [try PartnerID("council")], owner: try ActorID("police.lead")),
            .createAction(try ActionID("A-2"), priority: try PriorityID("PR-1"), title: "Unassigned", due: nil),
        ] {
            try book.execute(command, by: "coord")
        }
        return book
    }

    /// The time of the last write.
    var now: Instant { clock.now }
    var events: [RecordedEvent] { try! log.entries(from: 1, to: .max).map(\.recorded) }
    var state: PlanState { PlanState(folding: events) }

    /// The events `command` would record now, without recording them.
    func decide(_ command: Command, by actor: String, effective: Instant? = nil) throws(LedgerError) -> [Event] {
        var copy = Book(copying: self)
        let events = try copy.execute(command, by: actor, effective: effective)
        clock.advance(minutes: -1)
        return events
    }

    func referenced(_ command: Command) -> RecordedEvent? {
        command.referencedEventID.flatMap { id in events.first { $0.eventID == id } }
    }

    /// Records `command` a minute after the last write.
    @discardableResult
    mutating func execute(_ command: Command, by actor: String, effective: Instant? = nil) throws(LedgerError) -> [Event] {
        clock.advance(minutes: 1)
        do {
            return try log.execute(command, by: ActorID(trusted: actor), effective: effective).map(\.recorded.event)
        } catch let error as LedgerError {
            clock.advance(minutes: -1)
            throw error
        } catch {
            // The log in memory refuses only what the decider refuses.
            fatalError("the in-memory log failed: \(error)")
        }
    }

    func action(_ id: String) -> ActionRecord { state.actions[ActionID(trusted: id)]! }
}

func progress(_ id: String, _ status: ActionStatus, percent: Int? = nil, note: String? = nil) -> Command {
    .reportProgress(ActionID(trusted: id), status: status, note: note, percent: percent)
}

func review(_ id: String, _ outcome: ReviewOutcome, next: String? = nil) -> Command {
    .reviewAction(ActionID(trusted: id), outcome: outcome, note: nil, nextReview: next.map { try! LocalDate(iso8601: $0) })
}
