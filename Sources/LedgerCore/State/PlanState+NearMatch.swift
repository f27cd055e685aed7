extension PlanState {
    /// `error`, saying which id of this plan its unknown one most likely meant
    /// (``NearMatch``): `action 'soc-1' does not exist; did you mean 'SOC-1'?`.
    ///
    /// Unchanged when it names no missing thing or none is near. The plan must hold
    /// every id of the missing thing's kind: a write that read only its own action
    /// reads the whole plan first for an unknown action.
    public func suggestingNearMatch(_ error: LedgerError) -> LedgerError {
        guard let missing = error.missing, let id = missing.id else { return error }
        return error.suggesting(NearMatch.best(for: id, among: ids(of: missing.kind)))
    }

    /// The ids of one kind of thing in the plan.
    public func ids(of kind: StreamID.Kind) -> [String] {
        switch kind {
        case .partnership: []
        case .partner: partners.keys.map(\.rawValue)
        case .actor: actors.keys.map(\.rawValue)
        case .assessment: assessments.keys.map(\.rawValue)
        case .plan: plans.keys.map(\.rawValue)
        case .priority: priorities.keys.map(\.rawValue)
        case .action: actions.keys.map(\.rawValue)
        case .token: tokens.keys.map(\.rawValue)
        }
    }
}
