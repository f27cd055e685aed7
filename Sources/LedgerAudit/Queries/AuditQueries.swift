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
    public func changes(from: Instant?, to: Instant?) throws -> ChangeSet {
        let before = try from.map { try ledger.state(asOf: $0.adding(milliseconds: -1)) } ?? PlanState()
        let window = try ledger.entries(LogFilter(from: from, to: to))
        var plan = before
        var changes: [Change] = []
        for entry in window {
            let old = plan
            plan.apply(entry.recorded)
            changes += Change.fieldChanges(of: entry, from: old, to: plan)
        }
        return ChangeSet(before: before, after: plan, changes: changes, entries: window)
    }
}
