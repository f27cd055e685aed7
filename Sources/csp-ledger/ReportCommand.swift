import ArgumentParser
import CanonicalJSON
import LedgerAudit
import LedgerCore

extension ReportFormat: ExpressibleByArgument {}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports for the partnership board, scrutiny and the public.",
        subcommands: [Governance.self, Plan.self])

    struct Governance: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Who changed what in a period, with before and after values and what deserves a question.",
            discussion: """
                Changes per partner and per actor; every change with its values before and after; back-dated \
                changes and corrections flagged; actions without a progress report for --stale-days; reviews \
                overdue against their next-review date; changes by someone outside an action's lead and supporting \
                partners. Times are shown in the partnership's time zone with their offsets. CSV prints the changes.
                """)
        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("Start of the period, inclusive (date or instant).", valueName: "date-or-instant")) var from: String
        @Option(help: ArgumentHelp("End of the period, inclusive (date or instant; default now).", valueName: "date-or-instant")) var to:
            String?
        @Option(help: "Flag changes recorded more than this many days after they took effect (0-36500).") var backdatedDays = 7
        @Option(help: "Flag open actions without a progress report for more than this many days (0-36500).") var staleDays = 90
        @Option(help: "markdown, html, csv or json.") var format: ReportFormat = .markdown

        func validate() throws {
            try requireRange(backdatedDays, dayCountRange, "--backdated-days")
            try requireRange(staleDays, dayCountRange, "--stale-days")
        }

        func run() throws {
            let ledger = try database.open(.readOnly)
            let start = try queryInstant(from, ledger, .start)!
            let end = try queryInstant(to, ledger, .end) ?? DatabaseOptions.clock().now
            try requireOrdered(from: start, to: end, "period")
            let report = try GovernanceReport.build(
                ledger, from: start, to: end, thresholds: .init(backDatedDays: backdatedDays, staleDays: staleDays))
            switch format {
            case .markdown: print(report.document.markdown, terminator: "")
            case .html: print(report.html, terminator: "")
            case .csv: print(report.csv, terminator: "")
            case .json: print(report.json.pretty)
            }
        }
    }

    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The plan status report a partnership publishes, as recorded at a point in time.",
            discussion: """
                Per priority its actions with lead partner, status and RAG, last progress note and review; a RAG \
                summary per priority; and RAG counts per priority quarter by quarter (a chart in HTML). \
                --format html writes one self-contained page that prints cleanly on A4.
                """)
        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("Recorded up to and including (date or instant; default now).", valueName: "date-or-instant")) var asOf:
            String?
        @Option(help: "html, markdown, csv or json.") var format: ReportFormat = .html

        func run() throws {
            let ledger = try database.open(.readOnly)
            let at = try queryInstant(asOf, ledger, .end) ?? DatabaseOptions.clock().now
            if let before = try BeforeFirstEvent.check(asOf, at, in: ledger) {
                before.note()
                if format == .markdown || format == .html { return }
            }
            let report = try PlanReport.build(ledger, asOf: at)
            switch format {
            case .markdown: print(report.document.markdown, terminator: "")
            case .html: print(report.html, terminator: "")
            case .csv: print(report.summaryTable.csv, terminator: "")
            case .json: print(report.json.pretty)
            }
        }
    }
}
