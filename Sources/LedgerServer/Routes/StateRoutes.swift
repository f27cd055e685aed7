import CanonicalJSON
import HTTPTypes
import Hummingbird
import LedgerAudit
import LedgerCore
import LedgerStore

/// `GET /api/state`: the plan at a point in time, or one part of it (`plan`,
/// `priority`, `partner` or `action`), as `csp-ledger state --format json` prints it,
/// from the same library calls; `fold=true` answers from the log alone, as `--fold`.
struct StateRoutes {
    let ledger: Ledger
    let cache: StateCache

    func add(to router: Router<ServerContext>) {
        router.get("/api/state") { request, context in
            let reader = try context.requireReader()
            let query = Query(request, ledger: ledger)
            let asOf = try query.instant("asOf", .end)
            let effective = try query.instant("effective", .end)
            let (scope, fold) = (try query.scope(), try query.flag("fold"))
            let question = StateCache.Question(asOf: asOf, effective: effective, scope: scope, fold: fold, publicView: !reader.isMember)
            let body = try await cache.answer(question) {
                let (ledger, now) = (ledger, ledger.clock.now)
                // Megabytes at a large partnership: read and rendered off the event loop,
                // which other requests (writes among them) are waiting on.
                return try await offloaded {
                    let (state, head) = try AuditQueries(ledger).state(asOf: asOf, effective: effective, fold: fold, scope: scope)
                    let shown = question.publicView ? state.publicView : state
                    return JSONResponse.render(
                        StateView(state: shown, asOf: asOf ?? now, effective: effective, position: head.position).json)
                }
            }
            return JSONResponse(rendered: body)
        }
    }
}
