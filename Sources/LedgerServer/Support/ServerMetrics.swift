import Prometheus

/// What `/metrics` reports, in the Prometheus text format: requests and their
/// latencies by route and status, events appended, and refusals by error code.
///
/// It keeps its own registry rather than the process-wide metrics system, so that two
/// servers in one process (the tests run many) count apart.
public struct ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    public init() {}

    /// Counts one answered request. `route` is the route's pattern (`/api/actions/{id}`),
    /// never the path asked for, so ids and query strings never become labels.
    func request(method: String, route: String, status: Int, seconds: Duration) {
        let labels = [("method", method), ("route", route), ("status", String(status))]
        registry.makeCounter(name: "csp_ledger_http_requests_total", labels: labels).increment()
        registry.makeDurationHistogram(
            name: "csp_ledger_http_request_duration_seconds", labels: [("method", method), ("route", route)], buckets: Self.buckets
        ).record(seconds)
    }

    /// Counts the events one write appended.
    func appended(_ count: Int) {
        registry.makeCounter(name: "csp_ledger_events_appended_total").increment(by: Int64(count))
    }

    /// Counts one request refused with `code`.
    func refused(code: String) {
        registry.makeCounter(name: "csp_ledger_refusals_total", labels: [("code", code)]).increment()
    }

    /// The Prometheus text of every metric so far.
    var text: String { registry.emitToString() }

    private static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]
}
