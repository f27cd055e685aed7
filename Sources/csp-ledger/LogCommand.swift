import ArgumentParser
import LedgerAudit
import LedgerCore
import LedgerStore

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Print who changed what: the events of the log, filtered.",
        discussion:
            "--from and --to filter on recording time, both inclusive: a date means the start of that day for --from and its end for --to.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("Recorded at or after (date or instant).", valueName: "date-or-instant")) var from: String?
    @Option(help: ArgumentHelp("Recorded at or before (date or instant).", valueName: "date-or-instant")) var to: String?
    @Option(help: ArgumentHelp("Only changes by this actor.", valueName: "actor")) var by: String?
    @Option(help: ArgumentHelp("Only changes made for this partner.", valueName: "partner")) var partner: String?
    @Option(help: ArgumentHelp("Only events of this type, e.g. ActionProgressed.", valueName: "type")) var type: String?
    @OptionGroup var limit: LimitOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        let actor = try by.map { try ActorID($0) }
        let partnerID = try partner.map { try PartnerID($0) }
        let ledger = try database.open(.readOnly)
        let (start, end) = (try queryInstant(from, ledger, .start), try queryInstant(to, ledger, .end))
        try requireOrdered(from: start, to: end)
        let entries = try AuditQueries(ledger).log(LogFilter(from: start, to: end, actor: actor, partner: partnerID, type: type))
        let shown = limit.first(of: entries)
        try output.render(
            by: "log", calendar: ledger.calendar, json: EventView.json(shown),
            tables: [EventView.table(shown, title: "Log (\(limit.counted(entries.count)))")])
    }
}
