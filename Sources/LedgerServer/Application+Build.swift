import Hummingbird
import LedgerStore
import Logging

/// The partnership server over one ledger, as `csp-ledger serve` runs it and the tests
/// drive it: every route, middleware and cap in one place.
///
/// - Parameters:
///   - ledger: the open ledger; every answer comes from the same library calls as the
///     command line's.
///   - settings: where to listen and what to open (checked by
///     ``ServerSettings/validate(environment:)`` before this is called).
///   - logger: where request logs go.
///   - metrics: the counters `/metrics` reports.
///   - onRunning: called with the server's address once it listens.
public func buildApplication(
    ledger: Ledger, settings: ServerSettings, logger: Logger, metrics: ServerMetrics = ServerMetrics(),
    onRunning: @escaping @Sendable (_ address: String) -> Void = { _ in }
) -> some ApplicationProtocol {
    buildApplication(ledger: ledger, settings: settings, logger: logger, metrics: metrics, failures: SignInFailures(), onRunning: onRunning)
}

/// ``buildApplication(ledger:settings:logger:metrics:onRunning:)`` counting failed
/// sign-ins in `failures`: tests give it a stopped clock, so that a slow machine does not
/// let a minute's window pass between their requests.
func buildApplication(
    ledger: Ledger, settings: ServerSettings, logger: Logger, metrics: ServerMetrics, failures: SignInFailures,
    onRunning: @escaping @Sendable (_ address: String) -> Void
) -> some ApplicationProtocol {
    let router = Router(context: ServerContext.self)
    router.addMiddleware {
        ClientAddressMiddleware(trustedProxy: settings.trustedProxy)
        ObservationMiddleware(metrics: metrics)
        ErrorMiddleware(metrics: metrics)
        AuthenticationMiddleware(ledger: ledger, failures: failures, publicRead: settings.publicRead)
    }
    HealthRoutes(ledger: ledger).add(to: router)
    MetricsRoutes(metrics: metrics).add(to: router)
    StateRoutes(ledger: ledger, cache: StateCache(ledger: ledger)).add(to: router)
    ActionRoutes(ledger: ledger).add(to: router)
    LogRoutes(ledger: ledger).add(to: router)
    let reports = ReportRoutes(ledger: ledger)
    reports.add(to: router)
    VerifyRoutes(ledger: ledger).add(to: router)
    TokenRoutes(ledger: ledger).add(to: router)
    EventRoutes(ledger: ledger).add(to: router)
    let writes = Writes(ledger: ledger, idempotency: Idempotency(), metrics: metrics)
    WriteRoutes(writes: writes).add(to: router)
    PageRoutes(
        ledger: ledger, writes: writes, reports: reports, sessions: Sessions(), failures: failures, metrics: metrics,
        secureCookies: settings.secureCookies
    ).add(to: router)
    return Application(
        router: router,
        server: .http1(configuration: .init(idleTimeout: .seconds(Limits.idleSeconds))),
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "csp-ledger"),
        onServerRunning: { _ in onRunning(settings.address) },
        logger: logger)
}
