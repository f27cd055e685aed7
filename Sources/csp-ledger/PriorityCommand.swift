import ArgumentParser
import LedgerCore

struct PriorityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "priority", abstract: "Add priorities to a plan.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a priority to a plan (coordinator only).")
        @Argument(help: "The priority's id, e.g. SOC.") var id: String
        @Option(help: "The plan it belongs to.") var plan: String
        @Option(help: "Its title.") var title: String
        @Option(help: "What it includes.") var scope: String?
        @OptionGroup var write: StreamWriteOptions

        func run() throws {
            try write.execute(.addPriority(PriorityID(id), plan: PlanID(plan), title: title, scope: scope))
        }
    }
}
