import LedgerCore
import LedgerStore

extension Ledger {
    /// Every event of one action, in log order, as recorded up to `asOf`.
    /// - Throws: ``LedgerError`` `.unknown` when the action has no events by then.
    public func history(of action: ActionID, asOf: Instant? = nil) throws -> [LogEntry] {
        let entries = try entries(LogFilter(to: asOf, stream: .action(action)))
        guard !entries.isEmpty else {
            throw LedgerError(
                .unknown, "action '\(action)' has no events\(asOf.map { " recorded by \($0)" } ?? ""); check the id", hint: .listActions)
        }
        return entries
    }
}
