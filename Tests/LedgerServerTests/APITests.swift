import CanonicalJSON
import Foundation
import HTTPTypes
import HummingbirdTesting
import LedgerAudit
import LedgerCore
import LedgerStore
import LedgerTestSupport
import NIOCore
import Testing

@testable import LedgerServer

/// The JSON API through the router: who may read and write what, preconditions,
/// idempotency, errors, and what reaches the log and the server's own log.
@Suite struct APITests {
    /// A server over the fixture ledger with a token for each of its people.
    struct Tokens {
        let coordinator: String
        let lead: String
        let fireLead: String
        let auditor: String

        init(_ ledger: Ledger) throws {
            func issue(_ actor: ActorID) throws -> String { try ledger.issueToken(to: actor, by: Fixture.coordinator).token.text }
            (coordinator, lead, fireLead, auditor) = (
                try issue(Fixture.coordinator), try issue(Fixture.policeLead), try issue(Fixture.fireLead), try issue(Fixture.auditor)
            )
        }
    }

    static func bearer(_ token: String, _ more: HTTPFields = [:]) -> HTTPFields {
        var fields = more
        fields[.authorization] = "Bearer \(token)"
        return fields
    }

    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
    static let jsonType: HTTPFields = [.contentType: "application/json"]

    @Test func readsNeedAValidToken() async throws {
        let server = try ServerHarness()
        let tokens = try Tokens(server.fixture.ledger)
        try await server.router { client in
            for uri in ["/api/state", "/api/log", "/api/actions/A-1", "/api/actions/A-1/history", "/api/digest", "/api/reports/plan"] {
                let anonymous = try await client.execute(uri: uri, method: .get)
                #expect(anonymous.status == .unauthorized, "\(uri)")
                #expect(anonymous.errorCode == "unauthenticated")
                let forged = try await client.execute(uri: uri, method: .get, headers: Self.bearer(tokens.lead + "x"))
                #expect(forged.status == .unauthorized, "\(uri)")
                let member = try await client.execute(uri: uri, method: .get, headers: Self.bearer(tokens.lead))
                #expect(member.status == .ok, "\(uri)")
            }
        }
    }

    @Test func stateMatchesTheLibraryAndAsOfIsServedTheSameTwice() async throws {
        let server = try ServerHarness()
        let tokens = try Tokens(server.fixture.ledger)
        let head = try await server.fixture.ledger.digest().position
        try await server.router { client in
            let now = try await client.execute(uri: "/api/state", method: .get, headers: Self.bearer(tokens.auditor))
            guard case .object(let state) = try now.json else { Issue.record("not an object"); return }
            #expect(state["position"] == .int(head))
            let uri = "/api/state?asOf=2023-01-10T09:05:00Z"
            let first = try await client.execute(uri: uri, method: .get, headers: Self.bearer(tokens.auditor))
            let second = try await client.execute(uri: uri, method: .get, headers: Self.bearer(tokens.auditor))
            #expect(first.status == .ok)
            #expect(first.body == second.body)
            guard case .object(let early) = try first.json else { return }
            let recorded = try await server.fixture.ledger.digest(asOf: Instant(iso8601: "2023-01-10T09:05:00Z")).position
            #expect(early["position"] == .int(recorded))
            let bad = try await client.execute(uri: "/api/state?asOf=yesterday", method: .get, headers: Self.bearer(tokens.auditor))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.errorCode == "invalid-input")
        }
    }

    @Test func aScopedStateIsTheLibrarysScopedAnswerAndAskingBadlyIsRefused() async throws {
        let server = try ServerHarness()
        let tokens = try Tokens(server.fixture.ledger)
        let ledger = server.fixture.ledger
        let asOf = try Instant(iso8601: "2023-01-10T09:05:00Z")
        try await server.router { client in
            for (name, scope) in [
                ("partner=police", PlanScope.partner(try PartnerID("police"))), ("action=A-2", .action(Fixture.unassigned)),
            ] {
                let (state, head) = try AuditQueries(ledger).state(asOf: asOf, effective: nil, fold: false, scope: scope)
                let expected = JSONResponse.render(StateView(state: state, asOf: asOf, effective: nil, position: head.position).json)
                for fold in ["", "&fold=true"] {
                    let uri = "/api/state?asOf=2023-01-10T09:05:00Z&\(name)\(fold)"
                    let answer = try await client.execute(uri: uri, method: .get, headers: Self.bearer(tokens.auditor))
                    #expect(answer.status == .ok, "\(uri)")
                    #expect(answer.body == expected, "\(uri)")
                }
            }
            let whole = try await client.execute(
                uri: "/api/state?asOf=2023-01-10T09:05:00Z", method: .get, headers: Self.bearer(tokens.auditor))
            let scoped = try await client.execute(
                uri: "/api/state?asOf=2023-01-10T09:05:00Z&action=A-2", method: .get, headers: Self.bearer(tokens.auditor))
            #expect(whole.body != scoped.body, "a kept whole answer is not served for a scoped question")
            let refused: [(String, HTTPResponse.Status, String)] = [
                ("/api/state?plan=P-1&partner=police", .badRequest, "bad-request"),
                ("/api/state?fold=yes", .badRequest, "bad-request"),
                ("/api/state?action=A-99", .notFound, "unknown"),
                ("/api/state?partner=not%20an%20id", .unprocessableContent, "invalid-input"),
            ]
            for (uri, status, code) in refused {
                let answer = try await client.execute(uri: uri, method: .get, headers: Self.bearer(tokens.auditor))
                #expect(answer.status == status, "\(uri): \(String(buffer: answer.body))")
                #expect(answer.errorCode == code, "\(uri)")
            }
        }
    }

    @Test func aLeadReportsProgressWithTheVersionItSawAndTheEventCarriesTheCredential() async throws {
        let server = try ServerHarness()
        let tokens = try Tokens(server.fixture.ledger)
        try await server.router { client in
            let action = try await client.execute(uri: "/api/actions/A-1", method: .get, headers: Self.bearer(tokens.lead))
            #expect(action.headers[.eTag] == "\"2\"")
            let body = Self.json(#"{"status":"on-track","note":"Launched","percent":40}"#)
            let written = try await client.execute(
                uri: "/api/actions/A-1/progress", method: .post,
                headers: Self.bearer(tokens.lead, Self.jsonType.merging([.ifMatch: "\"2\""])),
                body: body)
            #expect(written.status == .created)
            #expect(written.headers[.eTag] == "\"3\"")
            let stale = try await client.execute(
                uri: "/api/actions/A-1/progress", method: .post,
                headers: Self.bearer(tokens.lead, Self.jsonType.merging([.ifMatch: "\"2\""])),
                body: body)
            #expect(stale.status == .conflict)
            #expect(stale.errorCode == "conflict")
        }
        let last = try await server.fixture.ledger.entries(LogFilter(stream: .action(Fixture.action))).last!
        #expect(last.recorded.actor == Fixture.policeLead)
        #expect(last.recorded.credential != nil)
        #expect(last.recorded.credential == (try await server.fixture.ledger.authenticate(token: tokens.lead)).token)
        #expect(try server.fixture.ledger.verify().isSound)
    }

    @Test func refusedWritesChangeNothing() async throws {
        let server = try ServerHarness()
        let tokens = try Tokens(server.fixture.ledger)
        let before = try server.fixture.fingerprint()
        let progress = Self.json(#"{"status":"on-track"}"#)
        let cases: [(String, String, ByteBuffer, HTTPFields, HTTPResponse.Status, String)] = [
            ("auditor writes", "/api/actions/A-1/progress", progress, Self.bearer(tokens.auditor, Self.jsonType), .forbidden, "forbidden"),
            ("wrong partner", "/api/actions/A-1/progress", progress, Self.bearer(tokens.fireLead, Self.jsonType), .forbidden, "forbidden"),
            ("no token", "/api/actions/A-1/progress", progress, Self.jsonType, .unauthorized, "unauthenticated"),
            (
                "not JSON", "/api/actions/A-1/progress", Self.json("{status"), Self.bearer(tokens.lead, Self.jsonType), .badRequest,
                "bad-request"
            ),
            (
                "form", "/api/actions/A-1/progress", progress, Self.bearer(tokens.lead, [.contentType: "text/plain"]),
                .unsupportedMediaType,
                "unsupported-media-type"
            ),
            (
                "unknown field", "/api/actions/A-1/progress", Self.json(#"{"status":"on-track","percnt":5}"#),
                Self.bearer(tokens.lead, Self.jsonType),
                .badRequest, "bad-request"
            ),
            (
                "bad status", "/api/actions/A-1/progress", Self.json(#"{"status":"withdrawn"}"#), Self.bearer(tokens.lead, Self.jsonType),
                .unprocessableContent, "invalid-input"
            ),
            (
                "percent", "/api/actions/A-1/progress", Self.json(#"{"status":"on-track","percent":101}"#),
                Self.bearer(tokens.lead, Self.jsonType),
                .unprocessableContent, "invalid-input"
            ),
            (
                "unknown action", "/api/actions/NOPE/progress", progress, Self.bearer(tokens.coordinator, Self.jsonType), .notFound,
                "unknown"
            ),
            (
                "duplicate", "/api/actions", Self.json(#"{"id":"A-1","priority":"PR-1","title":"Again"}"#),
                Self.bearer(tokens.coordinator, Self.jsonType),
                .conflict, "duplicate"
            ),
            (
                "exists", "/api/actions", Self.json(#"{"id":"A-1","priority":"PR-1","title":"Again"}"#),
                Self.bearer(tokens.coordinator, Self.jsonType.merging([.ifNoneMatch: "*"])), .conflict, "conflict"
            ),
            (
                "bad If-Match", "/api/actions/A-1/progress", progress, Self.bearer(tokens.lead, Self.jsonType.merging([.ifMatch: "two"])),
                .badRequest, "precondition-failed"
            ),
            (
                "bad key", "/api/actions/A-1/progress", progress, Self.bearer(tokens.lead, Self.jsonType.merging([.idempotencyKey: "1"])),
                .badRequest, "bad-request"
            ),
            (
                "invisible", "/api/actions/A-1/progress", Self.json(#"{"status":"on-track","note":"a\u202Eb"}"#),
                Self.bearer(tokens.lead, Self.jsonType),
                .unprocessableContent, "invalid-input"
            ),
            (
                "too large", "/api/actions/A-1/progress", ByteBuffer(repeating: 0x20, count: Limits.bodyBytes + 1),
                Self.bearer(tokens.lead, Self.jsonType),
                .contentTooLarge, "too-large"
            ),
        ]
        try await server.router { client in
            for (name, uri, body, headers, status, code) in cases {
                let response = try await client.execute(uri: uri, method: .post, headers: headers, body: body)
                #expect(response.status == status, "\(name)")
                #expect(response.errorCode == code, "\(name): \(String(buffer: response.body))")
            }
        }
        #expect(try server.fixture.fingerprint() == before)
    }

    @Test func aRetriedWriteAppendsOnceAndAReusedKeyIsRefused() async throws {
        let server = try ServerHarness()
        let tokens = try Tokens(server.fixture.ledger)
        let key = "5b0d8c3e-8a2f-4e0e-9a55-2d1f0c6b7a10"
        let headers = Self.bearer(tokens.lead, Self.jsonType.merging([.idempotencyKey: key]))
        let body = Self.json(#"{"status":"at-risk","note":"Delayed"}"#)
        let count = try server.fixture.ledger.count()
        try await server.router { client in
            let first = try await client.execute(uri: "/api/actions/A-1/progress", method: .post, headers: headers, body: body)
            #expect(first.status == .created)
            let retry = try await client.execute(uri: "/api/actions/A-1/progress", method: .post, headers: headers, body: body)
            #expect(retry.status == .ok)
            #expect(retry.headers[.idempotentReplayed] == "true")
            #expect(try retry.json == first.json)
            let other = try await client.execute(
                uri: "/api/actions/A-1/progress", method: .post, headers: headers, body: Self.json(#"{"status":"off-track"}"#))
            #expect(other.status == .unprocessableContent)
            #expect(other.errorCode == "idempotency-key-reused")
        }
        #expect(try server.fixture.ledger.count() == count + 1)
        let last = try await server.fixture.ledger.entries(LogFilter(stream: .action(Fixture.action))).last!
        #expect(last.recorded.eventID == Idempotency.uuid5(namespace: key, name: "0"))
    }

    @Test func expiredRevokedAndDeactivatedTokensAreRefused() async throws {
        let server = try ServerHarness()
        let ledger = server.fixture.ledger
        let soon = try ledger.issueToken(
            to: Fixture.policeHelper, by: Fixture.coordinator, expiresAt: server.fixture.clock.now.adding(milliseconds: 86_400_000))
        let lead = try ledger.issueToken(to: Fixture.policeLead, by: Fixture.coordinator)
        try await server.router { client in
            #expect(try await client.execute(uri: "/api/digest", method: .get, headers: Self.bearer(soon.token.text)).status == .ok)
            server.fixture.clock.advance(minutes: 2 * 24 * 60)
            #expect(
                try await client.execute(uri: "/api/digest", method: .get, headers: Self.bearer(soon.token.text)).status == .unauthorized)
            try await ledger.execute(.deactivateActor(Fixture.policeLead, reason: nil), by: Fixture.coordinator)
            #expect(
                try await client.execute(uri: "/api/digest", method: .get, headers: Self.bearer(lead.token.text)).status == .unauthorized)
        }
    }

    @Test func repeatedFailuresFromOneAddressAreSlowed() async throws {
        let server = try ServerHarness()
        try await server.router { client in
            var last: TestResponse?
            for _ in 0...SignInFailures.limit {
                last = try await client.execute(uri: "/api/digest", method: .get, headers: Self.bearer("guess"))
            }
            #expect(last?.status == .tooManyRequests)
            #expect(last?.headers[.retryAfter] != nil)
        }
    }

    @Test func verifyIsForCoordinatorsAndAuditors() async throws {
        let server = try ServerHarness()
        let tokens = try Tokens(server.fixture.ledger)
        try await server.router { client in
            let lead = try await client.execute(uri: "/api/verify", method: .get, headers: Self.bearer(tokens.lead))
            #expect(lead.status == .forbidden)
            let auditor = try await client.execute(uri: "/api/verify", method: .get, headers: Self.bearer(tokens.auditor))
            #expect(auditor.status == .ok)
            guard case .object(let report) = try auditor.json else { return }
            #expect(report["ok"] == .bool(true))
        }
    }

    /// `GET /api/tokens` answers as `token list` does, for coordinators and auditors only,
    /// and never shows a token or its hash.
    @Test func tokenMetadataIsForCoordinatorsAndAuditors() async throws {
        let server = try ServerHarness()
        let tokens = try Tokens(server.fixture.ledger)
        let ledger = server.fixture.ledger
        let revoked = try ledger.issueToken(to: Fixture.fireLead, by: Fixture.coordinator, label: "lost laptop")
        try await ledger.execute(.revokeToken(revoked.token.id, reason: "lost"), by: Fixture.coordinator)
        let hashes = try ledger.state().tokens.values.map(\.sha256)
        try await server.router { client in
            for token in [tokens.lead, tokens.fireLead] {
                let refused = try await client.execute(uri: "/api/tokens", method: .get, headers: Self.bearer(token))
                #expect(refused.status == .forbidden)
                #expect(refused.errorCode == "forbidden")
            }
            #expect(try await client.execute(uri: "/api/tokens", method: .get).status == .unauthorized)
            for token in [tokens.coordinator, tokens.auditor] {
                let listed = try await client.execute(uri: "/api/tokens", method: .get, headers: Self.bearer(token))
                #expect(listed.status == .ok)
                let text = String(buffer: listed.body)
                for secret in [tokens.coordinator, tokens.lead, tokens.fireLead, tokens.auditor, revoked.token.text] + hashes {
                    #expect(!text.contains(secret))
                }
                guard case .array(let rows) = try listed.json else {
                    Issue.record("not an array: \(text)")
                    continue
                }
                #expect(rows.count == 5)
                let objects = rows.compactMap { row -> [String: JSONValue]? in if case .object(let o) = row { o } else { nil } }
                let row = objects.first { $0["id"] == .string(revoked.token.id.rawValue) }
                #expect(row?["status"] == .string("revoked"))
                #expect(row?["reason"] == .string("lost"))
                #expect(row?["label"] == .string("lost laptop"))
            }
        }
    }

    @Test func publicReadOpensThePlanWithoutNotesOrPeople() async throws {
        let server = try ServerHarness(settings: ServerSettings(port: 0, publicRead: true))
        try await server.fixture.ledger.execute(
            .reportProgress(Fixture.action, status: .onTrack, note: "Met Pat at the station", percent: nil), by: Fixture.policeLead)
        try await server.router { client in
            let state = try await client.execute(uri: "/api/state", method: .get)
            #expect(state.status == .ok)
            let text = String(buffer: state.body)
            #expect(!text.contains("Pat"))
            #expect(text.contains("Do the thing"))
            let report = try await client.execute(uri: "/api/reports/plan?format=html", method: .get)
            #expect(report.status == .ok)
            #expect(!String(buffer: report.body).contains("Met Pat"))
            for uri in ["/api/log", "/api/actions/A-1/history", "/api/reports/governance?from=2023-01-01", "/api/digest"] {
                #expect(try await client.execute(uri: uri, method: .get).status == .unauthorized, "\(uri)")
            }
        }
    }

    /// The server's report pages write times as the command line's do: for people.
    @Test func reportPagesWriteTimesAsPeopleDo() async throws {
        let server = try ServerHarness(settings: ServerSettings(port: 0, publicRead: true))
        try await server.router { client in
            let page = String(buffer: try await client.execute(uri: "/api/reports/plan?format=html", method: .get).body)
            #expect(page.contains("As recorded up to 10 January 2023, ") && page.contains(" GMT"), "\(page.prefix(2000))")
            #expect(!page.contains("+00:00"), "\(page.prefix(2000))")
        }
    }

    @Test func theServersLogHoldsNoTokenCookieOrNote() async throws {
        let server = try ServerHarness()
        let tokens = try Tokens(server.fixture.ledger)
        try await server.router { client in
            _ = try await client.execute(
                uri: "/api/actions/A-1/progress?note=QUERY-SECRET", method: .post,
                headers: Self.bearer(tokens.lead, Self.jsonType.merging([.cookie: "session=COOKIE-SECRET"])),
                body: Self.json(#"{"status":"on-track","note":"NOTE-SECRET"}"#))
            _ = try await client.execute(uri: "/api/state", method: .get, headers: Self.bearer(tokens.lead + "x"))
        }
        let logs = server.logs.all
        #expect(logs.contains("route=/api/actions/{id}/progress"))
        for secret in [tokens.lead, "COOKIE-SECRET", "NOTE-SECRET", "QUERY-SECRET"] { #expect(!logs.contains(secret), "\(secret)") }
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var merged = self
        for field in other { merged[field.name] = field.value }
        return merged
    }
}
