/// What a decision is made against: the ledger now, the plan at the effective time,
/// who is writing, and when.
public struct Decision: Sendable {
    /// The ledger as it is now: ids, the writer's registration, role and active status.
    public var now: PlanState
    /// The plan as it stood at the effective time (the same as `now` unless back-dated).
    public var atEffective: PlanState
    public var actor: ActorID
    public var recordedAt: Instant
    public var effectiveAt: Instant
    /// The partnership's calendar, for the days of next-review dates.
    public var calendar: PartnershipCalendar
    /// The event the command refers to (``Command/referencedEventID``), if found.
    public var referenced: RecordedEvent?
    /// The version of the rules the command is checked against.
    public var rules: Int
    /// The token that authorises the write (a server write); nil for a write whose
    /// actor is declared (the command line).
    public var credential: TokenID?

    /// - Parameter rules: the rules version; by default the one `now` is under.
    public init(
        now: PlanState, atEffective: PlanState, actor: ActorID, recordedAt: Instant, effectiveAt: Instant,
        calendar: PartnershipCalendar, referenced: RecordedEvent? = nil, rules: Int? = nil, credential: TokenID? = nil
    ) {
        self.credential = credential
        self.referenced = referenced
        self.rules = rules ?? now.rulesVersion
        self.now = now
        self.atEffective = atEffective
        self.actor = actor
        self.recordedAt = recordedAt
        self.effectiveAt = effectiveAt
        self.calendar = calendar
    }

    /// The partnership's calendar day of the effective time.
    public var effectiveDay: LocalDate { calendar.date(of: effectiveAt) }

    /// Checks text against the rules of this decision.
    @discardableResult
    func text(_ value: String, _ field: String, as kind: Text.Kind) throws(LedgerError) -> String {
        try Text.check(value, field, as: kind, rules: rules)
    }

    /// Checks optional text against the rules of this decision; `nil` stays `nil`.
    func textIfGiven(_ value: String?, _ field: String, as kind: Text.Kind = .long) throws(LedgerError) -> String? {
        try Text.checkOptional(value, field, as: kind, rules: rules)
    }

    /// The registered, active writer, authorised by the credential if there is one.
    /// - Throws: ``LedgerError`` `.forbidden` for an unknown, inactive or read-only
    ///   actor, or a credential that does not authorise them now.
    func writer() throws(LedgerError) -> ActorRecord {
        if let credential { try now.checkCredential(credential, for: actor, at: recordedAt) }
        guard let writer = now.actors[actor] else {
            throw .forbidden("actor '\(actor)' is not registered; use the id of a registered actor", hint: .listActors)
        }
        guard writer.active else { throw .forbidden("actor '\(actor)' is deactivated and can no longer write; use an active actor's id") }
        guard writer.role != .auditor else { throw .forbidden("actor '\(actor)' is an auditor; auditors never write") }
        return writer
    }

    /// The writer, who must be a coordinator.
    func coordinator(for verb: String) throws(LedgerError) -> ActorRecord {
        let writer = try writer()
        guard writer.role == .coordinator else {
            throw .forbidden("actor '\(actor)' is a \(writer.role.rawValue); only a coordinator may \(verb)")
        }
        return writer
    }
}
