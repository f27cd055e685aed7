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
        router.get("/api/reports/plan") { request, context in try await plan(request, context, format: "json") }
        router.get("/api/reports/governance") { request, context in try await governance(request, context, format: "json") }
    }

    /// `report plan` as of `asOf` (now without it), without notes or names for a reader
    /// without a credential; the pages link it as HTML.
    /// - Parameter format: the format when the query names none.
    func plan(_ request: Request, _ context: ServerContext, format: String) async throws -> Response {
        let reader = try context.requireReader()
        let query = Query(request, ledger: ledger)
        let (ledger, asOf, format) = (ledger, try query.instant("asOf", .end) ?? ledger.clock.now, query.string("format") ?? format)
        // Seconds at a large partnership: built and written off the event loop, which
        // other requests (writes among them) are waiting on.
        return try await offloaded {
            let report = try PlanReport.build(ledger, asOf: asOf)
            let shown = reader.isMember ? report : report.publicView
            return try Self.respond(
                format: format, json: { shown.json.writePretty($0) }, html: shown.writeHTML,
                markdown: { shown.document.writeMarkdown($0) }, csv: shown.summaryTable.writeCSV)
        }
    }

    /// `report governance` for the period `from` to `to` (now without it), for members.
    /// - Parameter format: the format when the query names none.
    func governance(_ request: Request, _ context: ServerContext, format: String) async throws -> Response {
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
        let (ledger, format) = (ledger, query.string("format") ?? format)
        return try await offloaded {
            let report = try GovernanceReport.build(ledger, from: from, to: to, thresholds: thresholds)
            return try Self.respond(
                format: format, json: { report.jsonDocument.writePretty($0) }, html: report.writeHTML,
                markdown: { report.document.writeMarkdown($0) }, csv: report.writeCSV)
        }
    }

    /// The report in `format`; only that one is made, and it is written into the body
    /// piece by piece, never held whole as JSON values or cells.
    static func respond(format: String, json: TextWriter, html: TextWriter, markdown: TextWriter, csv: TextWriter) throws -> Response {
        var body = ByteBuffer()
        let type: String
        switch format {
        case "json":
            json { body.writeString($0) }
            body.writeString("\n")
            type = "application/json; charset=utf-8"
        case "html":
            html { body.writeString($0) }
            type = "text/html; charset=utf-8"
        case "markdown":
            markdown { body.writeString($0) }
            type = "text/markdown; charset=utf-8"
        case "csv":
            csv { body.writeString($0) }
            type = "text/csv; charset=utf-8"
        default: throw ServerError(.badRequest, "format is json, html, markdown or csv")
        }
        var headers = HTTPFields()
        headers[.contentType] = type
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}
