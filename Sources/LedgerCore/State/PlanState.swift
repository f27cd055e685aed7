/// The plan as a set of events leaves it: the only definition of what events mean.
///
/// Every answer the ledger gives (the SQL projection, `state --as-of`, `history`,
/// reports) is computed from this fold, so no two paths can disagree.
public struct PlanState: Equatable, Sendable {
    /// The highest log position folded in; 0 for the empty plan.
    public var position: Int64 = 0
    /// The latest recording time folded in.
    public var lastRecordedAt: Instant?
    public var partnership: PartnershipRecord?
    public var partners: [PartnerID: PartnerRecord] = [:]
    public var actors: [ActorID: ActorRecord] = [:]
    public var assessments: [AssessmentID: AssessmentRecord] = [:]
    public var plans: [PlanID: PlanRecord] = [:]
    public var priorities: [PriorityID: PriorityRecord] = [:]
    public var actions: [ActionID: ActionRecord] = [:]
    /// Every token ever issued, live or ended (the log never forgets one).
    public var tokens: [TokenID: TokenRecord] = [:]
    /// The ledger keys ever registered, by their verifier key's text.
    public var ledgerKeys: [String: LedgerKeyRecord] = [:]
    /// The partners' witnesses ever registered, by their verifier key's text.
    public var witnesses: [String: WitnessRecord] = [:]
    /// How many witnesses must cosign a checkpoint for it to count as witnessed.
    public var witnessThreshold = 1

    /// The version of what the fold computes and how the state is stored. Bumped
    /// whenever `apply` gives an event another meaning or the records change shape, so
    /// that snapshots written by an earlier fold are ignored and rebuilt.
    ///
    /// 2: snapshots are in the binary form of `PlanState+Snapshot.swift`, deflated.
    /// 3: the partnership record holds the test clock and the rules version.
    /// 4: the plan holds its access tokens.
    /// 5: the ledger keys.
    /// 6: the witnesses and their threshold.
    public static let foldVersion = 6

    /// The version of the rules new events are checked against: the partnership's, as
    /// raised by ``RulesAdopted``; 0 before the partnership exists.
    public var rulesVersion: Int { partnership?.rules ?? 0 }

    public init() {}

    /// The fold of `events`, in any order (see ``ActionRecord``).
    public init(folding events: some Sequence<RecordedEvent>) {
        for event in events { apply(event) }
    }

    public var isEmpty: Bool { partnership == nil }

    /// Folds one event in. Never fails: any event the ledger ever accepted replays, and
    /// one that names something unknown changes nothing.
    public mutating func apply(_ recorded: RecordedEvent) {
        position = max(position, recorded.position)
        lastRecordedAt = max(lastRecordedAt ?? recorded.recordedAt, recorded.recordedAt)
        let key = recorded.foldKey
        switch recorded.event {
        case .partnershipEstablished(let e):
            partnership = PartnershipRecord(name: e.name, timeZone: e.timeZone, testClock: e.testClock, rules: e.rules)
        case .rulesAdopted(let e):
            if var record = partnership {
                record.rules = max(record.rules, e.version)
                partnership = record
            }
        case .clockBehindAccepted, .checkpointSigned:
            // The plan is unchanged; the event stands in the log for auditors to see.
            break
        case .ledgerKeyRegistered(let e):
            if let key = try? NoteVerifierKey(text: e.key) {
                ledgerKeys[e.key] = LedgerKeyRecord(key: key, registeredAt: recorded.position)
            }
        case .ledgerKeyRevoked(let e):
            if ledgerKeys[e.key]?.revokedAt == nil { ledgerKeys[e.key]?.revokedAt = recorded.position }
        case .witnessRegistered(let e):
            if let key = try? NoteVerifierKey(text: e.key), key.type == .cosignature {
                witnesses[e.key] = WitnessRecord(key: key, partner: e.partner, registeredAt: recorded.position)
            }
        case .witnessRemoved(let e):
            if witnesses[e.key]?.removedAt == nil { witnesses[e.key]?.removedAt = recorded.position }
        case .witnessThresholdSet(let e):
            witnessThreshold = e.threshold
        case .checkpointCosigned(let e):
            // The checkpoint stands in the log; the witness's clock moves on.
            if let cosignature = try? Cosignature(line: e.cosignature), let witness = witness(of: cosignature) {
                witnesses[witness.key.text]?.lastCosignedAt = max(witness.lastCosignedAt ?? cosignature.timestamp, cosignature.timestamp)
            }
        case .partnerRegistered(let e):
            partners[e.partner] = PartnerRecord(id: e.partner, name: e.name, responsibleAuthority: e.responsibleAuthority)
        case .actorRegistered(let e):
            actors[e.actor] = ActorRecord(id: e.actor, name: e.name, partner: e.partner, role: e.role, active: true)
        case .actorDeactivated(let e):
            actors[e.actor]?.active = false
            // A deactivated actor signs in no more: their live tokens end with them.
            for (id, token) in tokens where token.actor == e.actor && token.ended == nil {
                tokens[id]?.ended = TokenEnd(at: recorded.recordedAt, reason: nil, byDeactivation: true)
            }
        case .tokenIssued(let e):
            tokens[e.token] = TokenRecord(
                id: e.token, actor: e.actor, sha256: e.sha256, label: e.label, issuedBy: recorded.actor, issuedAt: recorded.recordedAt,
                expiresAt: e.expiresAt)
        case .tokenRevoked(let e):
            if tokens[e.token]?.ended == nil {
                tokens[e.token]?.ended = TokenEnd(at: recorded.recordedAt, reason: e.reason, byDeactivation: false)
            }
        case .strategicAssessmentRecorded(let e):
            assessments[e.assessment] = AssessmentRecord(id: e.assessment, year: e.year, title: e.title, summary: e.summary)
        case .planAdopted(let e):
            plans[e.plan] = PlanRecord(id: e.plan, title: e.title, from: e.from, to: e.to, assessment: e.assessment)
        case .planReviewed(let e):
            plans[e.plan]?.lastReviewAt = recorded.effectiveAt
            plans[e.plan]?.lastReviewNote = e.note
            for id in e.retired { priorities[id]?.retired = true }
        case .priorityAdded(let e):
            priorities[e.priority] = PriorityRecord(id: e.priority, plan: e.plan, title: e.title, scope: e.scope, retired: false)
        case .actionCreated(let e):
            actions[e.action] = ActionRecord(
                id: e.action, priority: e.priority, title: e.title, due: e.due, status: .notStarted, supporting: [],
                closed: false, carryForward: false, version: 1, createdAt: recorded.effectiveAt,
                keys: .init(title: key, due: key, status: key))
        case .actionAssigned(let e):
            updateAction(e.action) { a in
                setIfLater(&a.keys.assignment, key) {
                    (a.lead, a.supporting, a.owner) = (e.lead, e.supporting.sorted(), e.owner)
                }
            }
        case .actionProgressed(let e):
            updateAction(e.action) { $0.applyProgress(e, at: key) }
        case .actionReviewed(let e):
            updateAction(e.action) { $0.applyReview(e, at: key) }
        case .actionCorrected(let e):
            updateAction(e.action) { a in
                if let status = e.status {
                    a.applyProgress(.init(action: e.action, status: status, note: e.note, percent: e.percent), at: e.originalKey)
                } else if let outcome = e.outcome {
                    a.applyReview(.init(action: e.action, outcome: outcome, note: e.note, nextReview: e.nextReview), at: e.originalKey)
                }
            }
        case .actionAmended(let e):
            updateAction(e.action) { a in
                if let title = e.title { setIfLater(&a.keys.title, key) { a.title = title } }
                if let due = e.due { setIfLater(&a.keys.due, key) { a.due = due } }
            }
        }
    }

    private mutating func updateAction(_ id: ActionID, _ change: (inout ActionRecord) -> Void) {
        guard var action = actions[id] else { return }
        action.version += 1
        change(&action)
        actions[id] = action
    }
}

extension ActionRecord {
    /// A progress report (or its corrected values) at `key`.
    mutating func applyProgress(_ e: ActionProgressed, at key: FoldKey) {
        setIfLater(&keys.status, key) { status = e.status }
        setIfLater(&keys.progress, key) { (lastProgressAt, lastProgressNote) = (key.effectiveAt, e.note) }
        if let value = e.percent { setIfLater(&keys.percent, key) { percent = value } }
    }

    /// A review (or its corrected values) at `key`.
    mutating func applyReview(_ e: ActionReviewed, at key: FoldKey) {
        setIfLater(&keys.review, key) {
            (lastReviewAt, lastReviewOutcome, lastReviewNote, nextReview) = (key.effectiveAt, e.outcome, e.note, e.nextReview)
        }
        if let closing = e.outcome.closingStatus {
            setIfLater(&keys.status, key) { status = closing }
            closed = true
        }
        if e.outcome == .carryForward { carryForward = true }
    }
}
