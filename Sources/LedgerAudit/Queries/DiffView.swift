import CanonicalJSON
import LedgerCore
import LedgerStore

/// `diff`: the plan at one time against the plan at another, field by field, each
/// change with who made it and when.
public struct DiffView: Sendable {
    public var set: ChangeSet
    public var from: Instant?
    public var to: Instant

    public init(_ set: ChangeSet, from: Instant?, to: Instant) { (self.set, self.from, self.to) = (set, from, to) }

    /// One net difference and the last event in the window that made it.
    public struct Row: Sendable {
        public var kind: String
        public var id: String
        /// added, amended, reassigned, status, progress, reviewed, withdrawn or changed.
        public var category: String
        public var field: String
        public var before: JSONValue?
        public var after: JSONValue?
        public var by: LogEntry?
    }

    public var rows: [Row] { Array(lazyRows) }

    /// ``rows``, each made when it is read: the JSON document's changes.
    private var lazyRows: LazyMapSequence<[FieldChange], Row> {
        var last: [String: Int64] = [:]
        for change in set.changes { last["\(change.kind)/\(change.id)/\(change.field)"] = change.position }
        return set.differences.lazy.map { [set] c in
            let position = last["\(c.kind)/\(c.id)/\(c.field)"] ?? last["\(c.kind)/\(c.id)/added"]
            return Row(
                kind: c.kind, id: c.id, category: Self.category(kind: c.kind, field: c.field, after: c.after), field: c.field,
                before: c.before, after: c.after, by: position.flatMap(set.entry(at:)))
        }
    }

    static func category(kind: String, field: String, after: JSONValue?) -> String {
        guard field != "added" else { return "added" }
        guard kind == "action" else { return "changed" }
        switch field {
        case "title", "due": return "amended"
        case "lead", "supporting", "owner": return "reassigned"
        case "status": return after == .string("withdrawn") ? "withdrawn" : "status"
        case "rag": return "status"
        case "percent", "lastProgressAt", "lastProgressNote": return "progress"
        default: return "reviewed"
        }
    }

    /// The difference as JSON: ``jsonDocument`` whole.
    public var json: JSONValue { jsonDocument.value }

    /// The difference as JSON, its changes made one at a time as they are written.
    public var jsonDocument: JSONDocument {
        JSONDocument([
            "from": .value(from.map { .string($0.iso8601) } ?? .null), "to": .value(.string(to.iso8601)),
            "fromPosition": .value(.int(set.beforePosition)), "toPosition": .value(.int(set.after.position)),
            "events": .value(.int(Int64(set.entries.count))),
            "changes": .elements {
                AnyIterator(
                    lazyRows.map { row -> JSONValue in
                        .object([
                            "kind": .string(row.kind), "id": .string(row.id), "category": .string(row.category),
                            "field": .string(row.field),
                            "before": row.before ?? .null, "after": row.after ?? .null,
                            "by": .optional(row.by?.recorded.actor.rawValue), "partner": .optional(row.by?.recorded.partner.rawValue),
                            "recordedAt": .optional(row.by?.recorded.recordedAt.iso8601),
                            "position": row.by.map { .int($0.position) } ?? .null,
                        ])
                    }.makeIterator())
            },
        ])
    }

    /// The changes as one table, their times written by `clock`: the partnership's local
    /// times for people, UTC instants for CSV. The title names the window as people
    /// typed it (`2023-04-01` to `2023-06-30`, for days).
    public func table(clock: ReportClock) -> TextTable {
        TextTable(
            title:
                "Changes from \(from.map { clock.text($0) } ?? "the start") (position \(set.beforePosition)) to \(clock.end(to)) (position \(set.after.position))",
            columns: ["kind", "id", "category", "field", "before", "after", "by", "partner", "recordedAt"],
            cells: rows.map { row in
                [
                    .text(row.kind), .text(row.id), .text(row.category), .text(row.field), Self.cell(row.field, row.before, clock: clock),
                    Self.cell(row.field, row.after, clock: clock), .text(row.by?.recorded.actor.rawValue ?? ""),
                    .text(row.by?.recorded.partner.rawValue ?? ""),
                    row.by.cell { .instant($0.recorded.recordedAt, clock.text($0.recorded.recordedAt)) },
                ]
            })
    }

    /// A field's value before or after a change as one cell, typed by its field
    /// (``TextTable/Cell/json(_:field:shownInstant:)``): an instant (`lastProgressAt`)
    /// written by `clock`, like every other time of the output.
    static func cell(_ field: String, _ value: JSONValue?, clock: ReportClock) -> TextTable.Cell {
        .json(value, field: field) { clock.text($0) }
    }

    /// A value as one cell's text.
    public static func text(_ value: JSONValue?) -> String { TextTable.Cell.json(value, field: "", shownInstant: \.iso8601).text }
}
