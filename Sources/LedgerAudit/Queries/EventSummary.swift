import LedgerCore
import LedgerStore

/// A change as a person reads it in the `history` and `log` tables
/// (`status on-track → at-risk, 40%`): the one place that words events for people.
/// JSON and CSV keep the payload itself.
///
/// The words come from the event's payload. What the event did to its action comes from
/// the fold (``LedgerCore/PlanState``, the only definition of what an event does): an
/// arrow shows a value the event changed, from what the action held just before it in
/// log order. A back-dated report that an earlier-recorded, later-effective one
/// outweighs changes nothing, and shows its value without an arrow.
public enum EventSummary {
    /// The summary of each of `entries`, in order, its times written by `clock`.
    /// - Parameter stream: the entries of one stream, in log order, from its first
    ///   (`history` passes the action's own entries).
    /// - Throws: what `stream` throws.
    public static func texts(_ entries: [LogEntry], clock: ReportClock, stream: (StreamID) throws -> [LogEntry]) rethrows -> [String] {
        var folded: [Int64: Folded] = [:]
        for action in Set(entries.compactMap { $0.streamID.action }).sorted() {
            var plan = PlanState()
            for entry in try stream(.action(action)) {
                let before = plan.actions[action]
                plan.apply(entry.recorded)
                folded[entry.position] = Folded(before: before, after: plan.actions[action])
            }
        }
        return entries.map { text($0.recorded.event, folded[$0.position] ?? Folded(before: nil, after: nil), clock: clock) }
    }

    /// An action just before and just after one of its events.
    struct Folded {
        let before: ActionRecord?
        let after: ActionRecord?

        /// `old → new` where the event changed the value from `old`, else `new`, the
        /// value the event gave.
        func change<T: Equatable>(_ value: (ActionRecord) -> T?, _ given: T, _ text: (T) -> String) -> String {
            guard let old = before.flatMap(value), let now = after.flatMap(value), now == given, old != given else { return text(given) }
            return "\(text(old)) → \(text(given))"
        }
    }

    static func text(_ event: Event, _ action: Folded, clock: ReportClock) -> String {
        switch event {
        case .actionCreated(let e):
            return "created \(quoted(e.title)) under \(e.priority)" + (e.due.map { ", due \($0)" } ?? "")
        case .actionAssigned(let e):
            var parts = ["lead \(action.change({ $0.lead }, e.lead, \.rawValue))"]
            let supporting = e.supporting.map(\.rawValue).sorted().joined(separator: " ")
            parts.append(supporting.isEmpty ? "no supporting partners" : "supporting \(supporting)")
            if let owner = e.owner { parts.append("owner \(action.change({ $0.owner }, owner, \.rawValue))") }
            return parts.joined(separator: ", ")
        case .actionProgressed(let e):
            var parts = ["status \(action.change({ $0.status }, e.status, \.rawValue))"]
            if let percent = e.percent { parts.append(action.change({ $0.percent }, percent) { "\($0)%" }) }
            if let note = e.note { parts.append(quoted(note)) }
            if !e.evidence.isEmpty { parts.append("evidence \(e.evidence.joined(separator: " "))") }
            return parts.joined(separator: ", ")
        case .actionReviewed(let e):
            var parts = ["review: \(e.outcome.rawValue)"]
            if let closing = e.outcome.closingStatus { parts.append("status \(action.change({ $0.status }, closing, \.rawValue))") }
            if let next = e.nextReview { parts.append("next review \(next)") }
            if let note = e.note { parts.append(quoted(note)) }
            return parts.joined(separator: ", ")
        case .actionAmended(let e):
            var parts: [String] = []
            if let title = e.title { parts.append("title \(action.change({ $0.title }, title, quoted))") }
            if let due = e.due { parts.append("due \(action.change({ $0.due }, due, \.iso8601))") }
            return parts.joined(separator: ", ")
        case .actionCorrected(let e):
            // A correction restates every value of the report or review it corrects.
            var parts: [String] = []
            if let status = e.status { parts.append("status \(status.rawValue)") }
            if let outcome = e.outcome { parts.append("review: \(outcome.rawValue)") }
            if let percent = e.percent { parts.append("\(percent)%") }
            if let next = e.nextReview { parts.append("next review \(next)") }
            if let note = e.note { parts.append(quoted(note)) }
            parts.append("because \(quoted(e.reason))")
            return "corrects @\(e.originalPosition): " + parts.joined(separator: ", ")
        case .partnershipEstablished(let e):
            return "partnership \(quoted(e.name)), times in \(e.timeZone)" + (e.testClock ? ", test clock" : "")
        case .partnerRegistered(let e):
            return "partner \(e.partner) \(quoted(e.name))" + (e.responsibleAuthority ? ", responsible authority" : "")
        case .actorRegistered(let e):
            return "actor \(e.actor) \(quoted(e.name)), \(e.role.rawValue) for \(e.partner)"
        case .actorDeactivated(let e):
            return "deactivated \(e.actor)" + (e.reason.map { ", \(quoted($0))" } ?? "")
        case .strategicAssessmentRecorded(let e):
            return "assessment \(e.assessment) \(quoted(e.title)) for \(e.year)"
        case .planAdopted(let e):
            return "plan \(e.plan) \(quoted(e.title)), \(e.from) to \(e.to)" + (e.assessment.map { ", from \($0)" } ?? "")
        case .priorityAdded(let e):
            return "priority \(e.priority) \(quoted(e.title)) in \(e.plan)"
        case .planReviewed(let e):
            let retired = e.retired.isEmpty ? "" : ", retired \(e.retired.map(\.rawValue).joined(separator: " "))"
            return "annual review of \(e.plan)\(retired), \(quoted(e.note))"
        case .tokenIssued(let e):
            return "token \(e.token) for \(e.actor), expires \(clock.text(e.expiresAt))" + (e.label.map { ", \(quoted($0))" } ?? "")
        case .tokenRevoked(let e):
            return "revoked token \(e.token)" + (e.reason.map { ", \(quoted($0))" } ?? "")
        case .clockBehindAccepted(let e):
            return "clock read \(clock.text(e.clockAt)), behind the last recording at \(clock.text(e.lastRecordedAt))"
        default:
            // The ledger's own records (rules, keys, checkpoints): their payload says it best.
            return event.canonicalPayload()
        }
    }

    static func quoted(_ text: String) -> String { "\"\(text)\"" }
}
