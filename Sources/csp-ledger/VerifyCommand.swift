import ArgumentParser
import CanonicalJSON
import LedgerAudit
import LedgerCore
import LedgerStore

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the hash chain and the projection, and compare them with the file.",
        discussion:
            "Prints the head digest (position and hash) when everything matches. Exits 65 naming the first bad position, or the first projection difference, when not. With --digest, also proves that the log up to a published digest is unchanged."
    )

    @OptionGroup var database: DatabaseOptions
    @Option(
        help: ArgumentHelp(
            "A digest published earlier (POSITION:HASH, as csp-ledger digest prints it): prove the log up to it is unchanged.",
            valueName: "digest"))
    var digest: String?
    @OptionGroup var output: FormatOptions

    func run() throws {
        let published = try digest.map { try Digest(text: $0) }
        let bar = ProgressBar()
        defer { bar.finish() }
        let report = try database.open(.verification).verify(against: published) { bar.show($0, of: $1, label: "verifying") }
        bar.finish()
        let json = VerifyView.json(report, problem: report.problem?.line)
        let table = TextTable(
            title: report.isSound ? "Verified" : "Verify FAILED", columns: ["events", "position", "hash", "problem"],
            rows: [[String(report.eventCount), String(report.digest.position), report.digest.hash, report.problem?.line ?? ""]])
        if output.format == .table, report.isSound {
            print("ok: \(report.eventCount) events, hash chain, every event's rules, snapshots and projection verified")
            if report.testClock {
                print(
                    "test clock: this ledger was made with init --test-clock (or by demo); its recording times were set by its maker and prove nothing about when events were recorded"
                )
            }
            print("head: position \(report.digest.position) hash \(report.digest.hash)")
            if let published {
                print(
                    "digest: the log up to position \(published.position) matches \(published.text); \(report.digest.position - published.position) later events chain from it"
                )
            }
        } else if output.format != .table {
            render(output.format, json: json, tables: [table])
        }
        if let problem = report.problem { throw CommandLineError(.verifyMismatch, "verify found a mismatch: \(problem.line)") }
    }
}
