import CanonicalJSON
import GRDB
import LedgerCore

/// One SQL table of the current plan, and how its rows follow from `PlanState`.
///
/// The rows are computed from the fold and nothing else, so the tables can be dropped
/// and rebuilt from the log byte for byte, and `verify` can compare them with a replay.
struct ProjectionTable: Sendable {
    let name: String
    /// The stream kind whose events change this table's rows (`action` for `action-…`).
    let kind: StreamID.Kind
    let columns: [String]
    /// The row of one id, or nil when the state has no such thing.
    let row: @Sendable (PlanState, String) -> [DatabaseValue]?
    /// Every id the state holds.
    let ids: @Sendable (PlanState) -> [String]

    /// A table of one kind of record, one row per record.
    static func of<K, V: Sendable>(
        _ name: String, kind: StreamID.Kind, columns: [String], _ records: @escaping @Sendable (PlanState) -> [Identifier<K>: V],
        _ values: @escaping @Sendable (V) -> [DatabaseValue]
    ) -> ProjectionTable {
        ProjectionTable(
            name: name, kind: kind, columns: columns, row: { state, id in records(state)[Identifier(trusted: id)].map(values) },
            ids: { state in records(state).keys.map(\.rawValue) })
    }

    /// Bumped whenever the rows of any table would come out differently; a file whose
    /// projection has another version is rebuilt from the log when opened for writing.
    static let version = 1

    static let all: [ProjectionTable] = [partners, actors, assessments, plans, priorities, actions]

    static let partners = of("partners", kind: .partner, columns: ["id", "name", "responsible_authority"], { $0.partners }) {
        [$0.id.rawValue.databaseValue, $0.name.databaseValue, $0.responsibleAuthority.databaseValue]
    }

    static let actors = of("actors", kind: .actor, columns: ["id", "name", "partner_id", "role", "active"], { $0.actors }) {
        [
            $0.id.rawValue.databaseValue, $0.name.databaseValue, $0.partner.rawValue.databaseValue,
            $0.role.rawValue.databaseValue, $0.active.databaseValue,
        ]
    }

    static let assessments = of("assessments", kind: .assessment, columns: ["id", "year", "title", "summary"], { $0.assessments }) {
        [$0.id.rawValue.databaseValue, $0.year.databaseValue, $0.title.databaseValue, $0.summary.databaseValue]
    }

    static let plans = of(
        "plans", kind: .plan,
        columns: ["id", "title", "period_from", "period_to", "assessment_id", "last_review_at", "last_review_note"], { $0.plans }
    ) {
        [
            $0.id.rawValue.databaseValue, $0.title.databaseValue, $0.from.iso8601.databaseValue, $0.to.iso8601.databaseValue,
            $0.assessment?.rawValue.databaseValue ?? .null, $0.lastReviewAt?.iso8601.databaseValue ?? .null,
            $0.lastReviewNote.databaseValue,
        ]
    }

    static let priorities = of("priorities", kind: .priority, columns: ["id", "plan_id", "title", "scope", "retired"], { $0.priorities }) {
        [
            $0.id.rawValue.databaseValue, $0.plan.rawValue.databaseValue, $0.title.databaseValue, $0.scope.databaseValue,
            $0.retired.databaseValue,
        ]
    }

    static let actions = of(
        "actions", kind: .action,
        columns: [
            "id", "priority_id", "title", "due", "status", "rag", "lead_id", "supporting", "owner_id", "percent",
            "last_progress_at", "last_progress_note", "last_review_at", "last_review_outcome", "last_review_note",
            "next_review", "closed", "carry_forward", "version", "created_at",
        ], { $0.actions }
    ) { a in
        let supporting = JSONValue.array(a.supporting.map { .string($0.rawValue) }).canonical
        return [
            a.id.rawValue.databaseValue, a.priority.rawValue.databaseValue, a.title.databaseValue,
            a.due?.iso8601.databaseValue ?? .null, a.status.rawValue.databaseValue, a.rag.rawValue.databaseValue,
            a.lead?.rawValue.databaseValue ?? .null, supporting.databaseValue, a.owner?.rawValue.databaseValue ?? .null,
            a.percent.databaseValue, a.lastProgressAt?.iso8601.databaseValue ?? .null, a.lastProgressNote.databaseValue,
            a.lastReviewAt?.iso8601.databaseValue ?? .null, a.lastReviewOutcome?.rawValue.databaseValue ?? .null,
            a.lastReviewNote.databaseValue, a.nextReview?.iso8601.databaseValue ?? .null, a.closed.databaseValue,
            a.carryForward.databaseValue, a.version.databaseValue, a.createdAt.iso8601.databaseValue,
        ]
    }
}
