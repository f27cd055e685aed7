import GRDB
import LedgerCore

/// One SQL table of the current plan, and how its rows follow from ``PlanState``.
///
/// The rows are computed from the fold and nothing else, so the tables can be dropped
/// and rebuilt from the log byte for byte, and `verify` can compare them with a replay.
struct ProjectionTable: Sendable {
    let name: String
    let columns: [String]
    /// Every row of the table for `state`, keyed by id.
    let rows: @Sendable (PlanState) -> [String: [DatabaseValue]]

    /// Bumped whenever the rows of any table would come out differently; a file whose
    /// projection has another version is rebuilt from the log when opened for writing.
    static let version = 1

    static let all: [ProjectionTable] = [partners, actors, assessments, plans, priorities, actions]

    static let partners = ProjectionTable(name: "partners", columns: ["id", "name", "responsible_authority"]) { state in
        state.partners.mapValues { [$0.id.rawValue.databaseValue, $0.name.databaseValue, $0.responsibleAuthority.databaseValue] }
            .rekeyed
    }

    static let actors = ProjectionTable(name: "actors", columns: ["id", "name", "partner_id", "role", "active"]) { state in
        state.actors.mapValues {
            [
                $0.id.rawValue.databaseValue, $0.name.databaseValue, $0.partner.rawValue.databaseValue,
                $0.role.rawValue.databaseValue, $0.active.databaseValue,
            ]
        }.rekeyed
    }

    static let assessments = ProjectionTable(name: "assessments", columns: ["id", "year", "title", "summary"]) { state in
        state.assessments.mapValues {
            [$0.id.rawValue.databaseValue, $0.year.databaseValue, $0.title.databaseValue, $0.summary.databaseValue]
        }.rekeyed
    }

    static let plans = ProjectionTable(
        name: "plans",
        columns: ["id", "title", "period_from", "period_to", "assessment_id", "last_review_at", "last_review_note"]
    ) { state in
        state.plans.mapValues {
            [
                $0.id.rawValue.databaseValue, $0.title.databaseValue, $0.from.iso8601.databaseValue, $0.to.iso8601.databaseValue,
                $0.assessment?.rawValue.databaseValue ?? .null, $0.lastReviewAt?.iso8601.databaseValue ?? .null,
                $0.lastReviewNote.databaseValue,
            ]
        }.rekeyed
    }

    static let priorities = ProjectionTable(name: "priorities", columns: ["id", "plan_id", "title", "scope", "retired"]) { state in
        state.priorities.mapValues {
            [
                $0.id.rawValue.databaseValue, $0.plan.rawValue.databaseValue, $0.title.databaseValue, $0.scope.databaseValue,
                $0.retired.databaseValue,
            ]
        }.rekeyed
    }

    static let actions = ProjectionTable(
        name: "actions",
        columns: [
            "id", "priority_id", "title", "due", "status", "rag", "lead_id", "supporting", "owner_id", "percent",
            "last_progress_at", "last_progress_note", "last_review_at", "last_review_outcome", "last_review_note",
            "next_review", "closed", "carry_forward", "version", "created_at",
        ]
    ) { state in
        state.actions.mapValues { a in
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
        }.rekeyed
    }
}

extension Dictionary where Key: IdentifierKeyed {
    fileprivate var rekeyed: [String: Value] {
        Dictionary<String, Value>(uniqueKeysWithValues: map { ($0.key.rawValue, $0.value) })
    }
}

protocol IdentifierKeyed { var rawValue: String { get } }
extension Identifier: IdentifierKeyed {}
