import LedgerCore
import LedgerStore

extension AuditQueries {
    /// The plan as `state` answers it, narrowed to `scope` when one is given
    /// (``PlanState/narrowed(to:)``), with the head it was read at.
    ///
    /// Read as ``Ledger/stateAndHead(asOf:effective:fold:scope:)`` reads it: from the
    /// versioned rows of the scope's records as of a point, or a fold with `effective`
    /// or `fold`; either way narrowed by ``PlanState/narrowed(to:)``, so a scoped answer
    /// is the whole answer narrowed.
    /// - Throws: ``LedgerError`` `.unknown` for a scope whose plan, priority, partner or
    ///   action the ledger never recorded, naming the id most likely meant.
    public func state(asOf: Instant?, effective: Instant?, fold: Bool, scope: PlanScope?) throws -> (state: PlanState, head: Digest) {
        if let scope, try !ledger.holds(scope) {
            throw try ledger.state().suggestingNearMatch(
                LedgerError(.unknown, "\(scope) does not exist; check the id", missing: scope.stream))
        }
        return try ledger.stateAndHead(asOf: asOf, effective: effective, fold: fold, scope: scope)
    }
}
