import HTTPTypes
import Hummingbird

/// `GET /metrics`: the Prometheus text, for a client on this machine (not through the
/// proxy), or for a coordinator's or auditor's token.
struct MetricsRoutes {
    let metrics: ServerMetrics

    func add(to router: Router<ServerContext>) {
        router.get("/metrics") { _, context in
            guard context.isLocalClient || [.coordinator, .auditor].contains(context.credential?.role) else {
                throw ServerError(.unauthenticated, "metrics are for this machine, or for a coordinator's or auditor's token")
            }
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: metrics.text)))
        }
    }
}

extension ServerContext {
    /// Whether the client is on this machine: its address (after the trusted proxy's
    /// forwarding) is a loopback address.
    var isLocalClient: Bool { clientAddress.map(ServerSettings.isLoopback) ?? false }
}
