import LedgerCore

extension PlanState {
    /// The plan as it may be shown to anyone (`serve --public-read`): partners, plans,
    /// priorities and actions with their status, without the actors, the actions'
    /// owners, or the notes of progress reports and reviews, which may name people.
    ///
    /// The state view and the plan report are built from it, so what a public reader
    /// sees is decided here once.
    public var publicView: PlanState {
        var shown = self
        shown.actors = [:]
        for id in shown.actions.keys {
            shown.actions[id]!.owner = nil
            shown.actions[id]!.lastProgressNote = nil
            shown.actions[id]!.lastReviewNote = nil
        }
        return shown
    }
}

extension PlanReport {
    /// The report as it may be shown to anyone; see ``LedgerCore/PlanState/publicView``.
    public var publicView: PlanReport {
        var shown = self
        shown.state = state.publicView
        return shown
    }
}
