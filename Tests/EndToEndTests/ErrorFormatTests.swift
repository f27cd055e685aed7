import CanonicalJSON
import Foundation
import LedgerCore
import LedgerTestSupport
import Testing

/// `--error-format json`: every error as one line of JSON with a stable code, the
/// shape the server's API uses, and the same exit codes as the `Error:` line.
@Suite struct ErrorFormatTests {
    let directory = TemporaryDirectory()
    var cli: CLI { CLI(db: directory.file("ledger.sqlite")) }

    func error(_ result: ProcessResult) throws -> (code: String, message: String) {
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, "one line: \(result.stderr)")
        guard case .object(let top) = try JSONValue.parse(result.stderr), case .object(let e)? = top["error"],
            case .string(let code)? = e["code"], case .string(let message)? = e["message"], top.count == 1, e.count == 2
        else {
            Issue.record("not {\"error\":{\"code\",\"message\"}}: \(result.stderr)")
            return ("", "")
        }
        return (code, message)
    }

    @Test func refusalsFileErrorsUsageAndMismatchesAreJSONWithTheirExitCodes() throws {
        let missing = try cli("state", "--error-format", "json")
        #expect(missing.status == 1)
        #expect(try error(missing).code == "missing-file")

        try cli.initialiseStandard()
        let forbidden = try cli("--error-format=json", "action", "progress", "A-1", "--status", "on-track", "--actor", "auditor")
        #expect(forbidden.status == 1)
        #expect(try error(forbidden) == ("forbidden", "actor 'auditor' is an auditor; auditors never write"))

        let usage = try cli("state", "--bogus", "--error-format", "json")
        #expect(usage.status == 64)
        #expect(try error(usage).code == "usage")

        #expect(
            try run(which("sqlite3")!, [cli.db, "DROP TRIGGER events_no_update; UPDATE events SET actor_id = 'x' WHERE position = 5;"])
                .status == 0)
        let mismatch = try cli("verify", "--error-format", "json")
        #expect(mismatch.status == 65)
        #expect(try error(mismatch).code == "verify-mismatch")

        let text = try cli("verify")
        #expect(text.status == 65 && text.stderr.hasPrefix("Error: verify found a mismatch: position 5"), "\(text)")
    }

    @Test func anUnknownErrorFormatIsAUsageError() throws {
        let result = try cli("state", "--error-format", "xml")
        #expect(result.status == 64)
        #expect(result.stderr == "Error: --error-format takes text or json\n")
    }
}
