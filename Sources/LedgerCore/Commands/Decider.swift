/// Decide, then apply: turns a command into events after checking it against the plan,
/// or refuses it. Nothing here writes; a refusal means nothing is appended.
public enum Decider {
    /// The events of `init`: the partnership, its first partner and first coordinator.
    /// - Throws: ``LedgerError`` when the ledger already has a partnership or an input
    ///   breaks the id, text or time-zone rules.
    public static func establish(
        in state: PlanState, partnership: String, timeZone: String, testClock: Bool, partner: PartnerID, partnerName: String,
        responsibleAuthority: Bool, coordinator: ActorID, coordinatorName: String
    ) throws(LedgerError) -> [Event] {
        guard state.isEmpty else {
            throw .duplicate("this ledger is already initialised for '\(state.partnership!.name)'", hint: .initialiseOnce)
        }
        let established = PartnershipEstablished(name: partnership, timeZone: timeZone, testClock: testClock, rules: Rules.current)
        let first = PartnerRegistered(partner: partner, name: partnerName, responsibleAuthority: responsibleAuthority)
        return [
            try partnershipEvent(established),
            try firstPartnerEvent(first, rules: established.rules),
            try firstCoordinatorEvent(
                ActorRegistered(actor: coordinator, name: coordinatorName, partner: partner, role: .coordinator), of: first,
                rules: established.rules),
        ]
    }

    /// The first event of a ledger, checked: its name, zone and rules version.
    static func partnershipEvent(_ e: PartnershipEstablished) throws(LedgerError) -> Event {
        guard (1...Rules.current).contains(e.rules) else {
            throw .invalid("rules version \(e.rules) is not known to this release; it knows versions 1 to \(Rules.current)")
        }
        try Text.check(e.name, "partnership name", as: .name, rules: e.rules)
        if e.rules >= 2 { try PartnershipCalendar.checkZoneName(e.timeZone) }
        _ = try PartnershipCalendar(timeZoneIdentifier: e.timeZone)
        return .partnershipEstablished(e)
    }

    /// The second event of a ledger: the partner of the first coordinator.
    static func firstPartnerEvent(_ e: PartnerRegistered, rules: Int) throws(LedgerError) -> Event {
        try Text.check(e.name, "partner name", as: .name, rules: rules)
        return .partnerRegistered(e)
    }

    /// The third event of a ledger: the first coordinator, of the first partner.
    static func firstCoordinatorEvent(_ e: ActorRegistered, of partner: PartnerRegistered, rules: Int) throws(LedgerError) -> Event {
        guard e.role == .coordinator, e.partner == partner.partner else {
            throw .forbidden("the first actor of a ledger is its coordinator, of its first partner")
        }
        try Text.check(e.name, "coordinator name", as: .name, rules: rules)
        return .actorRegistered(e)
    }

    /// The events for `command`, or the reason it is refused.
    public static func decide(_ command: Command, in context: Decision) throws(LedgerError) -> [Event] {
        guard !context.now.isEmpty else { throw .unknown("this ledger has no partnership yet", hint: .initialise) }
        if context.effectiveAt > context.recordedAt {
            throw .invalid(
                "the effective time \(context.effectiveAt) is later than the recording time \(context.recordedAt); a change cannot take effect in the future"
            )
        }
        if context.effectiveAt != context.recordedAt, !command.acceptsEffectiveTime {
            throw .invalid("\(command.verb) takes effect when recorded", hint: .backDating)
        }
        // Every command is a coordinator's, except a progress report, which a lead or a
        // contributor may make too.
        let writer: ActorRecord
        if case .reportProgress = command {
            writer = try context.writer()
        } else {
            writer = try context.coordinator(for: command.verb)
        }
        switch command {
        case .registerPartner(let id, let name, let responsibleAuthority):
            return try registerPartner(id, name: name, responsibleAuthority: responsibleAuthority, in: context)
        case .registerActor(let id, let name, let partner, let role):
            return try registerActor(id, name: name, partner: partner, role: role, in: context)
        case .deactivateActor(let id, let reason):
            return try deactivateActor(id, reason: reason, in: context)
        case .recordAssessment(let id, let year, let title, let summary):
            return try recordAssessment(id, year: year, title: title, summary: summary, in: context)
        case .adoptPlan(let id, let title, let from, let to, let assessment):
            return try adoptPlan(id, title: title, from: from, to: to, assessment: assessment, in: context)
        case .reviewPlan(let id, let note, let retire):
            return try reviewPlan(id, note: note, retire: retire, in: context)
        case .addPriority(let id, let plan, let title, let scope):
            return try addPriority(id, plan: plan, title: title, scope: scope, in: context)
        case .createAction(let id, let priority, let title, let due):
            return try createAction(id, priority: priority, title: title, due: due, in: context)
        case .assignAction(let id, let lead, let support, let owner):
            return try assignAction(id, lead: lead, support: support, owner: owner, by: writer, in: context)
        case .reportProgress(let id, let status, let note, let percent, let evidence):
            return try reportProgress(id, status: status, note: note, percent: percent, evidence: evidence, by: writer, in: context)
        case .reviewAction(let id, let outcome, let note, let nextReview):
            return try reviewAction(id, outcome: outcome, note: note, nextReview: nextReview, by: writer, in: context)
        case .amendAction(let id, let title, let due):
            return try amendAction(id, title: title, due: due, by: writer, in: context)
        case .importPlan(let definition):
            return try importPlan(definition, in: context)
        case .correctEvent(let eventID, let reason, let status, let note, let percent, let nextReview):
            return try correct(
                eventID, reason: reason, status: status, note: note, percent: percent, nextReview: nextReview, by: writer, in: context)
        case .issueToken(let id, let actor, let sha256, let expiresAt, let label):
            return try issueToken(id, actor: actor, sha256: sha256, expiresAt: expiresAt, label: label, in: context)
        case .revokeToken(let id, let reason):
            return try revokeToken(id, reason: reason, in: context)
        case .registerLedgerKey(let key): return try registerLedgerKey(key, in: context)
        case .revokeLedgerKey(let key, let reason): return try revokeLedgerKey(key, reason: reason, in: context)
        case .recordCheckpoint(let note): return try recordCheckpoint(note, in: context)
        case .registerWitness(let key, let partner): return try registerWitness(key, partner: partner, in: context)
        case .removeWitness(let key, let reason): return try removeWitness(key, reason: reason, in: context)
        case .setWitnessThreshold(let k): return try setWitnessThreshold(k, in: context)
        case .recordCosignatures(let checkpoint, let lines): return try recordCosignatures(lines, of: checkpoint, in: context)
        }
    }

    /// The ``RulesAdopted`` event that moves a ledger under older rules to this
    /// release's, written with the first write of the release by that write's writer.
    /// - Throws: ``LedgerError`` when the writer may not write, or the version does not
    ///   raise the ledger's rules to ones this release knows.
    public static func adoptRules(_ version: Int, in context: Decision) throws(LedgerError) -> Event {
        _ = try context.writer()
        guard version > context.now.rulesVersion, version <= Rules.current else {
            throw .invalid(
                "rules version \(version) does not raise the ledger's version \(context.now.rulesVersion) to one this release knows (up to \(Rules.current))"
            )
        }
        guard context.effectiveAt == context.recordedAt else { throw .invalid("a change of rules takes effect when recorded") }
        return .rulesAdopted(RulesAdopted(version: version))
    }

    /// The ``ClockBehindAccepted`` event of a coordinator's write made while the
    /// system clock read `clockAt`, more than ``RecordingTime/allowedBehind`` before the
    /// ledger's last recording time, which the write is stamped with.
    /// - Throws: ``LedgerError`` when the writer is not a coordinator or the clock is not
    ///   that far behind.
    public static func acceptClockBehind(clockAt: Instant, in context: Decision) throws(LedgerError) -> Event {
        _ = try context.coordinator(for: "accept a clock that is behind")
        guard let last = context.now.lastRecordedAt, context.recordedAt == last, context.effectiveAt == last,
            RecordingTime.isFarBehind(clockAt, last: last)
        else {
            throw .invalid(
                "a clock-behind acceptance is recorded only when the clock is more than 10 minutes behind the last recording time")
        }
        return .clockBehindAccepted(ClockBehindAccepted(clockAt: clockAt, lastRecordedAt: last))
    }
}
