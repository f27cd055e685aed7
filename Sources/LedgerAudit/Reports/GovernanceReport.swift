import LedgerCore
import LedgerStore

/// `report governance`: what the partnership board and scrutiny committee read about a
/// period: who changed what, on whose behalf, and what deserves a question.
public struct GovernanceReport: Sendable {
    /// The thresholds a board may tune.
    public struct Thresholds: Sendable {
        /// A change recorded more than this many days after it took effect is flagged.
        public var backDatedDays: Int
        /// An open action with no progress report for more than this many days is stale.
        public var staleDays: Int

        public init(backDatedDays: Int = 7, staleDays: Int = 90) { (self.backDatedDays, self.staleDays) = (backDatedDays, staleDays) }
    }

    /// One event of the period with what it changed and why it is flagged.
    public struct Item: Sendable {
        public var entry: LogEntry
        /// The event's changes: a slice of the report's ``ChangeSet/changes``, not a copy.
        public var changes: ArraySlice<Change>
        public var backDated: Bool
        public var correction: Bool
        /// A lead or contributor whose partner was neither lead nor supporting on the
        /// action when the change was recorded.
        public var outsidePartners: Bool

        public var flags: [String] {
            (backDated ? ["back-dated"] : []) + (correction ? ["correction"] : []) + (outsidePartners ? ["outside partners"] : [])
        }
    }

    /// An open action that has waited too long for a report or a review, or is past its
    /// due date.
    public struct Concern: Sendable {
        public var action: ActionRecord
        /// The last progress report (or, without one, the creation) for stale actions;
        /// the next-review date's start for overdue reviews; the due date's start for
        /// overdue actions.
        public var since: Instant
        public var days: Int
    }

    public var partnership: String
    public var clock: ReportClock
    public var from: Instant
    public var to: Instant
    public var thresholds: Thresholds
    public var set: ChangeSet
    public var items: [Item]
    public var stale: [Concern]
    public var overdueReviews: [Concern]
    /// Open actions whose due date had passed by the end of the period; `days` counts
    /// the partnership's calendar days from the due date to the period's last day.
    public var overdueActions: [Concern]

    /// Counts of events per key, most first, ties by key.
    public func counts(_ key: (LogEntry) -> String) -> [(key: String, events: Int)] {
        Dictionary(set.entries.map { (key($0), 1) }, uniquingKeysWith: +)
            .map { ($0.key, $0.value) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }

    public static func build(_ ledger: Ledger, from: Instant, to: Instant, thresholds: Thresholds = Thresholds()) throws -> GovernanceReport
    {
        // Whether each event came from outside the action's partners is asked of the plan just before it, during the one fold.
        var outside: [Bool] = []
        let set = try AuditQueries(ledger).changes(from: from, to: to) { entry, plan in
            outside.append(isOutsidePartners(entry.recorded, in: plan))
        }
        var items: [Item] = []
        items.reserveCapacity(set.entries.count)
        let backDatedMilliseconds = Int64(thresholds.backDatedDays) * 86_400_000
        // The changes are in log order, as the events are: each event's are the run at its position.
        var next = set.changes.startIndex
        for (entry, outside) in zip(set.entries, outside) {
            let r = entry.recorded
            let first = next
            while next < set.changes.endIndex, set.changes[next].position == r.position { next += 1 }
            let correction = if case .actionCorrected = r.event { true } else { false }
            items.append(
                Item(
                    entry: entry, changes: set.changes[first..<next],
                    backDated: r.recordedAt.millisecondsSince1970 - r.effectiveAt.millisecondsSince1970 > backDatedMilliseconds,
                    correction: correction, outsidePartners: outside))
        }
        let calendar = ledger.calendar
        let open = set.after.actions.values.filter { !$0.closed }.sorted { $0.id < $1.id }
        let staleLimit = to.adding(milliseconds: -Int64(thresholds.staleDays) * 86_400_000)
        let stale = open.compactMap { action -> Concern? in
            let since = action.lastProgressAt ?? action.createdAt
            guard since < staleLimit else { return nil }
            return Concern(action: action, since: since, days: days(from: since, to: to))
        }
        let today = calendar.date(of: to)
        let overdue = open.compactMap { action -> Concern? in
            guard let next = action.nextReview, next < today else { return nil }
            let since = calendar.startOfDay(next)
            return Concern(action: action, since: since, days: days(from: since, to: to))
        }
        let overdueActions = open.compactMap { action -> Concern? in
            guard let due = action.due, due < today else { return nil }
            return Concern(action: action, since: calendar.startOfDay(due), days: Int(today.daysSince1970 - due.daysSince1970))
        }
        return GovernanceReport(
            partnership: set.after.partnership?.name ?? "", clock: ReportClock(calendar: calendar), from: from, to: to,
            thresholds: thresholds, set: set, items: items, stale: stale, overdueReviews: overdue, overdueActions: overdueActions)
    }

    /// Whether a lead or contributor wrote to an action their partner was not on in the
    /// plan as recorded just before the event (`plan`), whatever it was at the event's
    /// effective time: a back-dated report the decider accepted because the partner led
    /// the action then is flagged once the partner has been taken off it. A coordinator
    /// acts for the partnership and is never flagged.
    static func isOutsidePartners(_ r: RecordedEvent, in plan: PlanState) -> Bool {
        guard let id = r.event.action, let action = plan.actions[id], action.isAssigned,
            let role = plan.actors[r.actor]?.role, role == .lead || role == .contributor
        else { return false }
        return !action.involves(r.partner)
    }

    private static func days(from: Instant, to: Instant) -> Int {
        Int((to.millisecondsSince1970 - from.millisecondsSince1970) / 86_400_000)
    }
}
