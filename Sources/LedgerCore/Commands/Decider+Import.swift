/// `plan import`: a whole plan file as one batch.
///
/// Each part of the file becomes the command a coordinator would have typed, decided
/// against the plan as the parts before it leave it. A part that already exists with
/// the same definition is skipped, so importing a file twice is a no-op; one that
/// exists with a different definition refuses the whole file.
extension Decider {
    /// ``Decider/decide(_:in:)`` has checked that the writer is a coordinator.
    static func importPlan(_ definition: PlanDefinition, in context: Decision) throws(LedgerError) -> [Event] {
        var scratch = context
        var events: [Event] = []

        func run(_ command: Command, existing: Bool, same: Bool, what: String) throws(LedgerError) {
            if existing {
                guard same else { throw .duplicate("\(what) already exists with a different definition; the plan file cannot change it") }
                return
            }
            let decided = try decide(command, in: scratch)
            scratch.now.apply(decided: decided, of: context)
            scratch.atEffective = scratch.now
            events += decided
        }

        let state = { scratch.now }
        for p in definition.partners ?? [] {
            let old = state().partners[p.id]
            try run(
                .registerPartner(p.id, name: p.name, responsibleAuthority: p.responsibleAuthority ?? false),
                existing: old != nil,
                same: old?.name == p.name && old?.responsibleAuthority == (p.responsibleAuthority ?? false),
                what: "partner '\(p.id)'")
        }
        for a in definition.actors ?? [] {
            let old = state().actors[a.id]
            try run(
                .registerActor(a.id, name: a.name, partner: a.partner, role: a.role), existing: old != nil,
                same: old?.name == a.name && old?.partner == a.partner && old?.role == a.role, what: "actor '\(a.id)'")
        }
        if let s = definition.assessment {
            let old = state().assessments[s.id]
            try run(
                .recordAssessment(s.id, year: s.year, title: s.title, summary: s.summary), existing: old != nil,
                same: old == AssessmentRecord(id: s.id, year: s.year, title: s.title, summary: s.summary), what: "assessment '\(s.id)'")
        }
        let plan = definition.plan
        let oldPlan = state().plans[plan.id]
        try run(
            .adoptPlan(plan.id, title: plan.title, from: plan.from, to: plan.to, assessment: plan.assessment),
            existing: oldPlan != nil,
            same: oldPlan?.title == plan.title && oldPlan?.from == plan.from && oldPlan?.to == plan.to
                && oldPlan?.assessment == plan.assessment,
            what: "plan '\(plan.id)'")
        for priority in plan.priorities ?? [] {
            let old = state().priorities[priority.id]
            try run(
                .addPriority(priority.id, plan: plan.id, title: priority.title, scope: priority.scope), existing: old != nil,
                same: old?.plan == plan.id && old?.title == priority.title && old?.scope == priority.scope,
                what: "priority '\(priority.id)'")
            for action in priority.actions ?? [] {
                let old = state().actions[action.id]
                try run(
                    .createAction(action.id, priority: priority.id, title: action.title, due: action.due), existing: old != nil,
                    same: old?.priority == priority.id && old?.title == action.title && old?.due == action.due,
                    what: "action '\(action.id)'")
                guard let lead = action.lead else {
                    if action.support != nil || action.owner != nil {
                        throw .invalid("action '\(action.id)' names supporting partners or an owner but no lead; give a lead")
                    }
                    continue
                }
                let current = state().actions[action.id]
                let support = (action.support ?? []).sorted()
                try run(
                    .assignAction(action.id, lead: lead, support: action.support ?? [], owner: action.owner),
                    existing: old != nil && current?.lead != nil,
                    same: current?.lead == lead && current?.supporting == support && current?.owner == action.owner,
                    what: "the assignment of action '\(action.id)'")
            }
        }
        return events
    }
}
