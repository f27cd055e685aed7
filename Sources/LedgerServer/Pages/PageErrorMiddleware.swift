import HTTPTypes
import Hummingbird
import LedgerStore

/// Answers a page's refusal as a page: a request that needs a credential and has none
/// is sent to the sign-in page; any other refusal is shown with its status and message.
/// A failure that is a bug goes on to ``ErrorMiddleware``, which logs it.
struct PageErrorMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let renderer: PageRenderer
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            guard let failure = APIFailure(translating: error) else { throw error }
            metrics.refused(code: failure.code)
            if failure.status == .unauthorized { return PageRenderer.redirect(to: "/sign-in") }
            return try await renderer.problem(failure, context: context)
        }
    }
}
