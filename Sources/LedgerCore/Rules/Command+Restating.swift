extension Command {
    /// The command that would have recorded `event`, for checking a stored event with
    /// the decider itself: the event is valid only if deciding this command, against
    /// the plan as known before it, gives exactly the event back. Nil for the events
    /// no command makes (the first three of a ledger, and the ledger's own events).
    public init?(restating event: Event) {
        switch event {
        case .partnerRegistered(let e): self = .registerPartner(e.partner, name: e.name, responsibleAuthority: e.responsibleAuthority)
        case .actorRegistered(let e): self = .registerActor(e.actor, name: e.name, partner: e.partner, role: e.role)
        case .actorDeactivated(let e): self = .deactivateActor(e.actor, reason: e.reason)
        case .strategicAssessmentRecorded(let e):
            self = .recordAssessment(e.assessment, year: e.year, title: e.title, summary: e.summary)
        case .planAdopted(let e): self = .adoptPlan(e.plan, title: e.title, from: e.from, to: e.to, assessment: e.assessment)
        case .planReviewed(let e): self = .reviewPlan(e.plan, note: e.note, retire: e.retired)
        case .priorityAdded(let e): self = .addPriority(e.priority, plan: e.plan, title: e.title, scope: e.scope)
        case .actionCreated(let e): self = .createAction(e.action, priority: e.priority, title: e.title, due: e.due)
        case .actionAssigned(let e): self = .assignAction(e.action, lead: e.lead, support: e.supporting, owner: e.owner)
        case .actionProgressed(let e):
            self = .reportProgress(e.action, status: e.status, note: e.note, percent: e.percent, evidence: e.evidence)
        case .actionReviewed(let e): self = .reviewAction(e.action, outcome: e.outcome, note: e.note, nextReview: e.nextReview)
        case .actionAmended(let e): self = .amendAction(e.action, title: e.title, due: e.due)
        case .actionCorrected(let e):
            self = .correctEvent(
                e.corrects, reason: e.reason, status: e.status, note: e.note, percent: e.percent, nextReview: e.nextReview)
        case .tokenIssued(let e):
            self = .issueToken(e.token, actor: e.actor, sha256: e.sha256, expiresAt: e.expiresAt, label: e.label)
        case .tokenRevoked(let e): self = .revokeToken(e.token, reason: e.reason)
        case .ledgerKeyRegistered(let e): self = .registerLedgerKey(e.key)
        case .ledgerKeyRevoked(let e): self = .revokeLedgerKey(e.key, reason: e.reason)
        case .checkpointSigned(let e): self = .recordCheckpoint(e.checkpoint)
        case .witnessRegistered(let e): self = .registerWitness(e.key, partner: e.partner)
        case .witnessRemoved(let e): self = .removeWitness(e.key, reason: e.reason)
        case .witnessThresholdSet(let e): self = .setWitnessThreshold(e.threshold)
        case .checkpointCosigned(let e): self = .recordCosignatures(checkpoint: e.checkpoint, [e.cosignature])
        case .partnershipEstablished, .rulesAdopted, .clockBehindAccepted: return nil
        }
    }
}
