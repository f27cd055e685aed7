import CanonicalJSON
import Foundation
import LedgerCore
import LedgerStore
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

    /// Every refusal the refusal tests provoke is the same error in JSON: one line, the
    /// same exit code, and for a refusal the same message as the `Error:` line (for an
    /// argument error, its first line), with a code of the documented ones.
    @Test func everyRefusalIsTheSameErrorInJSON() throws {
        let codes = Set(
            LedgerError.Code.allCases.map(\.description) + StoreError.Code.allCases.map(\.description) + [
                "usage", "verify-mismatch",
            ])
        try cli.initialiseStandard()
        for refusal in RefusalTests.cases {
            var call = cli
            if let now = refusal.now { call.now = now }
            let text = try call.run(refusal.arguments)
            let json = try call.run(refusal.arguments + ["--error-format", "json"])
            #expect(json.status == text.status && json.status == refusal.status, "\(refusal.arguments): \(json)")
            let (code, message) = try error(json)
            #expect(codes.contains(code), "\(refusal.arguments): \(code)")
            #expect((code == "usage") == (refusal.status == 64), "\(refusal.arguments): \(code)")
            let firstLine = text.stderr.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            #expect("Error: " + message == firstLine, "\(refusal.arguments)")
        }
    }

    /// A file the system will not read or write is the error `file`, naming the file and
    /// the system's reason; a file in the way of a new one is `exists`. Neither is
    /// invalid input.
    @Test func fileErrorsAreJSONWithTheirOwnCodes() throws {
        try cli.initialiseStandard()
        let absent = directory.file("absent.yaml")
        let cases: [(arguments: [String], code: String, message: String)] = [
            (["plan", "import", absent, "--actor", "coord"], "file", "cannot read the plan file \(absent): No such file or directory"),
            (
                ["plan", "import", directory.path, "--actor", "coord"], "file",
                "cannot read the plan file \(directory.path): Is a directory"
            ),
            (["export", "--output", cli.db], "exists", "\(cli.db) already exists; export writes a new file"),
            (
                ["export", "--output", directory.file("no/such/folder.jsonl")], "file",
                "cannot create \(directory.file("no/such/folder.jsonl")): No such file or directory"
            ),
            (
                ["replay", "--to-position", "2", "--output", cli.db], "exists",
                "\(cli.db) already exists; replay writes a new file, so give --output a path where nothing is yet"
            ),
        ]
        for (arguments, code, message) in cases {
            let result = try cli.run(arguments + ["--error-format", "json"])
            #expect(result.status == 1, "\(arguments): \(result)")
            #expect(try error(result) == (code, message), "\(arguments)")
        }
        let target = CLI(db: directory.file("target.sqlite"))
        for source in [directory.file("absent.jsonl"), directory.path] {
            let result = try target("import", source, "--error-format", "json")
            #expect(result.status == 1, "\(result)")
            #expect(try error(result).code == "file", "\(result)")
            #expect(try error(result).message.hasPrefix("cannot read \(source): "), "\(result)")
        }
        #expect(!FileManager.default.fileExists(atPath: target.db))
    }

    @Test func aFullDiskWhileExportingIsAFileError() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else {
            print("skipped: this system has no /dev/full to stand for a full disk")
            return
        }
        try cli.initialiseStandard()
        let script = "\"$0\" export --db \"$1\" --error-format json > /dev/full"
        let result = try run("/bin/sh", ["-c", script, CLI.binary, cli.db])
        #expect(result.status == 1, "\(result)")
        #expect(try error(result) == ("file", "cannot write to standard output: No space left on device"))
    }

    /// The command line's own refusals of arguments it parsed: `invalid-input`, exit 1.
    @Test func theCommandLinesOwnErrorsAreJSON() throws {
        try cli.initialiseStandard()
        let cases: [(arguments: [String], environment: [String: String], message: String)] = [
            (
                ["partner", "add", "x", "--name", "X"], [:],
                "no actor given; name who is making the change with --actor ID or CSP_LEDGER_ACTOR"
            ),
            (["log", "--from", "2023-04-03", "--to", "2023-04-02"], [:], "--from is after --to; give a window that starts before it ends"),
            (["state"], ["CSP_LEDGER_NOW": "yesterday"], "CSP_LEDGER_NOW: 'yesterday' is not a valid instant"),
            (
                ["replay", "--to-position", "99", "--output", directory.file("copy.sqlite")], [:],
                "the ledger holds positions 1 to 15; nothing to replay up to 99"
            ),
        ]
        for (arguments, environment, message) in cases {
            let result = try cli.run(arguments + ["--error-format", "json"], environment: environment)
            #expect(result.status == 1, "\(arguments): \(result)")
            let (code, printed) = try error(result)
            #expect(code == "invalid-input", "\(arguments)")
            #expect(printed.hasPrefix(message), "\(arguments): \(printed)")
        }
        let script = "\"$0\" partner add \"$(printf 'caf\\351')\" --name X --actor coord --db \"$1\" --error-format json"
        let utf8 = try run("/bin/sh", ["-c", script, CLI.binary, cli.db], environment: ["CSP_LEDGER_NOW": cli.now])
        #expect(utf8.status == 1, "\(utf8)")
        #expect(try error(utf8).code == "invalid-input", "\(utf8)")
        #expect(try error(utf8).message.contains("is not valid UTF-8"), "\(utf8)")

        let validation = try cli("export", "--to-position", "0", "--error-format", "json")
        #expect(validation.status == 64)
        #expect(try error(validation) == ("usage", "--to-position must be 1 or more, not 0"))
    }

    @Test func anUnknownErrorFormatIsAUsageError() throws {
        let result = try cli("state", "--error-format", "xml")
        #expect(result.status == 64)
        #expect(result.stderr == "Error: --error-format takes text or json\n")
    }
}
