/// Registrations, assessments, plans and priorities: the coordinator's set-up work.
/// ``Decider/decide(_:in:)`` has checked that the writer is a coordinator.
extension Decider {
    static func registerPartner(_ id: PartnerID, name: String, responsibleAuthority: Bool, in context: Decision) throws(LedgerError)
        -> [Event]
    {
        guard context.now.partners[id] == nil else { throw .duplicate("partner '\(id)' is already registered; choose another id") }
        return [
            .partnerRegistered(
                .init(partner: id, name: try context.text(name, "partner name", as: .name), responsibleAuthority: responsibleAuthority))
        ]
    }

    static func registerActor(_ id: ActorID, name: String, partner: PartnerID, role: Role, in context: Decision) throws(LedgerError)
        -> [Event]
    {
        let state = context.now
        guard state.actors[id] == nil else { throw .duplicate("actor '\(id)' is already registered; choose another id") }
        try state.requirePartner(partner)
        return [.actorRegistered(.init(actor: id, name: try context.text(name, "actor name", as: .name), partner: partner, role: role))]
    }

    static func deactivateActor(_ id: ActorID, reason: String?, in context: Decision) throws(LedgerError) -> [Event] {
        let state = context.now
        guard let actor = state.actors[id] else { throw .unknown("actor '\(id)' is not registered", missing: .actor(id)) }
        guard actor.active else { throw .transition("actor '\(id)' is already deactivated") }
        if actor.role == .coordinator, !state.actors.values.contains(where: { $0.id != id && $0.active && $0.role == .coordinator }) {
            throw .transition("actor '\(id)' is the last active coordinator; register another coordinator first")
        }
        return [.actorDeactivated(.init(actor: id, reason: try context.textIfGiven(reason, "reason")))]
    }

    static func recordAssessment(_ id: AssessmentID, year: Int, title: String, summary: String?, in context: Decision)
        throws(LedgerError) -> [Event]
    {
        guard context.now.assessments[id] == nil else { throw .duplicate("assessment '\(id)' is already recorded; choose another id") }
        guard (1900...9999).contains(year) else { throw .invalid("year \(year) is out of range; give a year such as 2022") }
        return [
            .strategicAssessmentRecorded(
                .init(
                    assessment: id, year: year, title: try context.text(title, "title", as: .name),
                    summary: try context.textIfGiven(summary, "summary")))
        ]
    }

    static func adoptPlan(
        _ id: PlanID, title: String, from: LocalDate, to: LocalDate, assessment: AssessmentID?, in context: Decision
    ) throws(LedgerError) -> [Event] {
        let state = context.now
        guard state.plans[id] == nil else { throw .duplicate("plan '\(id)' is already adopted; choose another id") }
        guard from <= to else {
            throw .invalid("the plan period starts (\(from)) after it ends (\(to))", hint: .planPeriod)
        }
        if let assessment, state.assessments[assessment] == nil {
            throw .unknown("assessment '\(assessment)' is not recorded", hint: .recordAssessment, missing: .assessment(assessment))
        }
        return [
            .planAdopted(.init(plan: id, title: try context.text(title, "title", as: .name), from: from, to: to, assessment: assessment))
        ]
    }

    static func reviewPlan(_ id: PlanID, note: String, retire: [PriorityID], in context: Decision) throws(LedgerError) -> [Event] {
        let state = context.now
        guard state.plans[id] != nil else { throw .unknown("plan '\(id)' is not adopted", missing: .plan(id)) }
        let own = state.priorities.values.filter { $0.plan == id }
        for priority in retire {
            guard let record = state.priorities[priority], record.plan == id else {
                throw .unknown("priority '\(priority)' is not a priority of plan '\(id)'")
            }
            guard !record.retired else { throw .transition("priority '\(priority)' is already retired", hint: .alreadyRetired) }
        }
        let retired = Set(retire)
        guard retired.count == retire.count else { throw .invalid("a priority is listed twice among those to retire; list each once") }
        let confirmed = own.filter { !$0.retired && !retired.contains($0.id) }.map(\.id).sorted()
        guard !note.isEmpty else { throw .invalid("a plan review needs a note saying what the review concluded") }
        return [
            .planReviewed(
                .init(plan: id, note: try context.text(note, "note", as: .long), confirmed: confirmed, retired: retire.sorted()))
        ]
    }

    static func addPriority(_ id: PriorityID, plan: PlanID, title: String, scope: String?, in context: Decision) throws(LedgerError)
        -> [Event]
    {
        let state = context.now
        guard state.priorities[id] == nil else { throw .duplicate("priority '\(id)' already exists; choose another id") }
        guard state.plans[plan] != nil else { throw .unknown("plan '\(plan)' is not adopted", hint: .adoptPlan, missing: .plan(plan)) }
        return [
            .priorityAdded(
                .init(
                    priority: id, plan: plan, title: try context.text(title, "title", as: .name),
                    scope: try context.textIfGiven(scope, "scope", as: .scope)))
        ]
    }
}

extension PlanState {
    func requirePartner(_ id: PartnerID) throws(LedgerError) {
        guard partners[id] != nil else {
            throw .unknown("partner '\(id)' is not registered", hint: .registerPartner, missing: .partner(id))
        }
    }
}
