/// The partnership itself, as `init` set it up.
public struct PartnershipRecord: Equatable, Sendable {
    public var name: String
    public var timeZone: String
    /// Whether the ledger's maker may set its clock (`init --test-clock`, `demo`).
    public var testClock: Bool
    /// The version of the rules its events follow now.
    public var rules: Int
}

public struct PartnerRecord: Equatable, Sendable {
    public var id: PartnerID
    public var name: String
    public var responsibleAuthority: Bool
}

public struct ActorRecord: Equatable, Sendable {
    public var id: ActorID
    public var name: String
    public var partner: PartnerID
    public var role: Role
    public var active: Bool
}

public struct AssessmentRecord: Equatable, Sendable {
    public var id: AssessmentID
    public var year: Int
    public var title: String
    public var summary: String?
}

public struct PlanRecord: Equatable, Sendable {
    public var id: PlanID
    public var title: String
    public var from: LocalDate
    public var to: LocalDate
    public var assessment: AssessmentID?
    /// When the last annual review took effect, and what it said.
    public var lastReviewAt: Instant?
    public var lastReviewNote: String?
}

public struct PriorityRecord: Equatable, Sendable {
    public var id: PriorityID
    public var plan: PlanID
    public var title: String
    public var scope: String?
    /// Retired by a plan review: its actions go on, it takes no new ones.
    public var retired: Bool
}

/// An action as the fold leaves it.
///
/// Each field group remembers the fold key of the fact that set it, and a fact only
/// replaces a value set by an earlier-effective one. Folding in (effective, position)
/// order and folding in log order therefore give the same action, which is what lets
/// the projection be kept up to date one append at a time.
public struct ActionRecord: Equatable, Sendable {
    public var id: ActionID
    public var priority: PriorityID
    public var title: String
    public var due: LocalDate?
    public var status: ActionStatus
    public var lead: PartnerID?
    /// Sorted by id.
    public var supporting: [PartnerID]
    public var owner: ActorID?
    public var percent: Int?
    public var lastProgressAt: Instant?
    public var lastProgressNote: String?
    public var lastReviewAt: Instant?
    public var lastReviewOutcome: ReviewOutcome?
    public var lastReviewNote: String?
    public var nextReview: LocalDate?
    /// Closed by a `complete` or `withdraw` review; takes no further changes.
    public var closed: Bool
    /// Marked by a `carry-forward` review to continue into the next plan year.
    public var carryForward: Bool
    /// The number of the action's events in the fold.
    public var version: Int
    public var createdAt: Instant

    public var rag: RAG { status.rag }
    public var isAssigned: Bool { lead != nil }

    /// Whether `partner` is the lead or a supporting partner.
    public func involves(_ partner: PartnerID) -> Bool { lead == partner || supporting.contains(partner) }

    var keys = Keys()

    /// The fold key of the fact behind each field group.
    struct Keys: Equatable, Sendable {
        var title: FoldKey?
        var due: FoldKey?
        var status: FoldKey?
        var assignment: FoldKey?
        var percent: FoldKey?
        var progress: FoldKey?
        var review: FoldKey?
    }
}

/// Sets a value only when `key` is later than the key of the value it replaces.
func setIfLater(_ current: inout FoldKey?, _ key: FoldKey, _ update: () -> Void) {
    if let existing = current, existing > key { return }
    current = key
    update()
}
