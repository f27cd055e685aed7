/// `action correct`: a coordinator restates a wrong progress report or review.
extension Decider {
    /// Corrects the event `eventID`, which `context` holds as its referenced event.
    /// ``Decider/decide(_:in:)`` has checked that the writer is a coordinator.
    static func correct(
        _ eventID: String, reason: String, status: ActionStatus?, note: String?, percent: Int?, nextReview: LocalDate?,
        by writer: ActorRecord, in context: Decision
    ) throws(LedgerError) -> [Event] {
        guard let target = context.referenced else {
            throw .unknown("no event has the id '\(eventID.printable)'", hint: .findEvent)
        }
        guard context.effectiveAt >= target.effectiveAt else {
            throw .invalid("a correction cannot take effect (\(context.effectiveAt)) before the event it corrects (\(target.effectiveAt))")
        }
        let checkedReason = try context.text(reason, "reason", as: .long)
        guard !checkedReason.isEmpty else { throw .invalid("a correction needs a reason saying what was wrong") }
        let base = try correctable(target)
        var corrected = base
        if base.outcome != nil {
            guard status == nil, percent == nil else {
                throw .invalid("event \(eventID) is a review; its note and next review date can be corrected, not a status or percent")
            }
            if let nextReview {
                let reviewDay = context.calendar.date(of: base.originalEffectiveAt)
                guard nextReview > reviewDay else {
                    throw .invalid("the next review (\(nextReview)) must be after the day of the review it corrects (\(reviewDay))")
                }
                corrected.nextReview = nextReview
            }
        } else {
            guard nextReview == nil else {
                throw .invalid("event \(eventID) is a progress report; its status, note and percent can be corrected, not a next review")
            }
            if let status {
                guard status != .withdrawn else { throw .invalid("progress cannot report 'withdrawn'") }
                corrected.status = status
            }
            if let percent {
                guard (0...100).contains(percent) else {
                    throw .invalid("percent \(percent) is out of range; give a whole number from 0 to 100")
                }
                corrected.percent = percent
            }
        }
        if let note { corrected.note = try context.text(note, "note", as: .long) }
        guard corrected != base else {
            throw .invalid("the correction changes nothing; give the corrected status, note, percent or next review date")
        }
        let event = Event.actionCorrected(
            .init(
                action: base.action, corrects: target.eventID, original: base.original, originalType: base.originalType,
                originalPosition: base.originalPosition, originalEffectiveAt: base.originalEffectiveAt, reason: checkedReason,
                status: corrected.status, note: corrected.note, percent: corrected.percent, outcome: corrected.outcome,
                nextReview: corrected.nextReview))
        guard context.now.actions[base.action] != nil else {
            throw .unknown("action '\(base.action)' does not exist", missing: .action(base.action))
        }
        try context.atEffective.check(event, by: writer)
        return [event]
    }

    /// The values a correction of `target` starts from: the report itself, or the
    /// values an earlier correction gave it.
    private static func correctable(_ target: RecordedEvent) throws(LedgerError) -> ActionCorrected {
        switch target.event {
        case .actionProgressed(let e):
            return ActionCorrected(
                action: e.action, corrects: target.eventID, original: target.eventID, originalType: ActionProgressed.typeName,
                originalPosition: target.position, originalEffectiveAt: target.effectiveAt, reason: "", status: e.status,
                note: e.note, percent: e.percent, outcome: nil, nextReview: nil)
        case .actionReviewed(let e):
            return ActionCorrected(
                action: e.action, corrects: target.eventID, original: target.eventID, originalType: ActionReviewed.typeName,
                originalPosition: target.position, originalEffectiveAt: target.effectiveAt, reason: "", status: nil,
                note: e.note, percent: nil, outcome: e.outcome, nextReview: e.nextReview)
        case .actionCorrected(var e):
            e.corrects = target.eventID
            e.reason = ""
            return e
        default:
            throw .invalid(
                "event @\(target.position) (\(target.eventID)) is \(target.event.typeName) on \(target.event.streamID); only progress reports, reviews and corrections are corrected (amend or assign the action for the rest)"
            )
        }
    }
}
