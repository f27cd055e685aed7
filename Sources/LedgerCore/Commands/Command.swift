/// A request to change the ledger, as a writer makes it. ``Decider`` checks it against
/// the plan and turns it into events, or refuses it.
public enum Command: Sendable, Equatable {
    case registerPartner(PartnerID, name: String, responsibleAuthority: Bool)
    case registerActor(ActorID, name: String, partner: PartnerID, role: Role)
    case deactivateActor(ActorID, reason: String?)
    case recordAssessment(AssessmentID, year: Int, title: String, summary: String?)
    case adoptPlan(PlanID, title: String, from: LocalDate, to: LocalDate, assessment: AssessmentID?)
    case reviewPlan(PlanID, note: String, retire: [PriorityID])
    case addPriority(PriorityID, plan: PlanID, title: String, scope: String?)
    case createAction(ActionID, priority: PriorityID, title: String, due: LocalDate?)
    case assignAction(ActionID, lead: PartnerID, support: [PartnerID], owner: ActorID?)
    case reportProgress(ActionID, status: ActionStatus, note: String?, percent: Int?, evidence: [String] = [])
    case reviewAction(ActionID, outcome: ReviewOutcome, note: String?, nextReview: LocalDate?)
    case amendAction(ActionID, title: String?, due: LocalDate?)
    case importPlan(PlanDefinition)
    /// Corrects a progress report or review (or an earlier correction) by its event id.
    case correctEvent(String, reason: String, status: ActionStatus?, note: String?, percent: Int?, nextReview: LocalDate?)
    /// Issues token `id` to `actor`: the ledger generates the token and passes only its
    /// SHA-256 (hex) here. `expiresAt` nil means ``TokenRules/defaultLifetime`` after recording.
    case issueToken(TokenID, actor: ActorID, sha256: String, expiresAt: Instant?, label: String?)
    case revokeToken(TokenID, reason: String?)
    /// Registers a ledger key: its signed-note verifier key (`NAME+KEYID+BASE64`).
    case registerLedgerKey(String)
    /// Revokes a registered ledger key.
    case revokeLedgerKey(String, reason: String?)
    /// Records a checkpoint of the log as it stands: a signed note.
    case recordCheckpoint(String)
    /// Registers a partner's witness: its cosigner verifier key (`NAME+KEYID+BASE64`).
    case registerWitness(String, partner: PartnerID)
    /// Removes a registered witness.
    case removeWitness(String, reason: String?)
    /// Sets how many witnesses make a checkpoint witnessed.
    case setWitnessThreshold(Int)
    /// Records witnesses' cosignatures (signature lines) of the checkpoint that the
    /// `CheckpointSigned` event with this id records.
    case recordCosignatures(checkpoint: String, [String])

    /// The stream whose version `--expect-version` refers to; nil for a plan import,
    /// which spans many streams, and for a correction, whose stream is that of the
    /// event it corrects.
    public var targetStream: StreamID? {
        switch self {
        case .registerPartner(let id, _, _): .partner(id)
        case .registerActor(let id, _, _, _), .deactivateActor(let id, _): .actor(id)
        case .recordAssessment(let id, _, _, _): .assessment(id)
        case .adoptPlan(let id, _, _, _, _), .reviewPlan(let id, _, _): .plan(id)
        case .addPriority(let id, _, _, _): .priority(id)
        case .createAction(let id, _, _, _), .assignAction(let id, _, _, _), .reportProgress(let id, _, _, _, _),
            .reviewAction(let id, _, _, _), .amendAction(let id, _, _):
            .action(id)
        case .issueToken(let id, _, _, _, _), .revokeToken(let id, _): .token(id)
        case .importPlan, .correctEvent: nil
        case .registerLedgerKey, .revokeLedgerKey, .recordCheckpoint, .registerWitness, .removeWitness, .setWitnessThreshold,
            .recordCosignatures:
            .partnership
        }
    }

    /// Whether the command may be back-dated with `--effective`: only changes to an
    /// existing action's life; creations and registrations take effect when recorded.
    public var acceptsEffectiveTime: Bool {
        switch self {
        case .assignAction, .reportProgress, .reviewAction, .amendAction, .correctEvent: true
        default: false
        }
    }

    /// The id of the event the command refers to, which the ledger looks up for it.
    public var referencedEventID: String? {
        switch self {
        case .correctEvent(let id, _, _, _, _, _), .recordCosignatures(let id, _): id
        default: nil
        }
    }

    /// The actions whose records deciding the command reads, beside the plan's small
    /// records (partnership, partners, actors, assessments, plans, priorities); nil when
    /// it may read any action (a plan import). `referenced` is the event a correction
    /// names. A ledger that does not keep the plan in memory loads just these.
    public func actionsRead(referenced: RecordedEvent?) -> [ActionID]? {
        switch self {
        case .createAction(let id, _, _, _), .assignAction(let id, _, _, _), .reportProgress(let id, _, _, _, _),
            .reviewAction(let id, _, _, _), .amendAction(let id, _, _):
            [id]
        case .correctEvent: referenced?.event.action.map { [$0] } ?? []
        case .importPlan: nil
        case .registerPartner, .registerActor, .deactivateActor, .recordAssessment, .adoptPlan, .reviewPlan, .addPriority, .issueToken,
            .revokeToken, .registerLedgerKey, .revokeLedgerKey, .recordCheckpoint, .registerWitness, .removeWitness, .setWitnessThreshold,
            .recordCosignatures:
            []
        }
    }

    /// How messages name the command.
    public var verb: String {
        switch self {
        case .registerPartner: "partner add"
        case .registerActor: "actor add"
        case .deactivateActor: "actor deactivate"
        case .recordAssessment: "assessment record"
        case .adoptPlan: "plan adopt"
        case .reviewPlan: "plan review"
        case .addPriority: "priority add"
        case .createAction: "action create"
        case .assignAction: "action assign"
        case .reportProgress: "action progress"
        case .reviewAction: "action review"
        case .amendAction: "action amend"
        case .importPlan: "plan import"
        case .correctEvent: "action correct"
        case .issueToken: "token issue"
        case .revokeToken: "token revoke"
        case .registerLedgerKey: "key register"
        case .revokeLedgerKey: "key revoke"
        case .recordCheckpoint: "checkpoint"
        case .registerWitness: "witness register"
        case .removeWitness: "witness remove"
        case .setWitnessThreshold: "witness threshold"
        case .recordCosignatures: "checkpoint --cosignature"
        }
    }
}
