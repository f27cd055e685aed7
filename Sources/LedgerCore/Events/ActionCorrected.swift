/// A correction of a progress report or a review: the facts it should have held.
///
/// Nothing in the log is edited. The correction names the event it corrects (which may
/// itself be a correction) and the original report at the root of that chain, and
/// carries the report's whole corrected values. The fold applies them in the original
/// report's place (its effective time and position), so a correction changes the
/// action only where the original report still counts, and only from the correction's
/// recording on.
public struct ActionCorrected: ActionEventPayload {
    public static let typeName = "ActionCorrected"
    public var event: Event { .actionCorrected(self) }

    public var action: ActionID
    /// The event this correction corrects directly.
    public var corrects: String
    /// The original report at the root of the chain of corrections.
    public var original: String
    public var originalType: String
    public var originalPosition: Int64
    public var originalEffectiveAt: Instant
    /// Why the original was wrong.
    public var reason: String
    /// The corrected report: status, note and percent of a progress report; outcome,
    /// note and next review of a review.
    public var status: ActionStatus?
    public var note: String?
    public var percent: Int?
    public var outcome: ReviewOutcome?
    public var nextReview: LocalDate?

    public init(
        action: ActionID, corrects: String, original: String, originalType: String, originalPosition: Int64,
        originalEffectiveAt: Instant, reason: String, status: ActionStatus?, note: String?, percent: Int?,
        outcome: ReviewOutcome?, nextReview: LocalDate?
    ) {
        self.action = action
        self.corrects = corrects
        self.original = original
        self.originalType = originalType
        self.originalPosition = originalPosition
        self.originalEffectiveAt = originalEffectiveAt
        self.reason = reason
        self.status = status
        self.note = note
        self.percent = percent
        self.outcome = outcome
        self.nextReview = nextReview
    }

    /// The fold key of the original report, where the corrected values belong.
    public var originalKey: FoldKey { FoldKey(effectiveAt: originalEffectiveAt, position: originalPosition) }
}
