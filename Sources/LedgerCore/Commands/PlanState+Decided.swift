extension PlanState {
    /// Folds in events that `decision` made and the log has not recorded yet, so that
    /// what is decided next sees them: the later parts of a plan import, or an action's
    /// later events checked again after a back-dated change.
    ///
    /// The fold reads an event's times and position, so those are the ones the log will
    /// give it: the decision's recording and effective times, and the next positions
    /// after everything this state and the decision's ledger know, which put the events
    /// after those the ledger holds. The rest is what the log will record where it is
    /// known (the decision's actor and that actor's partner) and unassigned where it is
    /// not: the event id and stream version, which the fold does not read.
    mutating func apply(decided events: [Event], of decision: Decision) {
        let partner = decision.now.actors[decision.actor]?.partner ?? PartnerID(trusted: "-")
        for event in events {
            apply(
                RecordedEvent(
                    position: max(position, decision.now.position) + 1, eventID: "", streamVersion: 0,
                    recordedAt: decision.recordedAt, effectiveAt: decision.effectiveAt, actor: decision.actor, partner: partner,
                    event: event))
        }
    }
}
