import LedgerCore

/// An in-memory log for Core tests: decides commands against the fold and records
/// the events, one minute apart.
struct Book {
    var events: [RecordedEvent] = []
    var state = PlanState()
    var now = try! Instant(iso8601: "2023-04-03T09:00:00Z")
    let calendar = try! PartnershipCalendar(timeZoneIdentifier: "Europe/London")

    /// The same cast as LedgerTestSupport's Fixture, without SQLite.
    static func standard() throws -> Book {
        var book = Book()
        let events = try Decider.establish(
            in: book.state, partnership: "Test CSP", timeZone: "Europe/London", testClock: true, partner: PartnerID("council"),
            partnerName: "Test Council", responsibleAuthority: true, coordinator: ActorID("coord"), coordinatorName: "Casey")
        for event in events { book.record(event, by: "coord") }
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

    mutating func record(_ event: Event, by actor: String, effective: Instant? = nil) {
        let actorID = ActorID(trusted: actor)
        let recorded = RecordedEvent(
            position: Int64(events.count + 1), eventID: "e\(events.count + 1)", streamVersion: 1, recordedAt: now,
            effectiveAt: effective ?? now, actor: actorID, partner: state.actors[actorID]?.partner ?? PartnerID(trusted: "council"),
            event: event)
        events.append(recorded)
        state.apply(recorded)
    }

    func decide(_ command: Command, by actor: String, effective: Instant? = nil) throws(LedgerError) -> [Event] {
        let at = now.adding(milliseconds: 60_000)
        let effectiveAt = effective ?? at
        let atEffective = effective == nil ? state : PlanState(folding: events.filter { $0.effectiveAt <= effectiveAt })
        let decision = Decision(
            now: state, atEffective: atEffective, actor: ActorID(trusted: actor), recordedAt: at, effectiveAt: effectiveAt,
            calendar: calendar, referenced: referenced(command))
        let decided = try Decider.decide(command, in: decision)
        if effective != nil, let action = decided.first?.action {
            let later = events.filter { $0.event.action == action && $0.effectiveAt > effectiveAt }.sorted { $0.foldKey < $1.foldKey }
            try Decider.checkBackDated(decided, in: decision, later: later)
        }
        return decided
    }

    func referenced(_ command: Command) -> RecordedEvent? {
        command.referencedEventID.flatMap { id in events.first { $0.eventID == id } }
    }

    @discardableResult
    mutating func execute(_ command: Command, by actor: String, effective: Instant? = nil) throws(LedgerError) -> [Event] {
        let decided = try decide(command, by: actor, effective: effective)
        now = now.adding(milliseconds: 60_000)
        for event in decided { record(event, by: actor, effective: effective) }
        return decided
    }

    func action(_ id: String) -> ActionRecord { state.actions[ActionID(trusted: id)]! }
}

func progress(_ id: String, _ status: ActionStatus, percent: Int? = nil, note: String? = nil) -> Command {
    .reportProgress(ActionID(trusted: id), status: status, note: note, percent: percent)
}

func review(_ id: String, _ outcome: ReviewOutcome, next: String? = nil) -> Command {
    .reviewAction(ActionID(trusted: id), outcome: outcome, note: nil, nextReview: next.map { try! LocalDate(iso8601: $0) })
}
