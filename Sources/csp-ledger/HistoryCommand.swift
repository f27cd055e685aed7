import ArgumentParser
import LedgerAudit
import LedgerCore

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Print every event of one action, with who made it, for which partner, and when.",
        discussion: "recordedAt is when the ledger recorded a change; effectiveAt is when it took effect in the world.")

    @Argument(help: "The action's id.") var action: String
    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("Only events recorded up to and including (date or instant).", valueName: "date-or-instant")) var asOf:
        String?
    @OptionGroup var limit: LimitOptions
    @OptionGroup var output: FormatOptions

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
        try output.render(
            by: "history", calendar: ledger.calendar, json: EventView.json(shown), tables: [EventView.table(shown, title: title)])
    }
}
