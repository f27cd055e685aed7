import Hummingbird
import LedgerAudit
import LedgerCore
import LedgerStore

/// `GET /api/tokens`: `csp-ledger token list --format json`, the metadata of every
/// token ever issued (never a token or its hash), for coordinators and auditors only:
/// the rule is the one `token list` applies (`PlanState.requireTokenReader`), checked
/// against the plan as it stands, so an actor deactivated since signing in is refused.
struct TokenRoutes {
    let ledger: Ledger

    func add(to router: Router<ServerContext>) {
        router.get("/api/tokens") { [ledger] _, context in
            let credential = try context.requireMember()
            let state = try await offloaded { try ledger.state() }
            try state.requireTokenReader(credential.actor)
            return JSONResponse(TokenView(state: state, now: ledger.clock.now, clock: ReportClock(calendar: ledger.calendar)).json)
        }
    }
}
