/// The life of an action: create, assign, progress, review, amend.
/// ``Decider/decide(_:in:)`` has checked that the writer may make the command.
extension Decider {
    static func createAction(_ id: ActionID, priority: PriorityID, title: String, due: LocalDate?, in context: Decision)
        throws(LedgerError) -> [Event]
    {
        let now = context.now
        guard now.actions[id] == nil else { throw .duplicate("action '\(id)' already exists; choose another id") }
        guard let record = now.priorities[priority] else {
            throw .unknown("priority '\(priority)' does not exist", hint: .addPriority, missing: .priority(priority))
        }
        guard !record.retired else { throw .transition("priority '\(priority)' is retired and takes no new actions") }
        try now.checkDue(due, under: priority, in: context)
        return [.actionCreated(.init(action: id, priority: priority, title: try context.text(title, "title", as: .name), due: due))]
    }

    static func assignAction(
        _ id: ActionID, lead: PartnerID, support: [PartnerID], owner: ActorID?, by writer: ActorRecord, in context: Decision
    ) throws(LedgerError) -> [Event] {
        try context.now.requireAction(id)
        guard Set(support).count == support.count else {
            throw .invalid("a partner is listed twice among the supporting partners; list each once")
        }
        guard !support.contains(lead) else {
            throw .invalid("partner '\(lead)' is the lead and cannot also be supporting", hint: .leadNotSupporting)
        }
        return try checked(.actionAssigned(.init(action: id, lead: lead, supporting: support.sorted(), owner: owner)), writer, context)
    }

    static func reportProgress(
        _ id: ActionID, status: ActionStatus, note: String?, percent: Int?, evidence: [String], by writer: ActorRecord,
        in context: Decision
    ) throws(LedgerError) -> [Event] {
        try context.now.requireAction(id)
        guard status != .withdrawn else {
            throw .invalid("progress cannot report 'withdrawn'", hint: .withdrawByReview)
        }
        if let percent, !(0...100).contains(percent) {
            throw .invalid("percent \(percent) is out of range; give a whole number from 0 to 100")
        }
        for item in evidence { try context.text(item, "evidence", as: .name) }
        guard evidence.count <= 50 else { throw .invalid("a report lists at most 50 pieces of evidence; give the rest in the note") }
        let event = Event.actionProgressed(
            .init(action: id, status: status, note: try context.textIfGiven(note, "note"), percent: percent, evidence: evidence))
        return try checked(event, writer, context)
    }

    static func reviewAction(
        _ id: ActionID, outcome: ReviewOutcome, note: String?, nextReview: LocalDate?, by writer: ActorRecord, in context: Decision
    ) throws(LedgerError) -> [Event] {
        try context.now.requireAction(id)
        if nextReview != nil, outcome.closingStatus != nil {
            throw .invalid("a \(outcome.rawValue) review closes the action, so it takes no next review date", hint: .closingReview)
        }
        if let nextReview, nextReview <= context.effectiveDay {
            throw .invalid("the next review (\(nextReview)) must be after the day of this review (\(context.effectiveDay))")
        }
        let event = Event.actionReviewed(
            .init(action: id, outcome: outcome, note: try context.textIfGiven(note, "note"), nextReview: nextReview))
        return try checked(event, writer, context)
    }

    static func amendAction(_ id: ActionID, title: String?, due: LocalDate?, by writer: ActorRecord, in context: Decision)
        throws(LedgerError) -> [Event]
    {
        let now = context.now
        try now.requireAction(id)
        let current = context.atEffective.actions[id]
        let newTitle = try title.map { (t) throws(LedgerError) in try context.text(t, "title", as: .name) }
        let changesTitle = newTitle != nil && newTitle != current?.title
        let changesDue = due != nil && due != current?.due
        if changesDue, let priority = now.actions[id]?.priority { try now.checkDue(due, under: priority, in: context) }
        guard changesTitle || changesDue else {
            throw .invalid("the amendment changes nothing; give a new title or due date")
        }
        return try checked(
            .actionAmended(.init(action: id, title: changesTitle ? newTitle : nil, due: changesDue ? due : nil)), writer, context)
    }

    /// Checks the plan facts of `event` at the effective time and returns it.
    private static func checked(_ event: Event, _ writer: ActorRecord, _ context: Decision) throws(LedgerError) -> [Event] {
        try context.atEffective.check(event, by: writer)
        return [event]
    }

    /// Refuses a back-dated change that would make an action event effective after it
    /// invalid: `later` are that action's events with a later effective time, in fold
    /// order, and each is checked again with `events` in place.
    /// - Throws: ``LedgerError`` `.invalidTransition` naming the event it would break.
    public static func checkBackDated(_ events: [Event], in context: Decision, later: [RecordedEvent]) throws(LedgerError) {
        guard !later.isEmpty else { return }
        var state = context.atEffective
        state.apply(decided: events, of: context)
        for recorded in later {
            if let writer = context.now.actors[recorded.actor] {
                do { try state.check(recorded.event, by: writer) } catch {
                    throw .transition(
                        "back-dated to \(context.effectiveAt), this change would invalidate the \(recorded.event.typeName) at position \(recorded.position) (effective \(recorded.effectiveAt)): \(error.message)"
                    )
                }
            }
            state.apply(recorded)
        }
    }
}

extension PlanState {
    /// Rules version 2: a due date falls within its plan's period, or up to ten years
    /// after it ends (some actions outlast their plan), so a mistyped year is caught.
    func checkDue(_ due: LocalDate?, under priority: PriorityID, in context: Decision) throws(LedgerError) {
        guard context.rules >= 2, let due, let plan = priorities[priority].flatMap({ plans[$0.plan] }) else { return }
        let latest = plan.to.adding(years: 10)
        guard plan.from <= due, due <= latest else {
            throw .invalid(
                "the due date \(due) is outside plan '\(plan.id)' (\(plan.from) to \(plan.to)); give a date from \(plan.from) to \(latest)")
        }
    }

    func requireAction(_ id: ActionID) throws(LedgerError) {
        guard actions[id] != nil else {
            throw .unknown("action '\(id)' does not exist; check the id", hint: .listActions, missing: .action(id))
        }
    }

    /// Checks the plan facts an action event depends on, in this state: that the action
    /// exists and is open, its assignment, and whether a lead or contributor's partner
    /// is on it. Used for new events and, after a back-dated change, for later ones.
    /// - Throws: ``LedgerError`` saying which fact does not hold.
    public func check(_ event: Event, by writer: ActorRecord) throws(LedgerError) {
        guard let id = event.action else { return }
        if case .actionCreated = event { return }
        guard let action = actions[id] else {
            throw .transition("action '\(id)' did not exist yet at that effective time", hint: .effectiveAfterCreation)
        }
        // A correction restates a report the action already took; closing does not stop it.
        if case .actionCorrected = event { return }
        guard !action.closed else {
            throw .transition("action '\(id)' is \(action.status.rawValue) and closed; it takes no further changes")
        }
        switch event {
        case .actionAssigned(let e):
            for partner in [e.lead] + e.supporting { try requirePartner(partner) }
            if let owner = e.owner {
                guard let record = actors[owner] else {
                    throw .unknown("owner '\(owner)' is not a registered actor", missing: .actor(owner))
                }
                guard record.active else { throw .transition("owner '\(owner)' is deactivated; choose an active actor") }
                guard record.role != .auditor else { throw .transition("owner '\(owner)' is an auditor; auditors cannot own actions") }
                guard record.partner == e.lead || e.supporting.contains(record.partner) else {
                    throw .transition("owner '\(owner)' works for '\(record.partner)', which is neither the lead nor a supporting partner")
                }
            }
        case .actionProgressed:
            guard action.isAssigned else {
                throw .transition("action '\(id)' is not assigned yet; a coordinator assigns it first", hint: .assignFirst)
            }
            if writer.role != .coordinator, !action.involves(writer.partner) {
                throw .forbidden(
                    "actor '\(writer.id)' works for '\(writer.partner)', which is neither the lead nor a supporting partner of action '\(id)'"
                )
            }
        default:
            break
        }
    }
}
