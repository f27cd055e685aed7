import CanonicalJSON
import LedgerCore
import LedgerStore

/// One field of one thing changed by one event: the unit of `diff` and of the
/// governance report.
///
/// It names its event by position (``ChangeSet/entry(at:)`` finds it) rather than
/// holding a copy: a quarter of a large ledger has hundreds of thousands of changes,
/// and a copy of the event in each held most of the report's memory.
public struct Change: Sendable, Equatable {
    /// The position of the event that made the change.
    public var position: Int64
    /// `partner`, `actor`, `assessment`, `plan`, `priority` or `action`.
    public var kind: String
    public var id: String
    public var field: String
    /// The value before and after, as `state --format json` writes it (nil: absent).
    public var before: JSONValue?
    public var after: JSONValue?
}

/// One field of one thing that differs between two plans, with no event attached: a
/// row of `diff` before it is given the event that last made it.
public struct FieldChange: Sendable, Equatable {
    public var kind: String
    public var id: String
    public var field: String
    public var before: JSONValue?
    public var after: JSONValue?
}

/// What happened between two points of the log, worked out by folding it event by
/// event and comparing the records each event touched before and after it: the fold
/// stays the only definition of what an event changed.
///
/// It holds one plan, the one at the window's end, not the one before it as well: at a
/// million events a plan is tens of megabytes, and only its position was read.
public struct ChangeSet: Sendable {
    /// The last log position recorded before the window opened (0: the log's start).
    public var beforePosition: Int64
    /// The plan as recorded at the window's end.
    public var after: PlanState
    /// Every field changed by an event recorded in the window, in log order.
    public var changes: [Change]
    /// Every field that differs between the plan before the window and `after`, kind by
    /// kind (partner, actor, assessment, plan, priority, action), id by id, field by field.
    public var differences: [FieldChange]
    /// The events recorded in the window, in log order.
    public var entries: [LogEntry]

    /// The event of the window at `position`, or nil when the window holds none there.
    public func entry(at position: Int64) -> LogEntry? {
        var (low, high) = (0, entries.count)
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].position < position { low = middle + 1 } else { high = middle }
        }
        return low < entries.count && entries[low].position == position ? entries[low] : nil
    }
}

extension FieldChange {
    /// The kinds of record a change can be about, in the order changes are listed. The
    /// partnership and tokens are left out: `state` does not show them.
    static let kinds: [StreamID.Kind] = [.partner, .actor, .assessment, .plan, .priority, .action]

    /// The differences between two plans over every record of every kind: the whole-plan
    /// form of what ``AuditQueries/changes(from:to:)`` works out from the records the
    /// window's events touched.
    public static func between(_ old: PlanState, _ new: PlanState) -> [FieldChange] {
        let keys = kinds.flatMap { kind in
            Set(old.ids(of: kind)).union(new.ids(of: kind)).map { RecordKey(kind: kind, id: $0) }
        }
        return between(old, new, at: keys)
    }

    /// The differences between two plans in the records at `keys`, in the order of
    /// ``kinds``, then id, then field.
    static func between(_ old: PlanState, _ new: PlanState, at keys: some Sequence<RecordKey>) -> [FieldChange] {
        ordered(keys).flatMap { of($0, before: old.fields(of: $0), after: new.fields(of: $0)) }
    }

    /// The keys of the kinds `state` shows, each once, in the order changes are listed.
    static func ordered(_ keys: some Sequence<RecordKey>) -> [RecordKey] {
        Set(keys).filter { kinds.contains($0.kind) }.sorted {
            $0.kind == $1.kind ? $0.id < $1.id : kinds.firstIndex(of: $0.kind)! < kinds.firstIndex(of: $1.kind)!
        }
    }

    /// The changed fields of one record, given its fields before and after (nil: the
    /// plan had no such record). A new record is one change, `added`, named by its title
    /// or name; its fields are not each a change. `id` and `version` are not fields.
    static func of(_ key: RecordKey, before: [String: JSONValue]?, after: [String: JSONValue]?) -> [FieldChange] {
        let a = before ?? [:], b = after ?? [:]
        guard a != b else { return [] }
        let kind = key.kind.rawValue
        guard !a.isEmpty else {
            return [FieldChange(kind: kind, id: key.id, field: "added", after: b["title"] ?? b["name"] ?? .string(key.id))]
        }
        return Set(a.keys).union(b.keys).sorted().compactMap { field in
            guard field != "id", field != "version", a[field] != b[field] else { return nil }
            return FieldChange(kind: kind, id: key.id, field: field, before: a[field], after: b[field])
        }
    }

    init(kind: String, id: String, field: String, after: JSONValue?) {
        (self.kind, self.id, self.field, self.before, self.after) = (kind, id, field, nil, after)
    }
}

extension Change {
    init(_ change: FieldChange, at position: Int64) {
        (self.position, kind, id, field, before, after) = (position, change.kind, change.id, change.field, change.before, change.after)
    }

    /// The records whose changes an event of `stream` is charged with, of those the fold
    /// says it may touch (``PlanState/recordsTouchable(by:)``): the one its stream is
    /// about and, for a plan's events, the priorities a review retires; only kinds `state`
    /// shows, each once, in the order changes are listed.
    static func reported(by stream: StreamID, among touchable: [RecordKey]) -> [RecordKey] {
        FieldChange.ordered(
            touchable.filter { stream.kind == .plan ? $0.kind == .plan || $0.kind == .priority : $0.kind == stream.kind })
    }
}

extension PlanState {
    /// One record's fields as `state --format json` writes them, or nil when the plan has
    /// no such record (or `state` does not show its kind).
    func fields(of key: RecordKey) -> [String: JSONValue]? {
        let json: JSONValue? =
            switch key.kind {
            case .partner: partners[PartnerID(trusted: key.id)].map(StateView.json)
            case .actor: actors[ActorID(trusted: key.id)].map(StateView.json)
            case .assessment: assessments[AssessmentID(trusted: key.id)].map(StateView.json)
            case .plan: plans[PlanID(trusted: key.id)].map(StateView.json)
            case .priority: priorities[PriorityID(trusted: key.id)].map(StateView.json)
            case .action: actions[ActionID(trusted: key.id)].map(StateView.json)
            case .partnership, .token: nil
            }
        guard case .object(let object) = json else { return nil }
        return object
    }
}
