import Hummingbird
import LedgerAudit
import LedgerCore
import LedgerStore

/// `GET /reports`: the plan and governance reports (LedgerAudit's own HTML, served at
/// `/reports/plan` and `/reports/governance` by ``ReportRoutes``, the API's handlers,
/// with HTML as their format), and the digest and the latest witnessed checkpoint as
/// text to paste into committee papers.
struct ReportPages {
    let ledger: Ledger
    let reports: ReportRoutes
    let renderer: PageRenderer

    struct Model {
        let planFields: [Field]
        let governanceFields: [Field]
        let digestParagraph: String
        let checkpoint: CheckpointView?
    }

    struct CheckpointView {
        let summary: String
        let size: Int64
        let note: String
    }

    func add(to pages: RouterGroup<ServerContext>) {
        pages.get("/reports/plan") { request, context in try await reports.plan(request, context, format: "html") }
        pages.get("/reports/governance") { request, context in try await reports.governance(request, context, format: "html") }
        pages.get("/reports") { _, context in
            try context.requireMember()
            let (state, head) = try await ledger.stateAndHead()
            let clock = ReportClock(calendar: ledger.calendar, style: .forPeople)
            let today = ledger.calendar.date(of: ledger.clock.now)
            let checkpoint = try ledger.checkpoints().last(where: \.isWitnessed)
            let partnership = state.partnership?.name ?? "the partnership"
            let recorded = head.recordedAt.map { ", recorded \(clock.text($0))" } ?? ""
            let model = Model(
                planFields: [
                    Field(form: "plan-report", name: "asOf", label: "As it stood on", kind: .date, values: [today.iso8601])
                ],
                governanceFields: [
                    Field(form: "governance", name: "from", label: "From", kind: .date, values: [today.adding(days: -90).iso8601]),
                    Field(form: "governance", name: "to", label: "To", kind: .date, values: [today.iso8601]),
                ],
                digestParagraph:
                    "The ledger of \(partnership) holds \(head.position) events; its digest is \(head.text)\(recorded). "
                    + "Anyone with a copy can check it: csp-ledger verify --digest \(head.text)",
                checkpoint: checkpoint.map {
                    CheckpointView(
                        summary: $0.summary.prefix(1).uppercased() + $0.summary.dropFirst(), size: $0.signed.checkpoint.size, note: $0.note)
                })
            return renderer.page("reports", model, title: "Reports and digest", context: context, state: state)
        }
    }
}
