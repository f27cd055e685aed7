import LedgerAudit
import LedgerCore
import LedgerStore

/// An action's history as the action page's timeline: each event in the words of
/// `history` (``LedgerAudit/EventSummary``), by whom and for which partner, when it was
/// recorded and, if earlier, when it took effect (Europe/London, for people), whether a
/// credential authorised it or its actor was declared, and the corrections between
/// events, linked both ways.
struct ActionTimeline {
    struct Entry {
        let position: Int64
        let kind: String
        let summary: String
        let who: String
        let partner: String
        let recorded: String
        /// Only when it differs from the recording time (a back-dated event).
        let effective: String?
        let credentialLine: String
        let corrects: Int64?
        let correctedBy: [Int64]
    }

    /// The entries of `history`, oldest first, names from `state`.
    static func entries(_ history: [LogEntry], state: PlanState, ledger: Ledger) throws -> [Entry] {
        let clock = ReportClock(calendar: ledger.calendar, style: .forPeople)
        let summaries = try EventSummary.texts(history, clock: clock) { try ledger.entries(stream: $0) }
        var correctedBy: [Int64: [Int64]] = [:]
        for entry in history {
            if case .actionCorrected(let e) = entry.recorded.event { correctedBy[e.originalPosition, default: []].append(entry.position) }
        }
        return zip(history, summaries).map { entry, summary in
            let recorded = entry.recorded
            var corrects: Int64?
            if case .actionCorrected(let e) = recorded.event { corrects = e.originalPosition }
            let actor = state.actors[recorded.actor].map { "\($0.name) (\($0.id))" } ?? recorded.actor.rawValue
            let partner = state.partners[recorded.partner].map { "\($0.name) (\($0.id))" } ?? recorded.partner.rawValue
            return Entry(
                position: entry.position, kind: kind(entry.type), summary: summary, who: actor, partner: partner,
                recorded: clock.text(recorded.recordedAt),
                effective: recorded.effectiveAt == recorded.recordedAt ? nil : clock.text(recorded.effectiveAt),
                credentialLine: recorded.credential.map { "Written with credential \($0) (a signed-in token)." }
                    ?? "Declared: written at the command line, without a credential.",
                corrects: corrects, correctedBy: correctedBy[entry.position] ?? [])
        }
    }

    /// `ActionProgressed` as a heading: `Progress reported`.
    static func kind(_ type: String) -> String {
        switch type {
        case "ActionCreated": "Created"
        case "ActionAssigned": "Assigned"
        case "ActionProgressed": "Progress reported"
        case "ActionReviewed": "Reviewed"
        case "ActionAmended": "Amended"
        case "ActionCorrected": "Corrected"
        default: type
        }
    }
}
