import Foundation
import LedgerTestSupport
import Testing

/// The running server, fuzzed against `Schemas/openapi.yaml` by schemathesis (PyPI;
/// `.ci/run` installs it; under `CI=1` a missing one fails) for a bounded time, over a
/// real loopback socket: no 5xx, and every status, content type, header and body as the
/// spec says. Once as a coordinator, to whom every route is open, writes included, and
/// once with no credential. Afterwards the ledger verifies: whatever the fuzzer wrote,
/// it wrote whole and by the rules.
@Suite(.enabled(if: which("schemathesis") != nil || runsInCI, "needs schemathesis; .ci/run installs it"))
struct APIFuzzTests {
    let directory = TemporaryDirectory()
    var cli: CLI { CLI(db: directory.file("ledger.sqlite")) }

    /// Runs schemathesis against `server` for at most `seconds`, with `headers`.
    func fuzz(_ server: ServerProcess, seconds: Int, headers: [String] = []) throws -> ProcessResult {
        let schemathesis = try #require(which("schemathesis"), "schemathesis is on PATH")
        let arguments =
            [
                "run", packageRoot + "/Schemas/openapi.yaml", "--url", server.url, "--max-time", String(seconds),
                "--request-timeout", "5", "--phases", "examples,coverage,fuzzing", "--workers", "1", "--generation-database", "none",
                "--checks",
                "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance",
                "--no-color",
            ] + headers.flatMap { ["--header", $0] }
        // Run in the test's own folder: schemathesis keeps a cache in `.schemathesis/` where it runs.
        let command = "cd \"$1\" && shift && exec \"$@\""
        return try run("/bin/sh", ["-c", command, "sh", directory.path, schemathesis] + arguments, environment: ["HOME": directory.path])
    }

    @Test func theServerAnswersAsItsSpecSaysUnderFuzzing() async throws {
        try cli.initialiseStandard(reportingProgress: [10, 20])
        let issued = try cli("token", "issue", "coord", "--label", "fuzzing", "--format", "json", "--actor", "coord")
        try #require(issued.status == 0, "\(issued)")
        let token = try #require(
            (try JSONSerialization.jsonObject(with: Data(issued.stdout.utf8)) as? [String: Any])?["token"] as? String)
        let server = try await ServerProcess(db: cli.db, arguments: ["--test-clock"], environment: ["CSP_LEDGER_NOW": cli.now])
        let signedIn = try fuzz(server, seconds: 40, headers: ["Authorization: Bearer \(token)"])
        #expect(signedIn.status == 0, "\(signedIn.stdout.suffix(6000))")
        let anonymous = try fuzz(server, seconds: 15)
        #expect(anonymous.status == 0, "\(anonymous.stdout.suffix(6000))")
        let (status, log) = server.stop()
        #expect(status == 0)
        #expect(!log.contains(token), "no token in the request log")
        let verified = try cli("verify")
        #expect(verified.status == 0, "\(verified)")
    }
}
