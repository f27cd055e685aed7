import CanonicalJSON
import HummingbirdTesting
import LedgerAudit
import LedgerCore
import LedgerStore
import LedgerTestSupport
import NIOCore
import Testing

@testable import LedgerServer

/// The reports the API answers are written into the response piece by piece: byte for
/// byte what the library's whole texts are, in every format.
@Suite struct ReportResponseTests {
    @Test func everyFormatOfBothReportsIsTheLibrarysText() async throws {
        let server = try ServerHarness()
        try server.fixture.execute(
            at: "2023-02-01T09:00:00Z", .reportProgress(Fixture.action, status: .atRisk, note: "slow, \"quoted\"", percent: 20),
            by: Fixture.policeLead)
        let tokens = try APITests.Tokens(server.fixture.ledger)
        let ledger = server.fixture.ledger
        let from = try ledger.calendar.instant(from: "2023-01-01", dateMeans: .start)
        let to = try ledger.calendar.instant(from: "2023-02-28", dateMeans: .end)
        let governance = try GovernanceReport.build(ledger, from: from, to: to)
        let plan = try PlanReport.build(ledger, asOf: to)
        let expected: [(String, String)] = [
            ("governance?from=2023-01-01&to=2023-02-28&format=json", governance.json.pretty + "\n"),
            ("governance?from=2023-01-01&to=2023-02-28&format=html", governance.html),
            ("governance?from=2023-01-01&to=2023-02-28&format=markdown", governance.document.markdown),
            ("governance?from=2023-01-01&to=2023-02-28&format=csv", governance.csv),
            ("plan?asOf=2023-02-28&format=json", plan.json.pretty + "\n"),
            ("plan?asOf=2023-02-28&format=html", plan.html),
            ("plan?asOf=2023-02-28&format=markdown", plan.document.markdown),
            ("plan?asOf=2023-02-28&format=csv", plan.summaryTable.csv),
        ]
        try await server.router { client in
            for (query, text) in expected {
                let response = try await client.execute(
                    uri: "/api/reports/" + query, method: .get, headers: APITests.bearer(tokens.auditor))
                #expect(response.status == .ok, "\(query)")
                #expect(String(buffer: response.body) == text, "\(query)")
            }
        }
    }
}
