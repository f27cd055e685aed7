import ArgumentParser
import LedgerAudit
import LedgerCore

struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Print the whole plan at a point in time.",
        discussion: """
            --as-of T: the plan as the ledger recorded it up to and including T (transaction time).
            --effective T: only the changes that took effect by T, as known now (or as known at --as-of).
            A date means the end of that day in the partnership's time zone; an instant needs an offset.
            CSV prints the actions only; JSON prints everything (Schemas/state.schema.json).
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("Recorded up to and including (date or instant).", valueName: "date-or-instant")) var asOf: String?
    @Option(help: ArgumentHelp("Took effect by (date or instant).", valueName: "date-or-instant")) var effective: String?
    @Flag(help: "Fold the log from position 1, trusting no projection: the same answer from the log alone.") var fold = false
    @OptionGroup var output: FormatOptions

    func run() throws {
        let ledger = try database.open(.readOnly)
        let asOfInstant = try queryInstant(asOf, ledger, .end)
        let effectiveInstant = try queryInstant(effective, ledger, .end)
        if let before = try BeforeFirstEvent.check(asOf, asOfInstant, in: ledger)
            ?? BeforeFirstEvent.check(effective, effectiveInstant, in: ledger, effective: true)
        {
            before.note()
            if output.format.isForPeople { return }
        }
        // One read: the position is that of the plan shown, whatever other processes append meanwhile.
        let (state, head) = try ledger.stateAndHead(asOf: asOfInstant, effective: effectiveInstant, fold: fold)
        let view = StateView(
            state: state, asOf: try asOfInstant ?? DatabaseOptions.clock().now, effective: effectiveInstant, position: head.position)
        try output.render(by: "state", calendar: ledger.calendar, json: view.json, tables: view.tables, csv: view.actionsTable)
    }
}
