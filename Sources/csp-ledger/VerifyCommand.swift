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
            "Prints the head digest (position and hash) when everything matches. Exits 65 naming the first bad position, or the first projection difference, when not. With --digest, also proves that the log up to a published digest is unchanged. With --quick, checks only the hash chain and the Merkle tree, and says what it skipped."
    )

    @OptionGroup var database: DatabaseOptions
    @Option(
        help: ArgumentHelp(
            "A digest published earlier (POSITION:HASH, as csp-ledger digest prints it): prove the log up to it is unchanged.",
            valueName: "digest"))
    var digest: String?
    @Option(
        help: ArgumentHelp(
            "A signed checkpoint (as csp-ledger checkpoint printed it): prove the log up to it unchanged, and its signature a registered key's.",
            valueName: "file"))
    var checkpoint: String?
    @Flag(
        help:
            "Check only the hash chain and the Merkle tree, without folding: fast, but blind to a tampered snapshot, versioned row or projection row, and to an event whose meaning breaks a rule."
    )
    var quick = false
    @OptionGroup var output: FormatOptions

    func run() throws {
        let published = try digest.map { try Digest(text: $0) }
        let bar = ProgressBar()
        defer { bar.finish() }
        if digest != nil, checkpoint != nil { throw CommandLineError(.usage, "give --digest or --checkpoint, not both") }
        let ledger = try database.open(.verification)
        let signed = try checkpoint.map(ProofFiles.checkpoint)
        let show = { (done: Int64, total: Int64) in bar.show(done, of: total, label: "verifying") }
        let checked = try signed.map { signed in try ledger.verify(checkpoint: signed, quick: quick, progress: show) }
        let report =
            try checked?.verify
            ?? (quick ? ledger.verifyChainAndTree(against: published, progress: show) : ledger.verify(against: published, progress: show))
        bar.finish()
        let json = VerifyView.json(report, checkpoint: checked, problem: report.problem?.line)
        let checkedWords = Self.words(report.checks)
        let table = TextTable(
            title: (report.isSound ? "Verified" : "Verify FAILED") + (quick ? " (quick: \(checkedWords) only)" : ""),
            columns: ["events", "position", "hash", "problem", "checked"],
            rows: [
                [
                    String(report.eventCount), String(report.digest.position), report.digest.hash, report.problem?.line ?? "",
                    quick ? "\(checkedWords) only (quick)" : "everything",
                ]
            ])
        if output.format == .table, report.isSound, checked?.problem == nil {
            var lines =
                quick
                ? [
                    "ok (quick): \(report.eventCount) events, \(checkedWords) verified",
                    "not checked: \(Self.words(report.skipped)); run verify without --quick for those",
                ] : ["ok: \(report.eventCount) events, hash chain, every event's rules, snapshots and projection verified"]
            if report.testClock {
                lines.append(
                    "test clock: this ledger was made with init --test-clock (or by demo); its recording times were set by its maker and prove nothing about when events were recorded"
                )
            }
            lines.append("tree: root \(report.treeRoot.base64) over \(report.eventCount) events, recomputed from the chain hashes")
            if let checked, checked.problem == nil, let key = checked.key {
                lines.append(
                    "checkpoint: the first \(checked.checkpoint.size) events give its root \(checked.checkpoint.root.base64); signed by the registered key \(key.text)"
                )
            }
            if let latest = try ledger.checkpoints().last {
                lines.append("witnesses: the latest checkpoint (\(latest.signed.checkpoint.size) events) is \(latest.summary)")
            }
            lines.append("head: position \(report.digest.position) hash \(report.digest.hash)")
            if let published {
                lines.append(
                    "digest: the log up to position \(published.position) matches \(published.text); \(report.digest.position - published.position) later events chain from it"
                )
            }
            try output.file.write(by: "verify") { out in try lines.forEach(out.write) }
        } else if output.format != .table {
            try output.render(by: "verify", calendar: ledger.calendar, json: json, tables: [table])
        }
        if let problem = report.problem {
            throw CommandLineError(.verifyMismatch, "verify\(quick ? " --quick" : "") found a mismatch: \(problem.line)")
        }
        if let problem = checked?.problem { throw CommandLineError(.verifyMismatch, "the checkpoint does not hold: \(problem)") }
    }

    /// Checks in words, as a list a person reads ("hash chain and Merkle tree").
    static func words(_ checks: [VerifyReport.Check]) -> String {
        let words = checks.map(\.words)
        guard let last = words.last, words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " and " + last
    }
}
