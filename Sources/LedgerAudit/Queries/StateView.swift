import CanonicalJSON
import LedgerCore

/// The plan at one point, as `state` prints it (Schemas/state.schema.json).
///
/// Every key is always present: arrays are `[]` when empty, other values `null`, so a
/// script never has to ask whether a key exists.
public struct StateView: Sendable {
    public var state: PlanState
    /// The instant asked for, or the time of the query.
    public var asOf: Instant
    /// The effective cut-off, if one was given.
    public var effective: Instant?
    /// The last log position recorded by `asOf`, whether or not its event had taken
    /// effect by `effective`.
    public var position: Int64

    public init(state: PlanState, asOf: Instant, effective: Instant?, position: Int64? = nil) {
        (self.state, self.asOf, self.effective, self.position) = (state, asOf, effective, position ?? state.position)
    }

    public var json: JSONValue {
        .object([
            "position": .int(position),
            "asOf": .string(asOf.iso8601),
            "effective": effective.map { .string($0.iso8601) } ?? .null,
            "partners": .array(sorted(state.partners).map(Self.json)),
            "actors": .array(sorted(state.actors).map(Self.json)),
            "plans": .array(sorted(state.plans).map(Self.json)),
            "priorities": .array(sorted(state.priorities).map(Self.json)),
            "actions": .array(sorted(state.actions).map(Self.json)),
        ])
    }

    /// One table per kind, for the table and Markdown formats.
    public var tables: [TextTable] {
        [
            TextTable(
                title: "Partners", columns: ["id", "name", "responsible authority"],
                rows: sorted(state.partners).map { [$0.id.rawValue, $0.name, $0.responsibleAuthority ? "yes" : "no"] }),
            TextTable(
                title: "Actors", columns: ["id", "name", "partner", "role", "active"],
                rows: sorted(state.actors).map {
                    [$0.id.rawValue, $0.name, $0.partner.rawValue, $0.role.rawValue, $0.active ? "yes" : "no"]
                }),
            TextTable(
                title: "Plans", columns: ["id", "title", "from", "to", "assessment"],
                rows: sorted(state.plans).map { [$0.id.rawValue, $0.title, $0.from.iso8601, $0.to.iso8601, $0.assessment?.rawValue ?? ""] }),
            TextTable(
                title: "Priorities", columns: ["id", "plan", "title", "retired"],
                rows: sorted(state.priorities).map { [$0.id.rawValue, $0.plan.rawValue, $0.title, $0.retired ? "yes" : "no"] }),
            actionsTable,
        ]
    }

    /// The actions alone: what the CSV format prints, one row per action.
    public var actionsTable: TextTable {
        TextTable(
            title: "Actions", columns: ["id", "priority", "status", "rag", "lead", "supporting", "owner", "due", "version", "title"],
            rows: sorted(state.actions).map {
                [
                    $0.id.rawValue, $0.priority.rawValue, $0.status.rawValue, $0.rag.rawValue, $0.lead?.rawValue ?? "",
                    $0.supporting.map(\.rawValue).joined(separator: " "), $0.owner?.rawValue ?? "", $0.due?.iso8601 ?? "",
                    String($0.version), $0.title,
                ]
            })
    }

    /// The records in id order. The ids are sorted, not the records, which are large
    /// to move.
    private func sorted<K, V>(_ records: [Identifier<K>: V]) -> [V] {
        records.keys.sorted().map { records[$0]! }
    }

    /// The fields the JSON forms below write as instants (UTC), so that a report for
    /// people can write their values in the partnership's zone instead.
    static let instantFields: Set<String> = ["lastProgressAt", "lastReviewAt", "createdAt"]

    static func json(_ p: PartnerRecord) -> JSONValue {
        .object(["id": .string(p.id.rawValue), "name": .string(p.name), "responsibleAuthority": .bool(p.responsibleAuthority)])
    }

    static func json(_ a: ActorRecord) -> JSONValue {
        .object([
            "id": .string(a.id.rawValue), "name": .string(a.name), "partner": .string(a.partner.rawValue),
            "role": .string(a.role.rawValue), "active": .bool(a.active),
        ])
    }

    static func json(_ a: AssessmentRecord) -> JSONValue {
        .object([
            "id": .string(a.id.rawValue), "year": .int(Int64(a.year)), "title": .string(a.title), "summary": .optional(a.summary),
        ])
    }

    static func json(_ p: PlanRecord) -> JSONValue {
        .object([
            "id": .string(p.id.rawValue), "title": .string(p.title), "from": .string(p.from.iso8601), "to": .string(p.to.iso8601),
            "assessment": .optional(p.assessment?.rawValue), "lastReviewAt": .optional(p.lastReviewAt?.iso8601),
            "lastReviewNote": .optional(p.lastReviewNote),
        ])
    }

    static func json(_ p: PriorityRecord) -> JSONValue {
        .object([
            "id": .string(p.id.rawValue), "plan": .string(p.plan.rawValue), "title": .string(p.title),
            "scope": .optional(p.scope), "retired": .bool(p.retired),
        ])
    }

    /// One action as `state` prints it; what `GET /api/actions/{id}` answers.
    public static func json(_ a: ActionRecord) -> JSONValue {
        .object([
            "id": .string(a.id.rawValue), "priority": .string(a.priority.rawValue), "title": .string(a.title),
            "status": .string(a.status.rawValue), "rag": .string(a.rag.rawValue), "lead": .optional(a.lead?.rawValue),
            "supporting": .array(a.supporting.map { .string($0.rawValue) }), "owner": .optional(a.owner?.rawValue),
            "due": .optional(a.due?.iso8601), "version": .int(Int64(a.version)),
            "percent": a.percent.map { .int(Int64($0)) } ?? .null,
            "lastProgressAt": .optional(a.lastProgressAt?.iso8601), "lastProgressNote": .optional(a.lastProgressNote),
            "lastReviewAt": .optional(a.lastReviewAt?.iso8601), "lastReviewOutcome": .optional(a.lastReviewOutcome?.rawValue),
            "lastReviewNote": .optional(a.lastReviewNote), "nextReview": .optional(a.nextReview?.iso8601),
            "closed": .bool(a.closed), "carryForward": .bool(a.carryForward), "createdAt": .string(a.createdAt.iso8601),
        ])
    }
}

extension JSONValue {
    /// A string, or `null` when absent.
    static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
}
