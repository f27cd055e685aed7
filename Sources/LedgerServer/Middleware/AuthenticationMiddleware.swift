import HTTPTypes
import Hummingbird
import LedgerStore

/// Authenticates `Authorization: Bearer TOKEN` with ``LedgerStore/Ledger/authenticate(token:)``
/// and puts the credential in the context; a request without one goes on as an
/// anonymous reader, which each route admits or refuses.
///
/// A client address that keeps presenting bad tokens is slowed: after
/// ``SignInFailures/limit`` failures in a minute, its requests with a token are
/// answered 429 with `Retry-After` until the minute is over, without a look at the token.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let ledger: Ledger
    let failures: SignInFailures
    let publicRead: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.publicRead = publicRead
        if let header = request.headers[.authorization] {
            let credential = try await authenticate(header, client: context.clientAddress)
            context.credential = credential
            context.credentialID = credential.token.rawValue
        }
        return try await next(request, context)
    }

    private func authenticate(_ header: String, client: String?) async throws -> Credential {
        let client = client ?? "unknown"
        if let wait = failures.retryAfter(client) {
            throw ServerError(.tooManyRequests, "too many sign-in failures from this address; wait and try again", retryAfter: wait)
        }
        guard header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            failures.record(client)
            throw ServerError(.unauthenticated, "give the token as Authorization: Bearer TOKEN")
        }
        do { return try await ledger.authenticate(token: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)) } catch let
            error as StoreError where error.code == .unauthenticated
        {
            failures.record(client)
            throw error
        }
    }
}
