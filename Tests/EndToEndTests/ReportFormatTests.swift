import Foundation
import LedgerTestSupport
import Testing

/// Reports take the read commands' format names: `table` as well as markdown, html, csv
/// and json. `report plan` without `--format` writes its HTML page to a file or a pipe,
/// but shows its tables on a terminal instead of pouring HTML into it.
@Suite struct ReportFormatTests {
    let directory = TemporaryDirectory()

    func ledger() throws -> CLI {
        let cli = CLI(db: directory.file("ledger.sqlite"))
        try cli.initialiseStandard(reportingProgress: [10])
        return cli
    }

    @Test func bothReportsPrintAlignedTablesForATerminal() throws {
        let cli = try ledger()
        let plan = try cli("report", "plan", "--format", "table")
        #expect(plan.status == 0, "\(plan)")
        #expect(!plan.stdout.contains("<") && !plan.stdout.contains("| ---"), "\(plan.stdout)")
        #expect(plan.stdout.contains("A-1") && plan.stdout.contains("Priority one"), "\(plan.stdout)")
        let governance = try cli("report", "governance", "--from", "2023-04-01", "--format", "table")
        #expect(governance.status == 0, "\(governance)")
        #expect(governance.stdout.contains("pat lead") || governance.stdout.contains("Pat Lead"), "\(governance.stdout)")
        // Each section has its title, a header and a rule of dashes, or says None.
        #expect(governance.stdout.contains("\n--"), "\(governance.stdout)")
        #expect(!governance.stdout.contains("## "), "\(governance.stdout)")
    }

    @Test func reportPlanWithoutAFormatIsHTMLInAPipeAndInAFile() throws {
        let cli = try ledger()
        let piped = try cli("report", "plan")
        #expect(piped.stdout.hasPrefix("<!DOCTYPE html>"), "\(piped.stdout.prefix(80))")
        let file = directory.file("plan.html")
        #expect(try cli("report", "plan", "--output", file).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == piped.stdout)
    }

    @Test(.enabled(if: which("script") != nil, "needs script (util-linux's bsdutils) for a pseudo-terminal"))
    func reportPlanWithoutAFormatShowsTablesOnATerminal() throws {
        let cli = try ledger()
        let screen = try cli.onATerminal(["report", "plan", "--db", cli.db])
        #expect(screen.status == 0, "\(screen)")
        #expect(!screen.stdout.contains("<html") && !screen.stdout.contains("<!DOCTYPE"), "\(screen.stdout)")
        #expect(screen.stdout.contains("A-1"), "\(screen.stdout)")
        let html = try cli.onATerminal(["report", "plan", "--format", "html", "--db", cli.db])
        #expect(html.stdout.contains("<!DOCTYPE html>"), "an explicit --format html is obeyed")
    }
}
