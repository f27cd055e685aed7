import LedgerCore
import LedgerStore

extension AuditQueries {
    /// The plan as `state` answers it, narrowed to `scope` when one is given
    /// (``PlanState/narrowed(to:)``), with the head it was read at.
    ///
    /// The whole plan is read as ``Ledger/stateAndHead(asOf:effective:fold:)`` reads it
    /// (the versioned rows as of a point; a fold with `effective` or `fold`), then
    /// narrowed, so a scoped answer is the whole answer narrowed by construction.
    /// - Throws: ``LedgerError`` `.unknown` for a scope whose plan, priority, partner or
    ///   action the ledger never recorded, naming the id most likely meant.
    public func state(asOf: Instant?, effective: Instant?, fold: Bool, scope: PlanScope?) throws -> (state: PlanState, head: Digest) {
        if let scope {
            let known = try ledger.state()
            guard known.holds(scope) else {
                throw known.suggestingNearMatch(LedgerError(.unknown, "\(scope) does not exist; check the id", missing: scope.stream))
            }
        }
        let (state, head) = try ledger.stateAndHead(asOf: asOf, effective: effective, fold: fold)
        return (scope.map(state.narrowed) ?? state, head)
    }
}
