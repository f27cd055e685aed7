import CanonicalJSON
import HTTPTypes
import Hummingbird
import LedgerStore

/// `GET /healthz`: open to anyone, for a load balancer or a monitor. It reads the
/// ledger's head, so a server whose file has become unreadable is not reported healthy.
struct HealthRoutes {
    let ledger: Ledger

    func add(to router: Router<ServerContext>) {
        router.get("/healthz") { _, _ in
            let head = try await ledger.digest()
            return JSONResponse(.object(["status": .string("ok"), "position": .int(head.position)]))
        }
    }
}
