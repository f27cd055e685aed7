import LedgerCore
import LedgerStore

/// `report plan`: the plan status report a partnership publishes, as the ledger held it
/// at one point: per priority its actions, a RAG summary, and RAG counts quarter by
/// quarter.
public struct PlanReport: Sendable {
    public var clock: ReportClock
    public var asOf: Instant
    public var state: PlanState
    /// The log's head at `asOf`: the report can be checked against the ledger.
    public var digest: Digest
    public var quarters: [Quarter]
    /// The latest checkpoint recorded by `asOf`, with the cosignatures recorded for it.
    public var checkpoint: WitnessedCheckpoint?

    /// The RAG counts per priority as recorded at the end of one quarter of the plan year.
    public struct Quarter: Sendable {
        /// `2023/24 Q1` (April to June 2023, on a plan that runs April to March).
        public var label: String
        public var end: Instant
        public var counts: [PriorityID: [RAG: Int]]
    }

    public static func build(_ ledger: Ledger, asOf: Instant) throws -> PlanReport {
        let calendar = ledger.calendar
        let entries = try ledger.entries(LogFilter(to: asOf))
        let year = PlanQuarters(
            planStarts: entries.compactMap { entry in
                guard case .planAdopted(let plan) = entry.recorded.event else { return nil }
                return plan.from
            })
        var state = PlanState()
        var quarters: [Quarter] = []
        if let first = entries.first, let final = entries.last {
            // Quarter by quarter up to the as-of point, or to the quarter of the last event if that is earlier.
            let stop = min(asOf, calendar.endOfDay(year.quarter(containing: calendar.date(of: final.recorded.recordedAt)).last))
            var quarter = year.quarter(containing: calendar.date(of: first.recorded.recordedAt))
            var index = 0
            while true {
                let cut = min(calendar.endOfDay(quarter.last), stop)
                while index < entries.count, entries[index].recorded.recordedAt <= cut {
                    state.apply(entries[index].recorded)
                    index += 1
                }
                quarters.append(Quarter(label: quarter.label, end: cut, counts: ragCounts(state)))
                if cut >= stop { break }
                quarter = year.quarter(containing: quarter.last.adding(days: 1))
            }
        }
        let last = entries.last
        let checkpoint = try ledger.checkpoints().last { $0.position <= last?.position ?? 0 }
        return PlanReport(
            clock: ReportClock(calendar: calendar), asOf: asOf, state: state,
            digest: Digest(position: last?.position ?? 0, hash: last?.hash ?? HashChain.genesis, recordedAt: last?.recorded.recordedAt),
            quarters: quarters, checkpoint: checkpoint)
    }

    /// The RAG counts of each priority's actions.
    static func ragCounts(_ state: PlanState) -> [PriorityID: [RAG: Int]] {
        var counts: [PriorityID: [RAG: Int]] = [:]
        for priority in state.priorities.keys { counts[priority] = [:] }
        for action in state.actions.values { counts[action.priority, default: [:]][action.rag, default: 0] += 1 }
        return counts
    }

    /// Priorities in plan order (plans by id, then priority id).
    public var priorities: [PriorityRecord] {
        state.priorities.values.sorted { ($0.plan, $0.id) < ($1.plan, $1.id) }
    }
}
