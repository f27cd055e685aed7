import Foundation
import LedgerTestSupport
import Testing

/// The server under load on loopback, bounded in time: 8 writers (Tools/load_test.py)
/// posting progress reports, each on its own action, while 32 readers (two wrk
/// processes) ask for the state now and as of an earlier day, for 30 seconds. No
/// request may fail, every write answered 2xx must be in the log exactly once (retries
/// included), and the ledger must verify afterwards. wrk comes from Debian (`.ci/run`
/// installs it); under `CI=1` a missing one fails.
@Suite(.enabled(if: which("wrk") != nil || runsInCI, "needs wrk; .ci/run installs it"))
struct LoadTests {
    let directory = TemporaryDirectory()
    var cli: CLI { CLI(db: directory.file("ledger.sqlite")) }

    /// The standard ledger with eight more open actions led by the police, one per writer.
    func ledgerWithEightOpenActions() throws {
        try cli.initialiseStandard()
        for n in 10..<18 {
            for step in [
                ["action", "create", "A-\(n)", "--priority", "PR-1", "--title", "Load \(n)", "--actor", "coord"],
                ["action", "assign", "A-\(n)", "--lead", "police", "--owner", "police.lead", "--actor", "coord"],
            ] {
                let result = try cli.run(step)
                try #require(result.status == 0, "\(step): \(result)")
            }
        }
    }

    @Test func writersAndReadersTogetherLoseNothingAndFailNothing() async throws {
        try ledgerWithEightOpenActions()
        let script = packageRoot + "/Tools/load_test.py"
        let tokens = directory.file("tokens.json")
        let clock = ["CSP_LEDGER_NOW": cli.now]
        let prepared = try run(
            "/usr/bin/env", ["python3", script, "prepare", "--cli", CLI.binary, "--db", cli.db, "--out", tokens], environment: clock)
        try #require(prepared.status == 0, "\(prepared)")

        let server = try await ServerProcess(db: cli.db, arguments: ["--test-clock"], environment: clock)
        let loaded = try run(
            "/usr/bin/env", ["python3", script, "run", "--url", server.url, "--db", cli.db, "--tokens", tokens, "--seconds", "30"])
        let (status, _) = server.stop()
        try #require(loaded.status == 0, "\(loaded)")
        print("load test (debug build):\n\(loaded.stdout)")
        #expect(status == 0)

        let figures = try #require(try JSONSerialization.jsonObject(with: Data(loaded.stdout.utf8)) as? [String: Any])
        let reads = try #require(figures["reads"] as? [String: [String: Any]])
        for (name, read) in reads {
            #expect((read["requests"] as? Int ?? 0) > 0, "\(name) was read")
            #expect(read["non2xx"] as? Int == 0, "\(name): no read failed")
            #expect(read["socketErrors"] as? Int == 0, "\(name): no read timed out or was dropped")
        }
        let writes = try #require(figures["writes"] as? [String: Any])
        let statuses = try #require(writes["statuses"] as? [String: Int])
        #expect(statuses.keys.allSatisfy { $0 == "200" || $0 == "201" }, "every write and retry answered 2xx: \(statuses)")
        #expect((writes["accepted"] as? Int ?? 0) >= 8, "each writer wrote")
        #expect((writes["retries"] as? Int ?? 0) > 0, "some writes were retried")
        let check = try #require(figures["check"] as? [String: Any])
        #expect((check["missing"] as? [String])?.isEmpty == true, "every accepted write is in the log")
        #expect((check["duplicated"] as? [String])?.isEmpty == true, "none is there twice")
        #expect(check["extra"] as? Int == 0, "the log grew by the accepted writes alone")

        let verified = try cli("verify")
        #expect(verified.status == 0, "\(verified)")
    }
}
