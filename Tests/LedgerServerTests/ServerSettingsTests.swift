import LedgerServer
import Testing

@Suite struct ServerSettingsTests {
    @Test func loopbackNeedsNothingMore() throws {
        try ServerSettings(host: "127.0.0.1").validate(environment: [:])
        try ServerSettings(host: "localhost").validate(environment: [:])
        try ServerSettings(host: "::1").validate(environment: [:])
    }

    @Test func anotherAddressNeedsAProxyOrPlainHTTPSaidOutLoud() throws {
        let refusal = #expect(throws: ServerError.self) { try ServerSettings(host: "0.0.0.0").validate(environment: [:]) }
        #expect(refusal?.code == .settings)
        #expect(refusal?.message.contains("--behind-proxy") == true)
        try ServerSettings(host: "0.0.0.0", trustedProxy: "10.0.0.2").validate(environment: [:])
        try ServerSettings(host: "192.168.1.5", insecureHTTP: true).validate(environment: [:])
        #expect(throws: ServerError.self) {
            try ServerSettings(host: "0.0.0.0", trustedProxy: "10.0.0.2", insecureHTTP: true).validate(environment: [:])
        }
    }

    @Test func aSetClockNeedsTestClockAndTestClockNeedsASetClock() throws {
        let now = ["CSP_LEDGER_NOW": "2024-01-01T00:00:00Z"]
        let refusal = #expect(throws: ServerError.self) { try ServerSettings().validate(environment: now) }
        #expect(refusal?.message.contains("CSP_LEDGER_NOW") == true)
        try ServerSettings(testClock: true).validate(environment: now)
        #expect(throws: ServerError.self) { try ServerSettings(testClock: true).validate(environment: [:]) }
    }

    @Test func portsOutsideTheRangeAreRefused() {
        #expect(throws: ServerError.self) { try ServerSettings(port: 0).validate(environment: [:]) }
        #expect(throws: ServerError.self) { try ServerSettings(port: 70_000).validate(environment: [:]) }
    }
}
