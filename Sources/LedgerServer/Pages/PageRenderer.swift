import HTTPTypes
import Hummingbird
import LedgerCore
import LedgerStore
import Mustache
import NIOCore

/// Renders a page: its template with its model, inside the layout, as an HTML response
/// that no cache keeps and no other site may frame or script.
struct PageRenderer: Sendable {
    let ledger: Ledger

    /// The model of ``PageTemplates/layout``.
    struct Layout {
        let title: String
        let partnership: String
        let css: String
        let member: Bool
        let user: User?
        let body: String
    }

    /// The signed-in person, beside the sign-out button.
    struct User {
        let name: String
        let role: String
        let partner: String
        let csrf: String
    }

    /// The page `template` shows `model` as, titled `title`.
    /// - Parameter state: the plan the page was made from (the partnership's name and
    ///   the signed-in person's come from it).
    func page(
        _ template: String, _ model: Any, title: String, context: ServerContext, state: PlanState, status: HTTPResponse.Status = .ok
    ) -> Response {
        let body = PageTemplates.library.render(model, withTemplate: template) ?? ""
        var user: User?
        if let credential = context.credential, let session = context.session {
            user = User(
                name: state.actors[credential.actor]?.name ?? credential.actor.rawValue, role: credential.role.rawValue,
                partner: state.partners[credential.partner]?.name ?? credential.partner.rawValue, csrf: session.csrf)
        }
        let layout = Layout(
            title: title, partnership: state.partnership?.name ?? "csp-ledger", css: PageStyle.css, member: context.credential != nil,
            user: user, body: body)
        let html = PageTemplates.library.render(layout, withTemplate: "layout") ?? ""
        return Self.html(html, status: status)
    }

    /// A refusal as a page, with its status.
    func problem(_ failure: APIFailure, context: ServerContext) async throws -> Response {
        struct Problem {
            let heading: String
            let message: String
        }
        let heading =
            switch failure.status {
            case .forbidden: "Not allowed"
            case .notFound: "Not found"
            case .tooManyRequests: "Too many requests"
            default: "This could not be done"
            }
        let state = try await ledger.stateAndHead().state
        var response = page(
            "problem", Problem(heading: heading, message: Self.sentence(failure.message)), title: heading, context: context, state: state,
            status: failure.status)
        if let wait = failure.retryAfter { response.headers[.retryAfter] = String(wait) }
        return response
    }

    /// `text` as an HTML response.
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        headers[.xContentTypeOptions] = "nosniff"
        headers[.referrerPolicy] = "same-origin"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// 303 See Other to `location`: the answer to a form that was done, and to a page
    /// that needs a sign-in.
    static func redirect(to location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        return Response(status: .seeOther, headers: headers)
    }

    /// A message as a sentence: capitalised, with a full stop.
    static func sentence(_ message: String) -> String {
        guard let first = message.first else { return message }
        let text = first.uppercased() + message.dropFirst()
        return text.hasSuffix(".") || text.hasSuffix("?") ? text : text + "."
    }
}

extension HTTPField.Name {
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
