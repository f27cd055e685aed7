import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import LedgerAudit
import LedgerCore
import LedgerStore

/// `GET /actions/{id}`, the action page, and `POST /actions/{id}/VERB`, its forms.
///
/// A form's fields become the JSON body the API's `POST /api/actions/{id}/VERB` takes,
/// read by the same ``ActionWrite`` into the same command and appended by the same
/// ``Writes/append(_:conditions:author:effective:creates:bytes:)``, as the session's
/// credential: the version the form was drawn from is its `If-Match`, its key its
/// `Idempotency-Key` (a form sent twice appends once). A refusal shows the page again
/// with the form as typed and the error beside its field.
struct ActionPages {
    let ledger: Ledger
    let writes: Writes
    let renderer: PageRenderer
    let metrics: ServerMetrics

    struct Model {
        let id: String
        let title: String
        let priorityID: String
        let priorityTitle: String
        let rag: String
        let word: String
        let status: String
        let percent: Int?
        let facts: [Fact]
        let closedLine: String?
        let done: String?
        let hasForms: Bool
        let forms: [FormView]
        let zoneLine: String
        let timeline: [ActionTimeline.Entry]
    }

    struct Fact {
        let name: String
        let text: String
    }

    /// One form, as ``PageTemplates/form`` shows it.
    struct FormView {
        let id: String
        let title: String
        let action: String
        let csrf: String
        let version: Int
        let key: String
        let fields: [Field]
        let formError: String?
        let submit: String
    }

    /// A refused form: what was typed and why it was refused.
    struct Refusal {
        let verb: ActionWrite
        let form: FormBody
        let field: String?
        let message: String
    }

    func add(to pages: RouterGroup<ServerContext>) {
        pages.get("/actions/{id}") { request, context in
            try context.requireMember()
            let id = try ActionID(context.parameters.require("id"))
            let done = request.uri.queryParameters["done"].flatMap { ActionWrite(rawValue: String($0)) }
            return try await page(id, context: context, done: done?.done, refusal: nil, status: .ok)
        }
        for verb in ActionWrite.allCases {
            pages.post(RouterPath("/actions/{id}/\(verb.rawValue)")) { request, context in
                try await post(verb, request: request, context: context)
            }
        }
    }

    private func post(_ verb: ActionWrite, request: Request, context: ServerContext) async throws -> Response {
        let form = try await FormBody.read(request)
        _ = try PageForm.requireSession(form, context)
        let author = try context.requireMember()
        guard verb.roles.contains(author.role) else {
            throw ServerError(
                .forbidden,
                "this form is for \(verb.roles.map(\.rawValue).joined(separator: " and ")) sign-ins; you are signed in as a \(author.role.rawValue)"
            )
        }
        let id = try ActionID(context.parameters.require("id"))
        var body = try RequestBody(bytes: Array(PageForm.json(form, verb.values).canonical.utf8))
        var reading = true
        do {
            let (command, effective) = try WriteRoutes.read(&body, backDates: true, calendar: ledger.calendar) {
                try verb.command(id, &$0)
            }
            reading = false
            let conditions = Writes.Conditions(
                method: request.method.rawValue, path: request.uri.path,
                ifMatch: form["version"].flatMap { $0.isEmpty ? nil : "\"\($0)\"" }, ifNoneMatch: nil,
                idempotencyKey: form["key"].flatMap { $0.isEmpty ? nil : $0 })
            let (entries, _) = try await writes.append(
                command, conditions: conditions, author: author, effective: effective, creates: false, bytes: body.bytes)
            return PageRenderer.redirect(to: "/actions/\(id)?done=\(verb.rawValue)#event-\(entries.last?.position ?? 0)")
        } catch {
            guard let failure = APIFailure(translating: error), failure.status != .unauthorized else { throw error }
            metrics.refused(code: failure.code)
            // A field the body needs and the form left empty: said as a form says it.
            let missing = reading && failure.message.hasPrefix("the body needs")
            let refusal = Refusal(
                verb: verb, form: form, field: reading ? body.lastRead : verb.field(namedIn: failure.message),
                message: missing ? "Give a value here." : PageRenderer.sentence(failure.message))
            return try await page(id, context: context, done: nil, refusal: refusal, status: failure.status)
        }
    }

    /// The action page, with `refusal`'s form as typed.
    private func page(_ id: ActionID, context: ServerContext, done: String?, refusal: Refusal?, status: HTTPResponse.Status)
        async throws -> Response
    {
        let state = try await ledger.stateAndHead().state
        guard let action = state.actions[id] else {
            throw LedgerError(.unknown, "there is no action '\(id)'; check the id", hint: .listActions)
        }
        let history = try AuditQueries(ledger).history(of: id)
        let timeline = try ActionTimeline.entries(history, state: state, ledger: ledger)
        let clock = ReportClock(calendar: ledger.calendar, style: .forPeople)
        let priority = state.priorities[action.priority]
        let forms = forms(action, state: state, context: context, refusal: refusal)
        let model = Model(
            id: id.rawValue, title: action.title, priorityID: action.priority.rawValue,
            priorityTitle: priority?.title ?? action.priority.rawValue,
            rag: action.rag.rawValue, word: action.rag.word, status: action.status.rawValue, percent: action.percent,
            facts: facts(action, state: state, clock: clock),
            closedLine: action.closed ? "This action is closed: it takes no further progress reports." : nil, done: done,
            hasForms: !forms.isEmpty, forms: forms, zoneLine: clock.zoneLine, timeline: timeline)
        return renderer.page("action", model, title: "\(action.title) (\(id))", context: context, state: state, status: status)
    }

    private func facts(_ action: ActionRecord, state: PlanState, clock: ReportClock) -> [Fact] {
        func partner(_ id: PartnerID) -> String { state.partners[id].map { "\($0.name) (\($0.id))" } ?? id.rawValue }
        var facts = [
            Fact(name: "Lead partner", text: action.lead.map(partner) ?? "not yet assigned"),
            Fact(
                name: "Supporting partners",
                text: action.supporting.isEmpty ? "none" : action.supporting.sorted().map(partner).joined(separator: ", ")),
            Fact(
                name: "Owner", text: action.owner.map { id in state.actors[id].map { "\($0.name) (\(id))" } ?? id.rawValue } ?? "none named"
            ),
            Fact(name: "Due", text: action.due.map { clock.text($0) } ?? "no date"),
        ]
        if let next = action.nextReview { facts.append(Fact(name: "Next review", text: clock.text(next))) }
        if let at = action.lastProgressAt { facts.append(Fact(name: "Last progress report", text: clock.text(at))) }
        if let note = action.lastProgressNote { facts.append(Fact(name: "Its note", text: note)) }
        if let outcome = action.lastReviewOutcome { facts.append(Fact(name: "Last review", text: outcome.rawValue)) }
        facts.append(Fact(name: "Version", text: String(action.version)))
        return facts
    }

    /// The forms the signed-in person may use on `action`: progress for a lead or
    /// contributor of a partner it involves, the rest for a coordinator; none on a closed
    /// action or without a session (a bearer token has no CSRF token to post).
    private func forms(_ action: ActionRecord, state: PlanState, context: ServerContext, refusal: Refusal?) -> [FormView] {
        guard let credential = context.credential, let session = context.session, !action.closed else { return [] }
        return ActionWrite.allCases.filter { verb in
            verb.roles.contains(credential.role) && (verb != .progress || action.involves(credential.partner))
        }.map { verb in
            let refused = refusal?.verb == verb ? refusal : nil
            var fields = verb.fields(action, in: state, typed: refused?.form)
            var formError = refused?.message
            if let refused, let name = refused.field, let index = fields.firstIndex(where: { $0.name == name }) {
                fields[index].fail(refused.message)
                formError = nil
            }
            return FormView(
                id: verb.rawValue, title: verb.title, action: "/actions/\(action.id)/\(verb.rawValue)", csrf: session.csrf,
                version: action.version, key: UUID().uuidString.lowercased(), fields: fields, formError: formError, submit: verb.submit)
        }
    }
}
