/// One part of the plan an auditor asks about (`state --plan`, `--priority`, `--partner`,
/// `--action`): the definition every scoped answer is held to, whichever way the plan
/// it narrows was read.
public enum PlanScope: Sendable, Hashable, CustomStringConvertible {
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

    /// The scopes named by a plan, a priority, a partner and an action id, each given or
    /// not, in that order: what `state --plan ID` (and the others) and `GET
    /// /api/state?plan=ID` ask for. Each caller refuses more than one in its own words.
    /// - Throws: ``LedgerError`` for an id that is not well formed.
    public static func named(plan: String?, priority: String?, partner: String?, action: String?) throws -> [PlanScope] {
        try [
            plan.map { .plan(try PlanID($0)) }, priority.map { .priority(try PriorityID($0)) },
            partner.map { .partner(try PartnerID($0)) }, action.map { .action(try ActionID($0)) },
        ].compactMap { $0 }
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
        let referenced = narrowed.referencedRecords
        narrowed.partners = partners.filter { referenced.contains(RecordKey(kind: .partner, id: $0.key.rawValue)) }
        narrowed.actors = actors.filter { referenced.contains(RecordKey(kind: .actor, id: $0.key.rawValue)) }
        narrowed.assessments = assessments.filter { referenced.contains(RecordKey(kind: .assessment, id: $0.key.rawValue)) }
        return narrowed
    }

    /// What this plan's actions and plans reference: the actions' lead and supporting
    /// partners and their owners, and the plans' assessments. A plan, priority or action
    /// scope holds these besides its own records.
    public var referencedRecords: Set<RecordKey> {
        var keys: Set<RecordKey> = []
        for action in actions.values {
            for partner in (action.lead.map { [$0] } ?? []) + action.supporting {
                keys.insert(RecordKey(kind: .partner, id: partner.rawValue))
            }
            if let owner = action.owner { keys.insert(RecordKey(kind: .actor, id: owner.rawValue)) }
        }
        for plan in plans.values {
            if let assessment = plan.assessment { keys.insert(RecordKey(kind: .assessment, id: assessment.rawValue)) }
        }
        return keys
    }

    /// The scopes whose index lists the record at `key`, as this plan holds it: an
    /// action under its priority and each partner it involves, a priority under its plan,
    /// an actor under its partner.
    ///
    /// The system-versioned projection keeps every record ever listed under a scope, so
    /// that a scoped `state --as-of` reads those records (and what they reference) rather
    /// than the whole plan; ``narrowed(to:)`` then keeps exactly what the scope holds at
    /// that point. The list mirrors the filters of ``narrowed(to:)`` that test a record's
    /// own fields; a record missing from it would be missing from scoped answers, which
    /// `verify` and the tests comparing scoped answers with the whole plan would show.
    public func scopes(listing key: RecordKey) -> [PlanScope] {
        switch key.kind {
        case .action:
            guard let action = actions[ActionID(trusted: key.id)] else { return [] }
            return [.priority(action.priority)] + ((action.lead.map { [$0] } ?? []) + action.supporting).map(PlanScope.partner)
        case .priority:
            return priorities[PriorityID(trusted: key.id)].map { [.plan($0.plan)] } ?? []
        case .actor:
            return actors[ActorID(trusted: key.id)].map { [.partner($0.partner)] } ?? []
        case .partnership, .partner, .assessment, .plan, .token:
            return []
        }
    }
}
