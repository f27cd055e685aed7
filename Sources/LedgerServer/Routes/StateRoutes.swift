import CanonicalJSON
import HTTPTypes
import Hummingbird
import LedgerAudit
import LedgerCore
import LedgerStore

/// `GET /api/state`: the plan at a point in time, as `csp-ledger state --format json`
/// prints it, from the same library calls.
struct StateRoutes {
    let ledger: Ledger
    let cache: StateCache

    func add(to router: Router<ServerContext>) {
        router.get("/api/state") { request, context in
            let reader = try context.requireReader()
            let query = Query(request, ledger: ledger)
            let asOf = try query.instant("asOf", .end)
            let effective = try query.instant("effective", .end)
            let body = try await cache.answer(asOf: asOf, effective: effective, publicView: !reader.isMember) {
                let (state, head) = try await ledger.stateAndHead(asOf: asOf, effective: effective)
                let (member, now) = (reader.isMember, ledger.clock.now)
                // Megabytes at a large partnership: rendered off the event loop, which
                // other requests (writes among them) are waiting on.
                return try await offloaded {
                    let shown = member ? state : state.publicView
                    return JSONResponse.render(
                        StateView(state: shown, asOf: asOf ?? now, effective: effective, position: head.position).json)
                }
            }
            return JSONResponse(rendered: body)
        }
    }
}
