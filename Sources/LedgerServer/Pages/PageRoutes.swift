import Hummingbird
import LedgerStore

/// The web pages, in their own group of routes: a session cookie authenticates them
/// (``SessionMiddleware``) where the API takes only bearer tokens, and their refusals
/// are pages (``PageErrorMiddleware``) where the API's are JSON.
struct PageRoutes {
    let ledger: Ledger
    let writes: Writes
    let reports: ReportRoutes
    let sessions: Sessions
    let failures: SignInFailures
    let metrics: ServerMetrics
    let secureCookies: Bool

    func add(to router: Router<ServerContext>) {
        let renderer = PageRenderer(ledger: ledger)
        let pages = router.group()
            .add(middleware: PageErrorMiddleware(renderer: renderer, metrics: metrics))
            .add(middleware: SessionMiddleware(ledger: ledger, sessions: sessions))
        SignInPages(ledger: ledger, sessions: sessions, failures: failures, renderer: renderer, secureCookies: secureCookies).add(to: pages)
        PlanPage(ledger: ledger, renderer: renderer).add(to: pages)
        ActionPages(ledger: ledger, writes: writes, renderer: renderer, metrics: metrics).add(to: pages)
        ReportPages(ledger: ledger, reports: reports, renderer: renderer).add(to: pages)
    }
}
