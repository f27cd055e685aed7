import Foundation
import LedgerTestSupport
import Testing

/// Every command that prints a document takes `--output FILE`: the file holds exactly
/// what standard output would have, appears complete or not at all, never replaces an
/// existing file, and nothing is left behind when the command fails.
@Suite struct OutputFileTests {
    let directory = TemporaryDirectory()

    /// The document commands, with arguments that print something on the standard ledger.
    static let documents: [[String]] = [
        ["state"], ["state", "--format", "json"], ["history", "A-1", "--format", "csv"], ["log", "--format", "markdown"],
        ["diff", "--from", "2023-04-01"], ["digest"], ["verify"], ["verify", "--format", "json"],
        ["report", "governance", "--from", "2023-04-01"], ["report", "plan", "--format", "html"], ["report", "plan", "--format", "json"],
        ["export"],
    ]

    func ledger() throws -> CLI {
        let cli = CLI(db: directory.file("ledger.sqlite"))
        try cli.initialiseStandard(reportingProgress: [10])
        return cli
    }

    /// The folder's entries, hidden ones included, so a temporary file left behind
    /// shows; the ledger's own files (`-wal`, `-shm`, which reads may open) aside.
    func entries() throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix("ledger.sqlite") })
    }

    @Test(arguments: documents)
    func theFileHoldsWhatStandardOutputWould(_ arguments: [String]) throws {
        let cli = try ledger()
        let printed = try cli.run(arguments)
        #expect(printed.status == 0, "\(printed)")
        let file = directory.file("out-\(arguments.joined(separator: "-")).txt")
        let written = try cli.run(arguments + ["--output", file])
        #expect(written.status == 0, "\(written)")
        #expect(written.stdout.isEmpty, "\(written)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == printed.stdout)
        // A second run never replaces the file.
        let again = try cli.run(arguments + ["--output", file])
        #expect(again.status == 1, "\(again)")
        #expect(
            again.stderr.hasPrefix(
                "Error: \(file) already exists; \(arguments[0] == "report" ? "report \(arguments[1])" : arguments[0]) writes a new file"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == printed.stdout)
        #expect(try entries().allSatisfy { !$0.hasSuffix(".partial") })
    }

    @Test func theLedgerItselfIsNeverOverwritten() throws {
        let cli = try ledger()
        let before = try cli.fingerprint()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: cli.db))
        let result = try cli("state", "--output", cli.db)
        #expect(result.status == 1)
        #expect(result.stderr == "Error: \(cli.db) already exists; state writes a new file\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.db)) == bytes)
        #expect(try cli.fingerprint() == before)
    }

    @Test func aRefusedCommandWritesNoFile() throws {
        let cli = try ledger()
        let before = try entries()
        #expect(try cli("history", "A-9", "--output", directory.file("history.txt")).status == 1)
        #expect(
            try cli("report", "governance", "--from", "2023-05-01", "--to", "2023-04-01", "--output", directory.file("g.md")).status == 1)
        #expect(try entries() == before)
        let missing = try cli("state", "--output", directory.file("no/such/folder/state.txt"))
        #expect(missing.stderr == "Error: cannot create \(directory.file("no/such/folder/state.txt")): No such file or directory\n")
    }

    /// A write that fails half-way (the file-size limit of `ulimit -f`, as a full disk
    /// would) leaves neither the file nor its temporary copy. The limit (80 blocks of
    /// 512 bytes) leaves room for the ledger's shared-memory file (32 KiB), and the
    /// export of 80 reports needs more.
    @Test func aWriteThatFailsHalfWayLeavesNothing() throws {
        let cli = CLI(db: directory.file("ledger.sqlite"))
        try cli.initialiseStandard(reportingProgress: Array(1...80))
        let before = try entries()
        let target = directory.file("big.jsonl")
        let script = "trap '' XFSZ; ulimit -f 80; exec \"$0\" export --db \"$1\" --output \"$2\""
        let result = try run("/bin/sh", ["-c", script, CLI.binary, cli.db, target], environment: ["CSP_LEDGER_NOW": cli.now])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.hasPrefix("Error: cannot write to \(target): File too large"), "\(result)")
        #expect(try entries() == before)
    }
}
