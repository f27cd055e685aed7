import Hummingbird
import LedgerStore

/// Authenticates a page request by its session cookie, as the session's token: the
/// same credential (actor, partner, role, token id) a bearer token gives the API.
///
/// The token is authenticated again on every request, so a session whose token has
/// expired or been revoked, or whose actor was deactivated, ends there: the session is
/// dropped and the request goes on without a credential (pages then ask to sign in).
struct SessionMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let ledger: Ledger
    let sessions: Sessions

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.credential == nil, let id = request.cookies[Sessions.cookie]?.value, let session = sessions.session(id) else {
            return try await next(request, context)
        }
        var context = context
        do {
            let credential = try await ledger.authenticate(token: session.token)
            context.credential = credential
            context.credentialID = credential.token.rawValue
            context.session = session
        } catch let error as StoreError where error.code == .unauthenticated {
            sessions.end(id)
        }
        return try await next(request, context)
    }
}
