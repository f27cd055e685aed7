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
        registry.makeCounter(descriptor: Self.requests, labels: labels).increment()
        registry.makeDurationHistogram(descriptor: Self.latency, labels: [("method", method), ("route", route)], buckets: Self.buckets)
            .record(seconds)
    }

    /// Counts the events one write appended.
    func appended(_ count: Int) {
        registry.makeCounter(descriptor: Self.appends).increment(by: Int64(count))
    }

    /// Counts one request refused with `code`.
    func refused(code: String) {
        registry.makeCounter(descriptor: Self.refusals, labels: [("code", code)]).increment()
    }

    /// The Prometheus text of every metric so far.
    var text: String { registry.emitToString() }

    // Computed: the library's descriptor type is not Sendable, so it cannot be a stored static.
    private static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "csp_ledger", subsystem: "http", metricName: "requests", unitName: "total",
            helpText: "Requests answered, by method, route pattern and status.")
    }
    private static var latency: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "csp_ledger", subsystem: "http", metricName: "request_duration", unitName: "seconds",
            helpText: "Time to answer a request, by method and route pattern.")
    }
    private static var appends: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "csp_ledger", subsystem: "events", metricName: "appended", unitName: "total",
            helpText: "Events appended to the log by this server.")
    }
    private static var refusals: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "csp_ledger", metricName: "refusals", unitName: "total", helpText: "Requests refused, by error code.")
    }

    private static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]
}
