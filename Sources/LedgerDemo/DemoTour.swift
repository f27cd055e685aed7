import Foundation
import LedgerAudit
import LedgerCore
import LedgerStore

/// The short tour `demo` prints: the plan at the 2022/23 year end, what changed in the
/// next quarter and who changed it, and a passing verify.
struct DemoTour {
    let ledger: Ledger
    let signIn: DemoSignIn

    var text: String {
        get throws {
            let calendar = ledger.calendar
            let yearEnd = calendar.endOfDay(try LocalDate(iso8601: "2023-03-31"))
            let quarter = LogFilter(
                from: calendar.startOfDay(try LocalDate(iso8601: "2023-04-01")),
                to: calendar.endOfDay(try LocalDate(iso8601: "2023-06-30")))
            var summary = try PlanReport.build(ledger, asOf: yearEnd).summaryTable
            summary.title = "The plan on 2023-03-31 (as recorded by the end of that day, Europe/London)"
            let changes = try ledger.entries(quarter)
            let report = try ledger.verify()
            let checkpoint = try ledger.checkpoints().last
            let size = (try? FileManager.default.attributesOfItem(atPath: ledger.path)[.size] as? Int) ?? 0
            let db = ledger.path

            let types: String = countTable(
                changes.map(\.type), title: "What changed from 2023-04-01 to 2023-06-30: \(changes.count) events", column: "event type"
            ).aligned
            let actors: String = countTable(
                changes.map { "\($0.recorded.actor) (\($0.recorded.partner))" }, title: "Who changed what in that quarter",
                column: "actor (partner)"
            ).aligned
            let plan: String = summary.aligned
            let lines =
                [
                    "Built \(db): \(report.eventCount) events, \(size / 1024) KiB, April 2022 to March 2024.", "", plan, "", types,
                    "  back-dated: \(changes.filter { $0.recorded.effectiveAt < $0.recorded.recordedAt }.count) of them took effect before they were recorded",
                    "", actors, "",
                    report.isSound
                        ? "verify: ok, hash chain and projection match; head position \(report.digest.position) hash \(report.digest.hash)"
                        : "verify: FAILED: \(report.problem!.message)",
                    "",
                ]
                + (checkpoint.map { c in
                    [
                        "The last checkpoint, \(c.summary) (demo-only keys; the board papers print it, and",
                        "csp-ledger verify --checkpoint FILE proves the ledger up to it unchanged):", "",
                    ] + c.note.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "  " + $0 } + [""]
                } ?? [])
                + [
                    "Explore it:",
                    "  csp-ledger state --db \(db) --as-of 2023-03-31",
                    "  csp-ledger state --db \(db) --as-of 2023-03-31 --format json",
                    "  csp-ledger history SVP-1 --db \(db)",
                    "  csp-ledger log --db \(db) --from 2023-04-01 --to 2023-06-30 --partner kent-police",
                    "  csp-ledger verify --db \(db)",
                    "  python3 Tools/verify_ledger.py \(db)",
                    "  csp-ledger evidence --db \(db) --as-of 2023-03-31 --output evidence.json",
                    "  python3 Tools/verify_evidence.py evidence.json",
                    "",
                ] + signIn.lines(db: db, clock: ReportClock(calendar: calendar))
            return lines.joined(separator: "\n")
        }
    }

    private func countTable(_ keys: [String], title: String, column: String) -> TextTable {
        let counts = Dictionary(keys.map { ($0, 1) }, uniquingKeysWith: +)
        let rows = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { [$0.key, String($0.value)] }
        return TextTable(title: title, columns: [column, "events"], rows: rows)
    }
}
