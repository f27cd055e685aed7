import CanonicalJSON
import HTTPTypes
import Hummingbird
import LedgerAudit
import LedgerCore
import LedgerStore

/// `GET /api/reports/plan` and `/api/reports/governance`, in any of the formats
/// `report` prints (`format=json` by default).
struct ReportRoutes {
    let ledger: Ledger

    func add(to router: Router<ServerContext>) {
        router.get("/api/reports/plan") { request, context in try plan(request, context, format: "json") }
        router.get("/api/reports/governance") { request, context in try governance(request, context, format: "json") }
    }

    /// `report plan` as of `asOf` (now without it), without notes or names for a reader
    /// without a credential; the pages link it as HTML.
    /// - Parameter format: the format when the query names none.
    func plan(_ request: Request, _ context: ServerContext, format: String) throws -> Response {
        let reader = try context.requireReader()
        let query = Query(request, ledger: ledger)
        let report = try PlanReport.build(ledger, asOf: try query.instant("asOf", .end) ?? ledger.clock.now)
        let shown = reader.isMember ? report : report.publicView
        return try Self.respond(
            query, format: format, json: shown.json, html: shown.html, markdown: shown.document.markdown, csv: shown.summaryTable.csv)
    }

    /// `report governance` for the period `from` to `to` (now without it), for members.
    /// - Parameter format: the format when the query names none.
    func governance(_ request: Request, _ context: ServerContext, format: String) throws -> Response {
        try context.requireMember()
        let query = Query(request, ledger: ledger)
        guard let from = try query.instant("from", .start) else {
            throw ServerError(.badRequest, "the governance report needs from, the start of its period (a date or an instant)")
        }
        let to = try query.instant("to", .end) ?? ledger.clock.now
        guard from <= to else { throw LedgerError(.invalidInput, "from is after to; give a period that starts before it ends") }
        let thresholds = GovernanceReport.Thresholds(
            backDatedDays: try query.integer("backdatedDays", in: 0...36_500) ?? 7,
            staleDays: try query.integer("staleDays", in: 0...36_500) ?? 90)
        let report = try GovernanceReport.build(ledger, from: from, to: to, thresholds: thresholds)
        return try Self.respond(
            query, format: format, json: report.json, html: report.html, markdown: report.document.markdown, csv: report.csv)
    }

    /// The report in the format asked for; only the one asked for is built.
    static func respond(
        _ query: Query, format: String, json: @autoclosure () -> JSONValue, html: @autoclosure () -> String,
        markdown: @autoclosure () -> String,
        csv: @autoclosure () -> String
    ) throws -> Response {
        let (text, type): (String, String)
        switch query.string("format") ?? format {
        case "json": (text, type) = (json().pretty + "\n", "application/json; charset=utf-8")
        case "html": (text, type) = (html(), "text/html; charset=utf-8")
        case "markdown": (text, type) = (markdown(), "text/markdown; charset=utf-8")
        case "csv": (text, type) = (csv(), "text/csv; charset=utf-8")
        default: throw ServerError(.badRequest, "format is json, html, markdown or csv")
        }
        var headers = HTTPFields()
        headers[.contentType] = type
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
