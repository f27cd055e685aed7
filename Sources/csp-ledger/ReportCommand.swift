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
        @Option(help: "markdown (the default), table, html, csv, json or xlsx (with --output).") var format: ReportFormat = .markdown
        @OptionGroup var file: OutputFileOptions
        @OptionGroup var table: WidthOptions

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
            try file.writeReport(
                by: "report governance", format, report.document, width: table.width(table: format == .table, file),
                header: ReadHeader(ledger, asOf: end), calendar: ledger.calendar, html: report.writeHTML, csv: report.writeCSV,
                json: report.jsonDocument)
        }
    }

    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The plan status report a partnership publishes, as recorded at a point in time.",
            discussion: """
                Per priority its actions with lead partner, status and RAG, last progress note and review; a RAG \
                summary per priority; and RAG counts per priority quarter by quarter (a chart in HTML). \
                --format html writes one self-contained page that prints cleanly on A4. Without --format the report \
                is that page, except on a terminal, where it is the same tables aligned (--format table): HTML is \
                for a browser or a printer, not for reading in a terminal.
                """)
        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("Recorded up to and including (date or instant; default now).", valueName: "date-or-instant")) var asOf:
            String?
        @Option(help: "html (the default, but table on a terminal), table, markdown, csv, json or xlsx (with --output).") var format:
            ReportFormat?
        @OptionGroup var file: OutputFileOptions
        @OptionGroup var table: WidthOptions

        func run() throws {
            let format = format ?? (file.toTerminal ? .table : .html)
            let ledger = try database.open(.readOnly)
            let at = try queryInstant(asOf, ledger, .end) ?? DatabaseOptions.clock().now
            if let before = try BeforeFirstEvent.check(asOf, at, in: ledger) {
                before.note()
                if format != .csv, format != .json, format != .xlsx { return }
            }
            let report = try PlanReport.build(ledger, asOf: at)
            try file.writeReport(
                by: "report plan", format, report.document, width: table.width(table: format == .table, file),
                header: ReadHeader(ledger, asOf: at, digest: report.digest), calendar: ledger.calendar, html: report.writeHTML,
                csv: report.summaryTable.writeCSV, json: report.json)
        }
    }
}

extension OutputFileOptions {
    /// Writes a report in `format`: its document as tables (after the ``ReadHeader``
    /// line, cut to `width`), Markdown or a workbook, its page for people as HTML, or
    /// its CSV or JSON, each built only when asked for, and written as it is made.
    fileprivate func writeReport(
        by command: String, _ format: ReportFormat, _ document: @autoclosure () -> ReportDocument, width: Int?,
        header: @autoclosure () throws -> ReadHeader, calendar: PartnershipCalendar, html: TextWriter, csv: TextWriter,
        json: @autoclosure () -> any PrettyWritable
    ) throws {
        try write(by: command) { out in
            switch format {
            case .table:
                try out.text(try header().line + "\n\n")
                try out.pieces { document().writeAligned(width: width, $0) }
            case .markdown: try out.pieces(document().writeMarkdown)
            case .html: try out.pieces(html)
            case .csv: try out.pieces(csv)
            case .json: try out.json(json())
            case .xlsx: try writeWorkbook(to: out) { XlsxWorkbook(report: document(), calendar: calendar) }
            }
        }
    }
}
