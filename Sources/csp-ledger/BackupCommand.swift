import ArgumentParser
import LedgerStore

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy a ledger, live, into a new file, and verify the copy.",
        discussion: """
            SQLite's online backup copies the file as committed at one moment while writers and a server go on; the \
            copy appears only when complete. The copy is then verified on its own, and its head checked against this \
            ledger's event at that position. Exits 65 when the copy does not verify (it is kept: a faithful copy of a \
            damaged ledger; run verify on the ledger itself). Restore by stopping the server and putting the copy in \
            the ledger's place.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("The new file to write; an existing file is never replaced.", valueName: "file"))
    var output: String

    func run() throws {
        let ledger = try database.open(.readOnly)
        let bar = ProgressBar()
        defer { bar.finish() }
        let report = try ledger.backup(to: output) { stage, done, total in
            bar.show(done, of: total, label: stage == .copying ? "copying pages" : "verifying the copy")
        }
        bar.finish()
        if let problem = report.verify.problem {
            throw CommandLineError(
                .verifyMismatch,
                "the copy at \(output) is faithful, but does not verify: \(problem.message); run csp-ledger verify on the ledger itself")
        }
        if let divergence = report.divergence { throw CommandLineError(.verifyMismatch, divergence) }
        print(
            "backed up \(report.verify.eventCount) events to \(output); the copy verifies and its head \(report.verify.digest.text) is this ledger's"
        )
    }
}
