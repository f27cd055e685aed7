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
            --plan, --priority, --partner or --action: only that part of the plan, read the same way.
            CSV prints the actions only; JSON prints everything (Schemas/state.schema.json).
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("Recorded up to and including (date or instant).", valueName: "date-or-instant")) var asOf: String?
    @Option(help: ArgumentHelp("Took effect by (date or instant).", valueName: "date-or-instant")) var effective: String?
    @Flag(help: "Fold the log from position 1, trusting no projection: the same answer from the log alone.") var fold = false
    @Option(
        help: ArgumentHelp(
            "Only this plan: its priorities and actions, and the partners, actors and assessment they reference.", valueName: "id"))
    var plan: String?
    @Option(
        help: ArgumentHelp("Only this priority: its actions, its plan, and the partners and actors they reference.", valueName: "id"))
    var priority: String?
    @Option(
        help: ArgumentHelp(
            "Only the actions this partner leads or supports (at the as-of point), the partner and its actors.", valueName: "id"))
    var partner: String?
    @Option(help: ArgumentHelp("Only this action, its priority and plan, and the partners and actors it references.", valueName: "id"))
    var action: String?
    @OptionGroup var output: FormatOptions
    @OptionGroup var table: WidthOptions

    /// The scope asked for, if any; more than one is a usage error.
    func scope() throws -> PlanScope? {
        let scopes = try PlanScope.named(plan: plan, priority: priority, partner: partner, action: action)
        guard scopes.count <= 1 else { throw CommandLineError(.usage, "give one of --plan, --priority, --partner or --action") }
        return scopes.first
    }

    func run() throws {
        let scope = try scope()
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
        let (state, head) = try AuditQueries(ledger).state(asOf: asOfInstant, effective: effectiveInstant, fold: fold, scope: scope)
        let view = StateView(
            state: state, asOf: try asOfInstant ?? DatabaseOptions.clock().now, effective: effectiveInstant, position: head.position)
        try output.render(
            by: "state", width: table.width(output), header: ReadHeader(ledger, asOf: view.asOf, digest: head), calendar: ledger.calendar,
            json: view.json, tables: view.tables, csv: view.actionsTable)
    }
}
