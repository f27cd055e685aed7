/// One part of the plan an auditor asks about (`state --plan`, `--priority`, `--partner`,
/// `--action`): the definition every scoped answer is held to, whichever way the plan
/// it narrows was read.
public enum PlanScope: Sendable, Equatable, CustomStringConvertible {
    /// The plan's priorities and their actions, and the partners, actors and assessment
    /// they reference.
    case plan(PlanID)
    /// The priority and its actions, its plan, and the partners, actors and assessment
    /// they reference.
    case priority(PriorityID)
    /// The actions the partner leads or supports, the partner and its actors.
    case partner(PartnerID)
    /// The action, its priority and plan, and the partners, actors and assessment it
    /// references.
    case action(ActionID)

    public var description: String {
        switch self {
        case .plan(let id): "plan '\(id)'"
        case .priority(let id): "priority '\(id)'"
        case .partner(let id): "partner '\(id)'"
        case .action(let id): "action '\(id)'"
        }
    }

    /// The stream of the record the scope is named after.
    public var stream: StreamID {
        switch self {
        case .plan(let id): .plan(id)
        case .priority(let id): .priority(id)
        case .partner(let id): .partner(id)
        case .action(let id): .action(id)
        }
    }
}

extension PlanState {
    /// Whether the record the scope is named after exists in this plan.
    public func holds(_ scope: PlanScope) -> Bool {
        switch scope {
        case .plan(let id): plans[id] != nil
        case .priority(let id): priorities[id] != nil
        case .partner(let id): partners[id] != nil
        case .action(let id): actions[id] != nil
        }
    }

    /// The plan narrowed to `scope`: only its records, everything else (the partnership,
    /// position, tokens and keys) as it is. A scoped answer equals the whole answer
    /// narrowed by this, however the whole would have been read.
    public func narrowed(to scope: PlanScope) -> PlanState {
        var narrowed = self
        switch scope {
        case .partner(let partner):
            narrowed.actions = actions.filter { $0.value.involves(partner) }
            narrowed.partners = partners.filter { $0.key == partner }
            narrowed.actors = actors.filter { $0.value.partner == partner }
            narrowed.assessments = [:]
            narrowed.plans = [:]
            narrowed.priorities = [:]
            return narrowed
        case .plan(let plan):
            narrowed.priorities = priorities.filter { $0.value.plan == plan }
            narrowed.actions = actions.filter { narrowed.priorities[$0.value.priority] != nil }
            narrowed.plans = plans.filter { $0.key == plan }
        case .priority(let priority):
            narrowed.priorities = priorities.filter { $0.key == priority }
            narrowed.actions = actions.filter { $0.value.priority == priority }
            narrowed.plans = plans.filter { $0.key == priorities[priority]?.plan }
        case .action(let action):
            narrowed.actions = actions.filter { $0.key == action }
            let priority = actions[action]?.priority
            narrowed.priorities = priorities.filter { $0.key == priority }
            narrowed.plans = plans.filter { $0.key == priority.flatMap { priorities[$0]?.plan } }
        }
        // What the actions reference: their partners and owners, and the plans' assessments.
        let scopedActions = narrowed.actions.values
        let partnerIDs = Set(scopedActions.flatMap { action in (action.lead.map { [$0] } ?? []) + action.supporting })
        let ownerIDs = Set(scopedActions.compactMap(\.owner))
        let assessmentIDs = Set(narrowed.plans.values.compactMap(\.assessment))
        narrowed.partners = partners.filter { partnerIDs.contains($0.key) }
        narrowed.actors = actors.filter { ownerIDs.contains($0.key) }
        narrowed.assessments = assessments.filter { assessmentIDs.contains($0.key) }
        return narrowed
    }
}
