import LedgerAudit
import LedgerCore
import LedgerStore

extension Phases {
    /// `diff` and `report governance` over a quarter (91 days): through the library at
    /// quarters spread evenly through the log, each answer rendered as JSON (the rows
    /// and items are worked out there), and once each as a `csp-ledger` process, with its
    /// peak memory, on the quarter in the middle of the log.
    mutating func changes(_ quarters: Int) throws {
        say("diff and report governance over a quarter …")
        let ledger = try Ledger.open(at: ledgerPath, access: .readOnly)
        let first = workload.createdAt.millisecondsSince1970
        let last = try ledger.digest().recordedAt!.millisecondsSince1970
        let quarter: Int64 = 91 * 86_400_000
        let span = max(0, last - quarter - first)
        let windows = (0..<quarters).map { i in
            let start = first + span * Int64(i) / Int64(max(1, quarters - 1))
            return (Instant(millisecondsSince1970: start), Instant(millisecondsSince1970: start + quarter - 1))
        }
        var (diffs, reports) = ([Double](), [Double]())
        var answered = 0
        for (from, to) in windows {
            var watch = Stopwatch()
            let view = DiffView(try AuditQueries(ledger).changes(from: from, to: to), from: from, to: to)
            answered += view.json.canonical.utf8.count
            diffs.append(watch.milliseconds)
            watch = Stopwatch()
            let report = try GovernanceReport.build(ledger, from: from, to: to)
            answered += report.json.canonical.utf8.count
            reports.append(watch.milliseconds)
        }
        guard answered > 0 else { throw BenchError("diff and the governance report answered nothing") }
        report.add(Figure("diff over a quarter, library", .milliseconds, samples: diffs).target("p50 ≤ 200 ms") { $0.value <= 200 })
        report.add(
            Figure("report governance over a quarter, library", .milliseconds, samples: reports).target("p50 ≤ 200 ms") {
                $0.value <= 200
            })

        let (from, to) = windows[windows.count / 2]
        let window = ["--from", from.iso8601, "--to", to.iso8601, "--db", ledgerPath, "--format", "json"]
        let diff = try cli.run(["diff"] + window)
        report.add(Figure("diff over a quarter, one csp-ledger process", .milliseconds, samples: [diff.milliseconds]))
        report.add(memory("peak RSS, diff over a quarter process", diff.peakMegabytes))
        let governance = try cli.run(["report", "governance"] + window)
        report.add(
            Figure("report governance over a quarter, one csp-ledger process", .milliseconds, samples: [governance.milliseconds]))
        report.add(memory("peak RSS, report governance over a quarter process", governance.peakMegabytes))
    }
}
