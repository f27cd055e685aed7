import Hummingbird
import LedgerAudit
import LedgerCore
import LedgerStore

/// `GET /`: the plan by priority as it stands, or as it stood at the end of the day the
/// as-of picker (a GET form) names, each action with its RAG badge, which carries its
/// word. Under `--public-read` a reader without a credential sees it without notes or
/// names (``LedgerCore/PlanState/publicView``) and without links to the actions.
struct PlanPage {
    let ledger: Ledger
    let renderer: PageRenderer

    struct Model {
        let heading: String
        let asOfLine: String
        let fields: [Field]
        let past: Bool
        let publicNotice: String?
        let summary: [Count]
        let plans: [PlanView]
        let positionLine: String
    }

    struct Count {
        let rag: String
        let word: String
        let count: Int
        let meaning: String
    }

    struct PlanView {
        let id: String
        let title: String
        let period: String
        let priorities: [PriorityView]
    }

    struct PriorityView {
        let id: String
        let title: String
        let scope: String?
        let retired: Bool
        let hasActions: Bool
        let actions: [ActionItem]
    }

    struct ActionItem {
        let id: String
        let title: String
        let link: String?
        let rag: String
        let word: String
        let status: String
        let percent: Int?
        let details: String
    }

    func add(to pages: RouterGroup<ServerContext>) {
        pages.get("/") { request, context in
            let reader = try context.requireReader()
            let typed = request.uri.queryParameters["asOf"].map(String.init) ?? ""
            var field = Field(
                form: "plan", name: "asOf", label: "Show the plan as it stood on",
                hint: "The end of that day, in \(ledger.calendar.timeZone.identifier).", kind: .date, values: [typed])
            var asOf: Instant?
            do { asOf = try Query(request, ledger: ledger).instant("asOf", .end) } catch let error as LedgerError {
                field.fail(PageRenderer.sentence(error.message))
            }
            let (whole, head) = try await ledger.stateAndHead(asOf: asOf)
            let state = reader.isMember ? whole : whole.publicView
            let clock = ReportClock(calendar: ledger.calendar, style: .forPeople)
            let model = Model(
                heading: asOf.map { "The plan as it stood on \(clock.end($0))" } ?? "The plan now",
                asOfLine: asOf.map { "As recorded by the end of \(clock.end($0)) (\(clock.zoneName)), from the ledger's log." }
                    ?? "As the ledger records it now. Pick a date to see the plan as it stood then.",
                fields: [field], past: asOf != nil,
                publicNotice: reader.isMember ? nil : "Shown to anyone: without notes, owners or people's names. Sign in to see more.",
                summary: summary(state), plans: plans(state, links: reader.isMember),
                positionLine: "From the log up to position \(head.position) (digest \(head.text)).")
            let status: HTTPResponse.Status = field.error == nil ? .ok : .unprocessableContent
            return renderer.page("plan", model, title: model.heading, context: context, state: whole, status: status)
        }
    }

    private func summary(_ state: PlanState) -> [Count] {
        let meanings: [RAG: String] = [
            .red: "off track", .amber: "at risk", .green: "on track", .blue: "completed", .grey: "not started or withdrawn",
        ]
        return RAG.allCases.map { rag in
            Count(
                rag: rag.rawValue, word: rag.word, count: state.actions.values.filter { $0.rag == rag }.count, meaning: meanings[rag] ?? "")
        }
    }

    private func plans(_ state: PlanState, links: Bool) -> [PlanView] {
        let priorities = Dictionary(grouping: state.priorities.values, by: \.plan)
        let actions = Dictionary(grouping: state.actions.values, by: \.priority)
        return state.plans.values.sorted { $0.id < $1.id }.map { plan in
            PlanView(
                id: plan.id.rawValue, title: plan.title, period: "\(plan.from.iso8601) to \(plan.to.iso8601)",
                priorities: (priorities[plan.id] ?? []).sorted { $0.id < $1.id }.map { priority in
                    let items = (actions[priority.id] ?? []).sorted { $0.id < $1.id }.map { item($0, state: state, links: links) }
                    return PriorityView(
                        id: priority.id.rawValue, title: priority.title, scope: priority.scope, retired: priority.retired,
                        hasActions: !items.isEmpty, actions: items)
                })
        }
    }

    private func item(_ action: ActionRecord, state: PlanState, links: Bool) -> ActionItem {
        var details: [String] = []
        details.append("Lead: " + (action.lead.map { state.partners[$0]?.name ?? $0.rawValue } ?? "not yet assigned"))
        if let due = action.due { details.append("due \(due.iso8601)") }
        if let owner = action.owner { details.append("owner \(state.actors[owner]?.name ?? owner.rawValue)") }
        if action.closed { details.append("closed") }
        return ActionItem(
            id: action.id.rawValue, title: action.title, link: links ? "/actions/\(action.id.rawValue)" : nil, rag: action.rag.rawValue,
            word: action.rag.word, status: action.status.rawValue, percent: action.percent, details: details.joined(separator: "; "))
    }
}
