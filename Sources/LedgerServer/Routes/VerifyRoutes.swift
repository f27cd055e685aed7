import HTTPTypes
import Hummingbird
import LedgerAudit
import LedgerStore
import Synchronization

/// `GET /api/verify`: `csp-ledger verify --format json`, for coordinators and auditors,
/// one run at a time (a verify reads the whole log; a second one waits its turn as 429).
struct VerifyRoutes {
    let ledger: Ledger
    let running = Running()

    final class Running: Sendable {
        let flag = Mutex(false)
    }

    func add(to router: Router<ServerContext>) {
        router.get("/api/verify") { [running, ledger] _, context in
            try context.requireRole(.coordinator, .auditor)
            let started = running.flag.withLock { busy -> Bool in
                if busy { return false }
                busy = true
                return true
            }
            guard started else {
                throw ServerError(.tooManyRequests, "a verify is running; ask again when it has finished", retryAfter: 5)
            }
            defer { running.flag.withLock { $0 = false } }
            let path = ledger.path
            let report = try await offloaded { try Ledger.open(at: path, access: .verification).verify() }
            return JSONResponse(VerifyView.json(report), status: report.isSound ? .ok : .conflict)
        }
    }
}
