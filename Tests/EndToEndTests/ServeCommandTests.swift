import Foundation
import GRDB
import LedgerStore
import LedgerTestSupport
import Testing

@testable import csp_ledger

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
        let server = try await ServerProcess(
            db: cli.db, arguments: ["--test-clock"], environment: ["CSP_LEDGER_NOW": cli.now])
        #expect(try run("/usr/bin/curl", ["-s", "\(server.url)/healthz"]).stdout.contains("\"ok\""))
        // It tells the person who started it where to point a browser.
        #expect(
            server.printed
                == "serving \(cli.db) at \(server.url)/: open it in a browser and sign in with a token (csp-ledger token issue)\n")
        // One server per ledger: a second is refused, naming the first.
        let second = try cli("serve", "--port", String(server.port + 1), "--test-clock")
        #expect(second.status == 1, "\(second)")
        #expect(
            second.stderr.contains("is already served by csp-ledger \(releaseVersion), process \(server.process.processIdentifier)"),
            "\(second)")
        let (status, log) = server.stop()
        #expect(status == 0)
        #expect(log.contains("route=/healthz"))
        // The kernel's lock went with the process: the ledger can be served again.
        #expect(throws: Never.self) { _ = try ServingLease.acquire(cli.db, release: releaseVersion) }
    }

    /// A file that a server holds is not upgraded under it by another release; once that
    /// server stops, the upgrade runs.
    @Test func aServedFileIsNotUpgradedUnderItsServer() throws {
        let directory = TemporaryDirectory()
        let db = directory.file("v1.sqlite")
        try FileManager.default.copyItem(atPath: packageRoot + "/Tests/LedgerStoreTests/Fixtures/v1-ledger.sqlite", toPath: db)
        func migrations() throws -> Int {
            try DatabaseQueue(path: db).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM grdb_migrations") ?? 0 }
        }
        let before = try migrations()
        // This process stands for a server of an earlier release.
        var lease: ServingLease? = try ServingLease.acquire(db, release: "0.3.0")
        let write = ["action", "progress", "A-1", "--status", "on-track", "--actor", "pat", "--db", db]
        let refused = try run(CLI.binary, write)
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("is served by csp-ledger 0.3.0, process \(getpid())"), "\(refused)")
        #expect(refused.stderr.contains("stop that server first"), "\(refused)")
        #expect(try migrations() == before, "nothing was migrated")
        #expect(try run(CLI.binary, ["state", "--db", db]).status == 0, "reads need no upgrade")
        withExtendedLifetime(lease) {}
        lease = nil
        let upgraded = try run(CLI.binary, write)
        #expect(upgraded.status == 0, "\(upgraded)")
        #expect(try migrations() > before)
    }

    /// A lease file planted as a link to the ledger is refused, and the ledger is untouched.
    @Test func aLeaseFileThatLinksToTheLedgerIsRefused() throws {
        let directory = TemporaryDirectory()
        let cli = CLI(db: directory.file("ledger.sqlite"))
        try cli.initialiseStandard()
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.db))
        for plant in [
            { try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: cli.db) },
            { try FileManager.default.linkItem(atPath: cli.db, toPath: $0) },
        ] as [(String) throws -> Void] {
            let lease = cli.db + ".serving"
            try plant(lease)
            let result = try cli("serve", "--port", "18082", "--test-clock")
            #expect(result.status == 1, "\(result)")
            #expect(
                result.stderr.contains("not a plain file of its own") || result.stderr.contains("Too many levels of symbolic links"),
                "\(result)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: cli.db)) == before)
            try FileManager.default.removeItem(atPath: lease)
        }
        #expect(try cli("verify").status == 0)
    }
}
