import CanonicalJSON
import LedgerCore
import LedgerStore

/// The audit questions asked of one ledger beyond its own read API: the history of one
/// action, and what changed in a window, field by field.
///
/// They are answered from ``Ledger``'s reads (`entries`, `state`) and the fold alone, so
/// they live with the other audit views rather than beside the ledger's storage:
/// `AuditQueries(ledger).history(of: action)`.
public struct AuditQueries: Sendable {
    public let ledger: Ledger

    public init(_ ledger: Ledger) { self.ledger = ledger }

    /// Every event of one action, in log order, as recorded up to `asOf`.
    /// - Throws: ``LedgerError`` `.unknown` when the action has no events by then.
    public func history(of action: ActionID, asOf: Instant? = nil) throws -> [LogEntry] {
        let entries = try ledger.entries(LogFilter(to: asOf, stream: .action(action)))
        guard !entries.isEmpty else {
            let error = LedgerError(
                .unknown, "action '\(action)' has no events\(asOf.map { " recorded by \($0)" } ?? ""); check the id", hint: .listActions,
                missing: .action(action))
            throw try ledger.state().suggestingNearMatch(error)
        }
        return entries
    }

    /// The changes recorded from `from` to `to`, both inclusive (nil: the log's start,
    /// or now).
    ///
    /// The plan before the window is read as of just before `from` and each event of the
    /// window is folded into it; only the records the fold says an event may touch are
    /// turned into JSON, before and after it, so the cost follows the window, not the
    /// size of the plan. `visit` sees each event with the plan just before it (for
    /// questions about who could write what), without a copy of the plan.
    public func changes(
        from: Instant?, to: Instant?, visit: (_ entry: LogEntry, _ planBefore: PlanState) -> Void = { _, _ in }
    ) throws -> ChangeSet {
        var plan = try from.map { try ledger.state(asOf: $0.adding(milliseconds: -1)) } ?? PlanState()
        let beforePosition = plan.position
        let window = try ledger.entries(LogFilter(from: from, to: to))
        var changes: [Change] = []
        // Each touched record as it stood before the window (nil: absent), the net differences'
        // "before", in the fold's compact form: as JSON, tens of thousands of records held most
        // of a large quarter's memory.
        var atStart: [RecordKey: [UInt8]?] = [:]
        for entry in window {
            visit(entry, plan)
            let touchable = plan.recordsTouchable(by: entry.recorded.event)
            for key in touchable where atStart[key] == nil && FieldChange.kinds.contains(key.kind) {
                atStart[key] = .some(plan.recordBytes(key))
            }
            let keys = Change.reported(by: entry.streamID, among: touchable)
            let old = keys.map { plan.fields(of: $0) }
            plan.apply(entry.recorded)
            for (key, fields) in zip(keys, old) {
                changes += FieldChange.of(key, before: fields, after: plan.fields(of: key)).map { Change($0, at: entry.position) }
            }
        }
        var start = PlanState()
        for case (let key, let bytes?) in atStart { try start.setRecord(key, bytes: bytes) }
        let differences = FieldChange.ordered(atStart.keys).flatMap {
            FieldChange.of($0, before: start.fields(of: $0), after: plan.fields(of: $0))
        }
        return ChangeSet(beforePosition: beforePosition, after: plan, changes: changes, differences: differences, entries: window)
    }

    /// The log, filtered as `log` filters it: who changed what.
    ///
    /// A mistyped type, actor or partner is refused rather than answered with nothing,
    /// which would look like "nobody changed anything".
    /// - Throws: ``LedgerError`` `.invalidInput` for a type that is not an event type or a
    ///   window that ends before it starts, `.unknown` for an actor or partner never
    ///   registered.
    public func log(_ filter: LogFilter) throws -> [LogEntry] {
        if let type = filter.type, !Event.typeNames.contains(type) {
            throw LedgerError(.invalidInput, "'\(type)' is not an event type; use one of \(Event.typeNames.joined(separator: ", "))")
        }
        if let from = filter.from, let to = filter.to, from > to {
            throw LedgerError(.invalidInput, "the window starts after it ends; give a window that starts before it ends")
        }
        if filter.actor != nil || filter.partner != nil {
            let known = try ledger.state()
            // A mistyped id would otherwise look like "nobody changed anything".
            if let actor = filter.actor, known.actors[actor] == nil {
                throw known.suggestingNearMatch(
                    LedgerError(.unknown, "actor '\(actor)' was never registered; check the id", hint: .listActors, missing: .actor(actor)))
            }
            if let partner = filter.partner, known.partners[partner] == nil {
                throw known.suggestingNearMatch(
                    LedgerError(
                        .unknown, "partner '\(partner)' was never registered; check the id", hint: .listPartners,
                        missing: .partner(partner)))
            }
        }
        return try ledger.entries(filter)
    }
}
