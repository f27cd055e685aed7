import ArgumentParser
import LedgerAudit
import LedgerCore

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Print every event of one action, with who made it, for which partner, and when.",
        discussion: """
            recorded is when the ledger recorded a change; effective is when it took effect in the world. The table \
            shows each event's position (@111) and short id, either of which action correct accepts, and the change \
            in words; JSON and CSV give the payload.
            """)

    @Argument(help: "The action's id.") var action: String
    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("Only events recorded up to and including (date or instant).", valueName: "date-or-instant")) var asOf:
        String?
    @OptionGroup var limit: LimitOptions
    @OptionGroup var output: FormatOptions
    @OptionGroup var table: WidthOptions

    func run() throws {
        let id = try ActionID(action)
        let ledger = try database.open(.readOnly)
        let asOfInstant = try queryInstant(asOf, ledger, .end)
        if let before = try BeforeFirstEvent.check(asOf, asOfInstant, in: ledger) {
            throw LedgerError(.unknown, "action '\(id)' has no events: \(before.sentence)")
        }
        let entries = try AuditQueries(ledger).history(of: id, asOf: asOfInstant)
        let shown = limit.first(of: entries)
        let title = "History of action \(id)" + (shown.count < entries.count ? " (\(limit.counted(entries.count)))" : "")
        let clock = ReportClock(calendar: ledger.calendar)
        try output.render(
            by: "history", width: table.width(output), header: ReadHeader(ledger, asOf: asOfInstant), calendar: ledger.calendar,
            json: EventView.json(shown),
            tables: [
                output.format.isForPeople
                    ? EventView.table(
                        shown, title: title, summaries: EventSummary.texts(shown, clock: clock) { _ in entries }, clock: clock,
                        stream: false)
                    : EventView.table(shown, title: title)
            ])
    }
}
