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

    /// One table per kind, for the table, Markdown and xlsx formats.
    public var tables: [TextTable] {
        [
            TextTable(
                title: "Partners", columns: ["id", "name", "responsible authority"],
                cells: sorted(state.partners).map { [.text($0.id.rawValue), .text($0.name), .boolean($0.responsibleAuthority)] }),
            TextTable(
                title: "Actors", columns: ["id", "name", "partner", "role", "active"],
                cells: sorted(state.actors).map {
                    [.text($0.id.rawValue), .text($0.name), .text($0.partner.rawValue), .text($0.role.rawValue), .boolean($0.active)]
                }),
            TextTable(
                title: "Plans", columns: ["id", "title", "from", "to", "assessment"],
                cells: sorted(state.plans).map {
                    [
                        .text($0.id.rawValue), .text($0.title), .date($0.from, $0.from.iso8601), .date($0.to, $0.to.iso8601),
                        .text($0.assessment?.rawValue ?? ""),
                    ]
                }),
            TextTable(
                title: "Priorities", columns: ["id", "plan", "title", "retired"],
                cells: sorted(state.priorities).map {
                    [.text($0.id.rawValue), .text($0.plan.rawValue), .text($0.title), .boolean($0.retired)]
                }),
            actionsTable,
        ]
    }

    /// The actions alone: what the CSV format prints, one row per action, with what a
    /// spreadsheet user asks about: percent, last progress report, next review, closed,
    /// the owner's name, due.
    public var actionsTable: TextTable {
        TextTable(
            title: "Actions",
            columns: [
                "id", "priority", "status", "rag", "lead", "supporting", "owner", "due", "version", "title", "percent", "owner name",
                "next review", "closed", "last progress", "last progress note",
            ],
            cells: sorted(state.actions).map { a in
                [
                    .text(a.id.rawValue), .text(a.priority.rawValue), .text(a.status.rawValue), .text(a.rag.rawValue),
                    .text(a.lead?.rawValue ?? ""), .text(a.supporting.map(\.rawValue).joined(separator: " ")),
                    .text(a.owner?.rawValue ?? ""),
                    a.due.cell { .date($0, $0.iso8601) }, .integer(a.version), .text(a.title), a.percent.cell { .integer($0) },
                    .text(a.owner.map { state.actors[$0]?.name ?? "" } ?? ""), a.nextReview.cell { .date($0, $0.iso8601) },
                    .boolean(a.closed), a.lastProgressAt.cell { .instant($0, $0.iso8601) }, .text(a.lastProgressNote ?? ""),
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

    /// The fields the JSON forms below write as days (`YYYY-MM-DD`), which a
    /// spreadsheet keeps as dates.
    static let dateFields: Set<String> = ["due", "nextReview", "from", "to"]

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
