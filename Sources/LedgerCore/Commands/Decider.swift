/// Decide, then apply: turns a command into events after checking it against the plan,
/// or refuses it. Nothing here writes; a refusal means nothing is appended.
public enum Decider {
    /// The events of `init`: the partnership, its first partner and first coordinator.
    /// - Throws: ``LedgerError`` when the ledger already has a partnership or an input
    ///   breaks the id or text rules.
    public static func establish(
        in state: PlanState, partnership: String, timeZone: String, partner: PartnerID, partnerName: String,
        responsibleAuthority: Bool, coordinator: ActorID, coordinatorName: String
    ) throws(LedgerError) -> [Event] {
        guard state.isEmpty else {
            throw .duplicate("this ledger is already initialised for '\(state.partnership!.name)'; init runs once per ledger file")
        }
        _ = try PartnershipCalendar(timeZoneIdentifier: timeZone)
        return [
            .partnershipEstablished(.init(name: try Text.check(partnership, "partnership name", as: .name), timeZone: timeZone)),
            .partnerRegistered(
                .init(
                    partner: partner, name: try Text.check(partnerName, "partner name", as: .name),
                    responsibleAuthority: responsibleAuthority)),
            .actorRegistered(
                .init(
                    actor: coordinator, name: try Text.check(coordinatorName, "coordinator name", as: .name),
                    partner: partner, role: .coordinator)),
        ]
    }

    /// The events for `command`, or the reason it is refused.
    public static func decide(_ command: Command, in context: Decision) throws(LedgerError) -> [Event] {
        guard !context.now.isEmpty else { throw .unknown("this ledger has no partnership yet; run csp-ledger init first") }
        if context.effectiveAt > context.recordedAt {
            throw .invalid(
                "the effective time \(context.effectiveAt) is later than the recording time \(context.recordedAt); a change cannot take effect in the future"
            )
        }
        if context.effectiveAt != context.recordedAt, !command.acceptsEffectiveTime {
            throw .invalid(
                "\(command.verb) takes effect when recorded; --effective applies only to action assign, progress, review and amend")
        }
        switch command {
        case .importPlan(let definition):
            return try decideImport(definition, in: context)
        case .createAction, .assignAction, .reportProgress, .reviewAction, .amendAction:
            return try decideAction(command, in: context)
        case .correctEvent:
            return try decideCorrection(command, in: context)
        default:
            return try decideSetup(command, in: context)
        }
    }
}
