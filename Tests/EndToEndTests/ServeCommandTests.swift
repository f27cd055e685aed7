import Foundation
import LedgerTestSupport
import Testing

/// `csp-ledger serve` as a user starts and stops it.
@Suite struct ServeCommandTests {
    @Test func aSetClockIsRefusedWithoutTestClock() throws {
        let directory = TemporaryDirectory()
        let cli = CLI(db: directory.file("ledger.sqlite"))
        try cli.initialiseStandard()
        let result = try cli("serve", "--port", "18081")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Error: CSP_LEDGER_NOW is set"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func anotherAddressIsRefusedWithoutAProxyOrInsecureHTTP() throws {
        let directory = TemporaryDirectory()
        let cli = CLI(db: directory.file("ledger.sqlite"))
        try cli.initialiseStandard()
        let result = try cli("serve", "--host", "0.0.0.0", "--test-clock")
        #expect(result.status == 1)
        #expect(result.stderr.contains("--behind-proxy ADDR"))
    }

    @Test func sigtermStopsTheServerCleanly() async throws {
        let directory = TemporaryDirectory()
        let cli = CLI(db: directory.file("ledger.sqlite"))
        try cli.initialiseStandard()
        let port = 18_000 + Int.random(in: 100..<900)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: CLI.binary)
        server.arguments = ["serve", "--db", cli.db, "--port", String(port), "--test-clock"]
        server.environment = ["CSP_LEDGER_NOW": cli.now]
        let errors = Pipe()
        server.standardError = errors
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        var healthy = false
        for _ in 0..<100 where !healthy {
            try await Task.sleep(for: .milliseconds(100))
            let probe = try run("/usr/bin/curl", ["-s", "http://127.0.0.1:\(port)/healthz"])
            healthy = probe.stdout.contains("\"ok\"")
        }
        #expect(healthy)
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("route=/healthz"))
    }
}
