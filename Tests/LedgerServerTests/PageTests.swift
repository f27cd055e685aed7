import Foundation
import HTTPTypes
import HummingbirdTesting
import LedgerCore
import LedgerStore
import LedgerTestSupport
import NIOCore
import Testing

@testable import LedgerServer

/// The web pages through the router: signing in and out, the session cookie, CSRF,
/// forms that keep what was typed and show errors beside their fields, writes that
/// carry the session's credential, roles, and what `--public-read` shows.
@Suite struct PageTests {
    typealias Tokens = APITests.Tokens

    static let formType: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// A signed-in browser: its session cookie and the CSRF token its pages carry.
    struct Browser {
        let cookie: String
        let csrf: String

        var headers: HTTPFields { [.cookie: "\(Sessions.cookie)=\(cookie)"] }

        /// The CSRF token with its first digit changed: always a different token (a
        /// fixed first digit would equal the real one whenever it starts with that digit).
        var forgedCSRF: String { (csrf.first == "0" ? "1" : "0") + csrf.dropFirst() }

        func form(_ more: HTTPFields = [:]) -> HTTPFields {
            var fields = headers
            fields[.contentType] = "application/x-www-form-urlencoded"
            for field in more { fields[field.name] = field.value }
            return fields
        }
    }

    static func encoded(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return ByteBuffer(
            string: fields.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&"))
    }

    /// Signs in with `token` and reads the CSRF token from the plan page.
    static func signIn(_ client: some TestClientProtocol, _ token: String) async throws -> Browser {
        let response = try await client.execute(uri: "/sign-in", method: .post, headers: formType, body: encoded([("token", token)]))
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/")
        let setCookie = try #require(response.headers[.setCookie])
        let value = try #require(setCookie.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last)
        let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: "\(Sessions.cookie)=\(value)"])
        #expect(page.status == .ok)
        return Browser(cookie: String(value), csrf: try #require(csrf(in: String(buffer: page.body))))
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    static func progress(_ browser: Browser, _ fields: [(String, String)], version: Int = 2) -> ByteBuffer {
        encoded([("csrf", browser.csrf), ("version", String(version)), ("key", UUID().uuidString)] + fields)
    }

    @Test func aGoodTokenSignsInWithAStrictHttpOnlySecureCookie() async throws {
        let server = try ServerHarness()
        let tokens = try Tokens(server.fixture.ledger)
        try await server.router { client in
            let response = try await client.execute(
                uri: "/sign-in", method: .post, headers: Self.formType, body: Self.encoded([("token", tokens.lead)]))
            #expect(response.status == .seeOther)
            let cookie = try #require(response.headers[.setCookie])
            #expect(cookie.hasPrefix("csp_session="))
            for attribute in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/"] {
                #expect(cookie.contains(attribute), "\(cookie)")
            }
            #expect(!cookie.contains(tokens.lead), "the cookie carries a session id, never the token")
            let browser = try await Self.signIn(client, tokens.lead)
            let plan = String(buffer: try await client.execute(uri: "/", method: .get, headers: browser.headers).body)
            #expect(plan.contains("Signed in as <strong>Pat Lead</strong> (lead, Test Police)"))
            #expect(plan.contains(#"<span class="badge rag-grey">Grey</span> not-started"#), "a RAG badge carries its word")
        }
        #expect(!server.logs.all.contains(tokens.lead))
    }

    @Test func plainHTTPLeavesSecureOff() async throws {
        let server = try ServerHarness(settings: ServerSettings(port: 0, insecureHTTP: true))
        let tokens = try Tokens(server.fixture.ledger)
        try await server.router { client in
            let response = try await client.execute(
                uri: "/sign-in", method: .post, headers: Self.formType, body: Self.encoded([("token", tokens.lead)]))
            let cookie = try #require(response.headers[.setCookie])
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            #expect(!cookie.contains("Secure"))
        }
    }

    @Test func aBadTokenIsRefusedBesideTheField() async throws {
        let server = try ServerHarness()
        let tokens = try Tokens(server.fixture.ledger)
        try await server.router { client in
            for token in [tokens.lead + "x", "nonsense", ""] {
                let response = try await client.execute(
                    uri: "/sign-in", method: .post, headers: Self.formType, body: Self.encoded([("token", token)]))
                #expect(response.status == (token.isEmpty ? .badRequest : .unauthorized))
                #expect(response.headers[.setCookie] == nil)
                let html = String(buffer: response.body)
                #expect(html.contains(#"<p class="error" id="sign-in-token-error">Error: "#), "\(html)")
                #expect(html.contains(#"aria-describedby="sign-in-token-hint sign-in-token-error" aria-invalid="true""#))
            }
        }
    }

    @Test func pagesWithoutASessionLeadToSignIn() async throws {
        let server = try ServerHarness()
        let before = try server.fixture.fingerprint()
        try await server.router { client in
            for uri in ["/", "/actions/A-1", "/reports", "/reports/plan", "/reports/governance?from=2023-01-01"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .seeOther, "\(uri)")
                #expect(response.headers[.location] == "/sign-in", "\(uri)")
            }
            let stale = try await client.execute(uri: "/", method: .get, headers: [.cookie: "\(Sessions.cookie)=made-up"])
            #expect(stale.headers[.location] == "/sign-in")
            let post = try await client.execute(
                uri: "/actions/A-1/progress", method: .post, headers: Self.formType, body: Self.encoded([("status", "on-track")]))
            #expect(post.headers[.location] == "/sign-in")
            let signIn = try await client.execute(uri: "/sign-in", method: .get)
            #expect(signIn.status == .ok)
            #expect(String(buffer: signIn.body).contains(#"<label for="sign-in-token">Access token</label>"#))
        }
        #expect(try server.fixture.fingerprint() == before)
    }

    @Test func signingOutEndsTheSession() async throws {
        let server = try ServerHarness()
        let tokens = try Tokens(server.fixture.ledger)
        try await server.router { client in
            let browser = try await Self.signIn(client, tokens.lead)
            let forged = try await client.execute(
                uri: "/sign-out", method: .post, headers: browser.form(), body: Self.encoded([("csrf", browser.forgedCSRF)]))
            #expect(forged.status == .forbidden)
            #expect(try await client.execute(uri: "/", method: .get, headers: browser.headers).status == .ok, "still signed in")
            let out = try await client.execute(
                uri: "/sign-out", method: .post, headers: browser.form(), body: Self.encoded([("csrf", browser.csrf)]))
            #expect(out.status == .seeOther)
            #expect(out.headers[.location] == "/sign-in?from=sign-out")
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            let after = try await client.execute(uri: "/", method: .get, headers: browser.headers)
            #expect(after.headers[.location] == "/sign-in")
        }
    }

    @Test func aRevokedTokenEndsItsSession() async throws {
        let server = try ServerHarness()
        let issued = try server.fixture.ledger.issueToken(to: Fixture.policeLead, by: Fixture.coordinator)
        try await server.router { client in
            let browser = try await Self.signIn(client, issued.token.text)
            _ = try await server.fixture.ledger.execute(.revokeToken(issued.token.id, reason: "lost"), by: Fixture.coordinator)
            let after = try await client.execute(uri: "/actions/A-1", method: .get, headers: browser.headers)
            #expect(after.headers[.location] == "/sign-in")
        }
    }

    @Test func aMissingOrWrongCSRFTokenIsRefusedAndNothingIsWritten() async throws {
        let server = try ServerHarness()
        let tokens = try Tokens(server.fixture.ledger)
        let before = try server.fixture.fingerprint()
        try await server.router { client in
            let browser = try await Self.signIn(client, tokens.lead)
            let other = try await Self.signIn(client, tokens.lead)
            for csrf in [nil, "", browser.forgedCSRF, other.csrf] {
                var fields = [("version", "2"), ("status", "on-track"), ("note", "Forged")]
                if let csrf { fields.append(("csrf", csrf)) }
                let response = try await client.execute(
                    uri: "/actions/A-1/progress", method: .post, headers: browser.form(), body: Self.encoded(fields))
                #expect(response.status == .forbidden, "\(csrf ?? "none")")
                #expect(String(buffer: response.body).contains("security token"))
            }
        }
        #expect(try server.fixture.fingerprint() == before)
    }

    @Test func aBadValueShowsTheFormAgainWithTheErrorBesideTheField() async throws {
        let server = try ServerHarness()
        let tokens = try Tokens(server.fixture.ledger)
        let before = try server.fixture.fingerprint()
        try await server.router { client in
            let browser = try await Self.signIn(client, tokens.lead)
            for (percent, status) in [("150", HTTPResponse.Status.unprocessableContent), ("lots", .badRequest)] {
                let response = try await client.execute(
                    uri: "/actions/A-1/progress", method: .post, headers: browser.form(),
                    body: Self.progress(browser, [("status", "at-risk"), ("percent", percent), ("note", "Kept <as> typed")]))
                #expect(response.status == status, "\(percent)")
                let html = String(buffer: response.body)
                #expect(html.contains(#"<p class="error" id="progress-percent-error">Error: "#), "\(html)")
                #expect(
                    html.contains(
                        #"<input id="progress-percent" name="percent" type="text" value="\#(percent)" inputmode="numeric" aria-describedby="progress-percent-hint progress-percent-error" aria-invalid="true">"#
                    ), "\(html)")
                #expect(html.contains("Kept &lt;as&gt; typed</textarea>"), "the note is kept, escaped")
                #expect(html.contains(#"<option value="at-risk" selected>"#), "the status is kept")
            }
            let missing = try await client.execute(
                uri: "/actions/A-1/progress", method: .post, headers: browser.form(), body: Self.progress(browser, [("note", "No status")]))
            #expect(String(buffer: missing.body).contains(#"id="progress-status-error""#))
        }
        #expect(try server.fixture.fingerprint() == before)
    }

    @Test func aLeadsProgressIsAppendedWithTheSessionsCredential() async throws {
        let server = try ServerHarness()
        let tokens = try Tokens(server.fixture.ledger)
        let credential = try await server.fixture.ledger.authenticate(token: tokens.lead)
        try await server.router { client in
            let browser = try await Self.signIn(client, tokens.lead)
            let action = String(buffer: try await client.execute(uri: "/actions/A-1", method: .get, headers: browser.headers).body)
            #expect(action.contains(#"<h2 id="progress-title">Report progress</h2>"#))
            #expect(!action.contains(#"id="review-title""#), "a lead has no coordinator forms")
            let body = Self.progress(
                browser,
                [("status", "on-track"), ("percent", "40"), ("note", "Launched"), ("evidence", "https://example.org/a\n\nminutes-7")])
            let response = try await client.execute(uri: "/actions/A-1/progress", method: .post, headers: browser.form(), body: body)
            #expect(response.status == .seeOther)
            let last = try await server.fixture.ledger.entries(LogFilter(stream: .action(Fixture.action))).last!
            #expect(response.headers[.location] == "/actions/A-1?done=progress#event-\(last.position)")
            #expect(last.recorded.credential == credential.token)
            #expect(last.recorded.actor == Fixture.policeLead)
            guard case .actionProgressed(let event) = last.recorded.event else {
                Issue.record("not a progress report: \(last.type)")
                return
            }
            #expect(event.status == .onTrack && event.percent == 40 && event.note == "Launched")
            #expect(event.evidence == ["https://example.org/a", "minutes-7"])
            // The same form sent again (the same key) appends nothing more.
            let again = try await client.execute(uri: "/actions/A-1/progress", method: .post, headers: browser.form(), body: body)
            #expect(again.status == .seeOther)
            #expect(try await server.fixture.ledger.entries(LogFilter(stream: .action(Fixture.action))).last == last)
            let page = String(
                buffer: try await client.execute(uri: "/actions/A-1?done=progress", method: .get, headers: browser.headers).body)
            #expect(page.contains("Your progress report is recorded."))
            #expect(page.contains(#"<li id="event-\#(last.position)">"#))
            #expect(page.contains("Written with credential \(credential.token) (a signed-in token)."))
            #expect(page.contains("Declared: written at the command line, without a credential."))
            #expect(page.contains("By Pat Lead (police.lead) for Test Police (police)."))
            // A stale form (the version it was drawn from) is refused, not written over.
            let stale = try await client.execute(
                uri: "/actions/A-1/progress", method: .post, headers: browser.form(), body: Self.progress(browser, [("status", "at-risk")]))
            #expect(stale.status == .conflict)
            #expect(String(buffer: stale.body).contains(#"id="progress-form-error""#))
        }
        #expect(try server.fixture.ledger.verify().isSound)
    }

    @Test func aPartnersSessionCannotUseTheCoordinatorsForms() async throws {
        let server = try ServerHarness()
        let tokens = try Tokens(server.fixture.ledger)
        let before = try server.fixture.fingerprint()
        try await server.router { client in
            let browser = try await Self.signIn(client, tokens.lead)
            let forms: [(String, [(String, String)])] = [
                ("review", [("outcome", "continue")]), ("assign", [("lead", "fire")]), ("amend", [("title", "Renamed")]),
            ]
            for (verb, fields) in forms {
                let response = try await client.execute(
                    uri: "/actions/A-1/\(verb)", method: .post, headers: browser.form(), body: Self.progress(browser, fields))
                #expect(response.status == .forbidden, "\(verb)")
            }
            let auditor = try await Self.signIn(client, tokens.auditor)
            let progress = try await client.execute(
                uri: "/actions/A-1/progress", method: .post, headers: auditor.form(), body: Self.progress(auditor, [("status", "on-track")])
            )
            #expect(progress.status == .forbidden)
        }
        #expect(try server.fixture.fingerprint() == before)
    }

    @Test func theCoordinatorAssignsAndReviewsThroughTheForms() async throws {
        let server = try ServerHarness()
        let tokens = try Tokens(server.fixture.ledger)
        try await server.router { client in
            let browser = try await Self.signIn(client, tokens.coordinator)
            let page = String(buffer: try await client.execute(uri: "/actions/A-2", method: .get, headers: browser.headers).body)
            for form in ["review", "assign", "amend"] { #expect(page.contains(#"id="\#(form)-title""#), "\(form)") }
            let assigned = try await client.execute(
                uri: "/actions/A-2/assign", method: .post, headers: browser.form(),
                body: Self.progress(browser, [("lead", "fire"), ("support", "police"), ("support", "council"), ("owner", "")], version: 1))
            #expect(assigned.status == .seeOther)
            let action = try #require(try server.fixture.ledger.state().actions[Fixture.unassigned])
            #expect(action.lead == (try PartnerID("fire")) && action.supporting.count == 2)
            let noOutcome = try await client.execute(
                uri: "/actions/A-2/review", method: .post, headers: browser.form(), body: Self.progress(browser, [("note", "")], version: 2)
            )
            #expect(String(buffer: noOutcome.body).contains(#"id="review-outcome-error""#))
        }
    }

    @Test func publicReadShowsThePlanWithoutNamesOrNotes() async throws {
        let server = try ServerHarness(settings: ServerSettings(port: 0, publicRead: true))
        try server.fixture.execute(
            at: "2023-01-10T12:00:00Z", .reportProgress(Fixture.action, status: .atRisk, note: "Pat is worried", percent: 10, evidence: []),
            by: Fixture.policeLead)
        try await server.router { client in
            let plan = try await client.execute(uri: "/", method: .get)
            #expect(plan.status == .ok)
            let html = String(buffer: plan.body)
            #expect(html.contains("Do the thing") && html.contains(#"<span class="badge rag-amber">Amber</span> at-risk"#))
            for hidden in ["Pat", "Casey", "worried", "/actions/A-1"] { #expect(!html.contains(hidden), "\(hidden)") }
            let report = String(buffer: try await client.execute(uri: "/reports/plan", method: .get).body)
            #expect(report.contains("Do the thing") && !report.contains("worried"))
            for uri in ["/actions/A-1", "/reports", "/reports/governance?from=2023-01-01"] {
                #expect(try await client.execute(uri: uri, method: .get).headers[.location] == "/sign-in", "\(uri)")
            }
        }
    }

    @Test func theAsOfPickerShowsThePlanAsItStood() async throws {
        let server = try ServerHarness()
        let tokens = try Tokens(server.fixture.ledger)
        try server.fixture.execute(
            at: "2023-02-01T12:00:00Z", .reportProgress(Fixture.action, status: .offTrack, note: nil, percent: nil, evidence: []),
            by: Fixture.policeLead)
        try await server.router { client in
            let browser = try await Self.signIn(client, tokens.lead)
            let now = String(buffer: try await client.execute(uri: "/", method: .get, headers: browser.headers).body)
            #expect(now.contains(#"<span class="badge rag-red">Red</span> off-track"#))
            let then = try await client.execute(uri: "/?asOf=2023-01-20", method: .get, headers: browser.headers)
            let html = String(buffer: then.body)
            #expect(html.contains("The plan as it stood on 20 January 2023"))
            #expect(html.contains(#"value="2023-01-20""#))
            #expect(!html.contains("off-track") && html.contains("not-started"))
            let bad = try await client.execute(uri: "/?asOf=someday", method: .get, headers: browser.headers)
            #expect(bad.status == .unprocessableContent)
            #expect(String(buffer: bad.body).contains(#"id="plan-asOf-error""#))
        }
    }

    @Test func theReportsPageGivesTheDigestToPaste() async throws {
        let server = try ServerHarness()
        let tokens = try Tokens(server.fixture.ledger)
        let digest = try await server.fixture.ledger.digest()
        try await server.router { client in
            let browser = try await Self.signIn(client, tokens.auditor)
            let page = String(buffer: try await client.execute(uri: "/reports", method: .get, headers: browser.headers).body)
            #expect(page.contains("its digest is \(digest.text)"))
            #expect(page.contains("No checkpoint has been witnessed yet."))
            let report = try await client.execute(uri: "/reports/plan?asOf=2023-01-31", method: .get, headers: browser.headers)
            #expect(report.headers[.contentType] == "text/html; charset=utf-8")
            #expect(String(buffer: report.body).contains("RAG summary"))
            let governance = try await client.execute(
                uri: "/reports/governance?from=2023-01-01&to=2023-01-31", method: .get, headers: browser.headers)
            #expect(governance.status == .ok && String(buffer: governance.body).contains("<html"))
        }
    }
}
