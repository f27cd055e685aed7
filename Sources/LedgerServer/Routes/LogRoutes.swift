import CanonicalJSON
import HTTPTypes
import Hummingbird
import LedgerAudit
import LedgerCore
import LedgerStore

/// `GET /api/log`, `/api/diff` and `/api/digest`, as `log`, `diff` and `digest` answer
/// them with `--format json`.
struct LogRoutes {
    let ledger: Ledger

    func add(to router: Router<ServerContext>) {
        router.get("/api/log") { request, context in
            try context.requireMember()
            let query = Query(request, ledger: ledger)
            let filter = LogFilter(
                from: try query.instant("from", .start), to: try query.instant("to", .end), actor: try query.identifier("by"),
                partner: try query.identifier("partner"), type: query.string("type"))
            let entries = try AuditQueries(ledger).log(filter)
            let limit: Int? = try query.integer("limit", in: 1...Int.max)
            return JSONResponse(EventView.json(limit.map { Array(entries.prefix($0)) } ?? entries))
        }
        router.get("/api/diff") { request, context in
            try context.requireMember()
            let query = Query(request, ledger: ledger)
            guard let from = try query.instant("from", .start) else {
                throw ServerError(.badRequest, "diff needs from, the start of the window (a date or an instant)")
            }
            let to = try query.instant("to", .end) ?? ledger.clock.now
            guard from <= to else { throw LedgerError(.invalidInput, "from is after to; give a window that starts before it ends") }
            return JSONResponse(DiffView(try AuditQueries(ledger).changes(from: from, to: to), from: from, to: to).json)
        }
        router.get("/api/digest") { _, context in
            try context.requireMember()
            return JSONResponse(DigestView.json(try await ledger.digest()))
        }
    }
}
