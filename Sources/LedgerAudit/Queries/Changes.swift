import CanonicalJSON
import LedgerCore
import LedgerStore

/// One field of one thing changed by one event: the unit of `diff` and of the
/// governance report.
public struct Change: Sendable, Equatable {
    public var entry: LogEntry
    /// `partner`, `actor`, `assessment`, `plan`, `priority` or `action`.
    public var kind: String
    public var id: String
    public var field: String
    /// The value before and after, as `state --format json` writes it (nil: absent).
    public var before: JSONValue?
    public var after: JSONValue?
}

/// What happened between two points of the log, worked out by folding it event by
/// event and comparing each thing an event touched before and after it: the fold stays
/// the only definition of what an event changed.
public struct ChangeSet: Sendable {
    /// The plan as recorded before the window opened.
    public var before: PlanState
    /// The plan as recorded at the window's end.
    public var after: PlanState
    /// Every field changed by an event recorded in the window, in log order.
    public var changes: [Change]
    /// The events recorded in the window.
    public var entries: [LogEntry]
}

extension Change {
    /// The field changes between two plans, kind by kind and id by id, in id order.
    public static func fieldChanges(from old: PlanState, to new: PlanState, kinds: Set<String>? = nil, only id: String? = nil)
        -> [(kind: String, id: String, field: String, before: JSONValue?, after: JSONValue?)]
    {
        var out: [(String, String, String, JSONValue?, JSONValue?)] = []
        for (kind, records) in recordsByKind(old, new) where kinds?.contains(kind) ?? true {
            for recordID in Set(records.old.keys).union(records.new.keys).sorted() where id == nil || recordID == id {
                let a = records.old[recordID] ?? [:], b = records.new[recordID] ?? [:]
                guard a != b else { continue }
                if a.isEmpty {
                    // A new thing is one change, named by its title or name; its fields are not each a change.
                    out.append((kind, recordID, "added", nil, b["title"] ?? b["name"] ?? .string(recordID)))
                    continue
                }
                for field in Set(a.keys).union(b.keys).sorted() where field != "id" && field != "version" && a[field] != b[field] {
                    out.append((kind, recordID, field, a[field], b[field]))
                }
            }
        }
        return out
    }

    /// The changes one event made, from the plan before it to the plan after it.
    static func fieldChanges(of entry: LogEntry, from old: PlanState, to new: PlanState) -> [Change] {
        let kind = entry.streamID.kind.rawValue, id = entry.streamID.id ?? ""
        // A plan review retires priorities, so it is compared on both kinds.
        let kinds: Set<String> = kind == "plan" ? ["plan", "priority"] : [kind]
        return fieldChanges(from: old, to: new, kinds: kinds, only: kind == "plan" ? nil : id).map {
            Change(entry: entry, kind: $0.kind, id: $0.id, field: $0.field, before: $0.before, after: $0.after)
        }
    }

    private static func recordsByKind(_ old: PlanState, _ new: PlanState)
        -> [(String, (old: [String: [String: JSONValue]], new: [String: [String: JSONValue]]))]
    {
        func fields<K, V>(_ records: [Identifier<K>: V], _ json: (V) -> JSONValue) -> [String: [String: JSONValue]] {
            Dictionary(
                uniqueKeysWithValues: records.map { key, value in
                    guard case .object(let object) = json(value) else { return (key.rawValue, [:]) }
                    return (key.rawValue, object)
                })
        }
        return [
            ("partner", (fields(old.partners, StateView.json), fields(new.partners, StateView.json))),
            ("actor", (fields(old.actors, StateView.json), fields(new.actors, StateView.json))),
            ("assessment", (fields(old.assessments, StateView.json), fields(new.assessments, StateView.json))),
            ("plan", (fields(old.plans, StateView.json), fields(new.plans, StateView.json))),
            ("priority", (fields(old.priorities, StateView.json), fields(new.priorities, StateView.json))),
            ("action", (fields(old.actions, StateView.json), fields(new.actions, StateView.json))),
        ]
    }
}
