import CanonicalJSON
import Foundation
import HummingbirdTesting
import LedgerTestSupport
import Testing

@testable import LedgerServer

/// `/healthz`, `/metrics`, unknown addresses, and the server over a real socket.
@Suite struct OperationsTests {
    @Test func healthIsOpenAndReadsTheHead() async throws {
        let server = try ServerHarness()
        let head = try await server.fixture.ledger.digest().position
        try await server.router { client in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            #expect(try response.json == .object(["status": .string("ok"), "position": .int(head)]))
        }
    }

    @Test func anUnknownAddressIsAJSONNotFound() async throws {
        let server = try ServerHarness()
        try await server.router { client in
            let response = try await client.execute(uri: "/nothing/here", method: .get)
            #expect(response.status == .notFound)
            #expect(response.errorCode == "not-found")
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        }
    }

    @Test func metricsAreRefusedToAClientThatIsNotLocal() async throws {
        // The router tests have no socket: the client's address is unknown.
        let server = try ServerHarness()
        try await server.router { client in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .unauthorized)
            #expect(response.errorCode == "unauthenticated")
        }
    }

    @Test func overARealSocketMetricsAreOpenToLoopbackAndCountRequestsAndRefusals() async throws {
        let server = try ServerHarness()
        try await server.application.test(.live) { client in
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/nothing", method: .get).status == .notFound)
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            let text = String(buffer: response.body)
            #expect(text.contains(#"csp_ledger_http_requests_total{method="GET",route="/healthz",status="200"} 1"#))
            #expect(text.contains(#"csp_ledger_refusals_total{code="not-found"} 1"#))
            #expect(text.contains("csp_ledger_http_request_duration_seconds_bucket"))
        }
        #expect(server.logs.all.contains("client=127.0.0.1"))
    }

    @Test func throughTheTrustedProxyTheForwardedAddressIsTheClient() async throws {
        let server = try ServerHarness(settings: ServerSettings(port: 0, trustedProxy: "127.0.0.1"))
        try await server.application.test(.live) { client in
            let forwarded = try await client.execute(uri: "/metrics", method: .get, headers: [.xForwardedFor: "6.6.6.6, 203.0.113.9"])
            #expect(forwarded.status == .unauthorized)
            let unnamed = try await client.execute(uri: "/metrics", method: .get)
            #expect(unnamed.status == .unauthorized)
        }
        #expect(server.logs.all.contains("client=203.0.113.9"))
        #expect(!server.logs.all.contains("6.6.6.6"))
    }
}
