import Foundation
import HTTPTypes
import Hummingbird
import LedgerStore

/// `GET /sign-in`, `POST /sign-in` and `POST /sign-out`: a token typed into a form
/// becomes a session cookie (HttpOnly, SameSite=Strict, Secure unless `--insecure-http`),
/// and signing out ends the session.
///
/// Failed sign-ins count with the API's failed tokens from the same address
/// (``SignInFailures``), so the form is no quicker a way to guess tokens.
struct SignInPages {
    let ledger: Ledger
    let sessions: Sessions
    let failures: SignInFailures
    let renderer: PageRenderer
    let secureCookies: Bool

    struct Model {
        let notice: String?
        let fields: [Field]
    }

    func add(to pages: RouterGroup<ServerContext>) {
        pages.get("/sign-in") { request, context in
            let notice = request.uri.queryParameters["from"] == "sign-out" ? "You have signed out." : nil
            return try await page(notice: notice, error: nil, context: context, status: .ok)
        }
        pages.post("/sign-in") { request, context in
            let form = try await FormBody.read(request)
            let client = context.clientAddress ?? "unknown"
            if let wait = failures.retryAfter(client) {
                var response = try await page(
                    notice: nil, error: "Too many failed sign-ins from your address; wait \(wait) seconds and try again.", context: context,
                    status: .tooManyRequests)
                response.headers[.retryAfter] = String(wait)
                return response
            }
            let token = form["token"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard !token.isEmpty else {
                return try await page(notice: nil, error: "Enter your access token.", context: context, status: .badRequest)
            }
            do { _ = try await ledger.authenticate(token: token) } catch let error as StoreError where error.code == .unauthenticated {
                failures.record(client)
                return try await page(notice: nil, error: PageRenderer.sentence(error.message), context: context, status: .unauthorized)
            }
            let session = sessions.start(token: token)
            var response = PageRenderer.redirect(to: "/")
            response.setCookie(cookie(session.id))
            return response
        }
        pages.post("/sign-out") { request, context in
            let form = try await FormBody.read(request)
            let session = try PageForm.requireSession(form, context)
            sessions.end(session.id)
            var response = PageRenderer.redirect(to: "/sign-in?from=sign-out")
            response.setCookie(cookie("", maxAge: 0))
            return response
        }
    }

    /// The session cookie: sent back only by this site's own pages (SameSite=Strict),
    /// never readable by a script (HttpOnly), only over HTTPS unless `--insecure-http`.
    func cookie(_ value: String, maxAge: Int? = nil) -> Cookie {
        Cookie(name: Sessions.cookie, value: value, maxAge: maxAge, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict)
    }

    private func page(notice: String?, error: String?, context: ServerContext, status: HTTPResponse.Status) async throws -> Response {
        var field = Field(
            form: "sign-in", name: "token", label: "Access token",
            hint: "The whole token, as it was given to you; it is not shown as you type.", kind: .password, autocomplete: "off")
        if let error { field.fail(error) }
        let state = try await ledger.stateAndHead().state
        return renderer.page(
            "signIn", Model(notice: notice, fields: [field]), title: "Sign in", context: context, state: state, status: status)
    }
}
