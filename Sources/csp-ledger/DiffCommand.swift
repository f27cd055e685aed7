import ArgumentParser
import LedgerAudit
import LedgerCore

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare the plan at one time with the plan at another: what changed, by whom, when.",
        discussion: """
            Lists every field that differs between the plan as recorded just before --from and as recorded at --to \
            (actions added, amended, reassigned, status and RAG changes, progress, reviews, withdrawals), each with \
            the last change in the window that made it. A date means the start of that day for --from and its \
            end for --to, in the partnership's time zone.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("Start of the window, inclusive (date or instant).", valueName: "date-or-instant")) var from: String
    @Option(help: ArgumentHelp("End of the window, inclusive (date or instant; default now).", valueName: "date-or-instant")) var to:
        String?
    @OptionGroup var output: FormatOptions
    @OptionGroup var table: WidthOptions

    func run() throws {
        let ledger = try database.open(.readOnly)
        let start = try queryInstant(from, ledger, .start)
        let end = try queryInstant(to, ledger, .end) ?? DatabaseOptions.clock().now
        try requireOrdered(from: start, to: end)
        let view = DiffView(try AuditQueries(ledger).changes(from: start, to: end), from: start, to: end)
        try output.render(
            by: "diff", width: table.width(output), header: ReadHeader(ledger, asOf: end), calendar: ledger.calendar,
            json: view.jsonDocument,
            tables: [view.table(clock: output.clock(ledger.calendar))])
    }
}
