/// The rules every stored event satisfies, checked again after the fact.
///
/// The decider enforces them on the way in. `verify` and `import` check every stored
/// event again with the same code: each against the plan as known just before it was
/// recorded, evaluated at its effective time, so that a correctly chained event no
/// command would have accepted (progress by an auditor, percent 500) is found. There
/// is no second copy of the rules: an event passes only if deciding the command that
/// would have made it gives exactly it back.
public enum Rules {
    /// The rules version this release writes under. Version 2 added the text rules
    /// against invisible and look-alike characters, due dates within their plan and
    /// tzdata zone names; a ledger moves to it with ``RulesAdopted``.
    public static let current = 2

    /// Checks one stored event.
    ///
    /// - Parameters:
    ///   - recorded: the event, as stored.
    ///   - context: `now` is the plan as known just before it was recorded (every
    ///     earlier position), `atEffective` that plan at the event's effective time,
    ///     `actor`, `recordedAt` and `effectiveAt` the event's own, `referenced` the
    ///     event a correction names (if recorded earlier). Its `rules` are `now`'s.
    ///   - later: for a back-dated action event, the action's earlier-recorded events
    ///     that took effect after it, in fold order.
    /// - Throws: ``LedgerError`` naming the rule the event breaks.
    public static func check(_ recorded: RecordedEvent, in context: Decision, later: [RecordedEvent]) throws(LedgerError) {
        guard recorded.effectiveAt <= recorded.recordedAt else {
            throw .invalid("the effective time \(recorded.effectiveAt) is after the recording time \(recorded.recordedAt)")
        }
        var context = context
        context.credential = recorded.credential
        if let expected = try firstEvents(recorded, in: context.now) {
            guard recorded.credential == nil else { throw .invalid("a ledger's set-up is recorded without a credential") }
            guard expected == recorded.event else { throw .invalid("the ledger's first events are not those its set-up records") }
            return
        }
        guard let writer = context.now.actors[recorded.actor] else {
            throw .forbidden("actor '\(recorded.actor)' was not registered when this was recorded")
        }
        guard recorded.partner == writer.partner else {
            throw .forbidden(
                "the event is recorded for partner '\(recorded.partner)', but actor '\(writer.id)' works for '\(writer.partner)'")
        }
        let expected: [Event]
        switch recorded.event {
        case .rulesAdopted(let e): expected = [try Decider.adoptRules(e.version, in: context)]
        case .clockBehindAccepted(let e): expected = [try Decider.acceptClockBehind(clockAt: e.clockAt, in: context)]
        default:
            guard let command = Command(restating: recorded.event) else { throw .invalid("no command records this event here") }
            expected = try Decider.decide(command, in: context)
            if recorded.effectiveAt < recorded.recordedAt { try Decider.checkBackDated(expected, in: context, later: later) }
        }
        guard expected == [recorded.event] else {
            throw .invalid("no command would have recorded this \(recorded.event.typeName) then; it differs from what its command gives")
        }
    }

    /// For the first three positions of a ledger, the event `init` would have recorded
    /// there; nil after them.
    private static func firstEvents(_ recorded: RecordedEvent, in state: PlanState) throws(LedgerError) -> Event? {
        guard state.actors.isEmpty else { return nil }
        guard recorded.effectiveAt == recorded.recordedAt, recorded.recordedAt == (state.lastRecordedAt ?? recorded.recordedAt) else {
            throw .invalid("a ledger's set-up records its first three events at one time, effective when recorded")
        }
        guard let partnership = state.partnership else {
            guard recorded.position == 1, case .partnershipEstablished(let e) = recorded.event else {
                throw .invalid("position 1 must establish the partnership")
            }
            return try Decider.partnershipEvent(e)
        }
        guard let partner = state.partners.values.first else {
            guard case .partnerRegistered(let e) = recorded.event, e.partner == recorded.partner else {
                throw .invalid("the second event of a ledger registers the partner of its first coordinator")
            }
            return try Decider.firstPartnerEvent(e, rules: partnership.rules)
        }
        guard case .actorRegistered(let e) = recorded.event, e.actor == recorded.actor, e.partner == recorded.partner else {
            throw .invalid("the third event of a ledger registers its first coordinator, recorded by that coordinator")
        }
        return try Decider.firstCoordinatorEvent(
            e, of: PartnerRegistered(partner: partner.id, name: partner.name, responsibleAuthority: partner.responsibleAuthority),
            rules: partnership.rules)
    }
}
