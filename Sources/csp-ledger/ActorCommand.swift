import ArgumentParser
import LedgerCore

extension Role: ExpressibleByArgument {}

struct ActorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actor", abstract: "Register and deactivate the people who act in the ledger.",
        subcommands: [Add.self, Deactivate.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register an actor for a partner, in a role (coordinator only).",
            discussion:
                "Roles: coordinator (records the plan), lead and contributor (report progress on their partner's actions), auditor (reads only)."
        )
        @Argument(help: "The actor's id.") var id: String
        @Option(help: "The person's name.") var name: String
        @Option(help: "The partner organisation they act for.") var partner: String
        @Option(help: "coordinator, lead, contributor or auditor.") var role: Role
        @OptionGroup var write: StreamWriteOptions

        func run() throws {
            try write.execute(.registerActor(ActorID(id), name: name, partner: PartnerID(partner), role: role))
        }
    }

    struct Deactivate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop an actor from writing (coordinator only); their past events stay theirs.")
        @Argument(help: "The actor's id.") var id: String
        @Option(help: "Why, for the record.") var reason: String?
        @OptionGroup var write: StreamWriteOptions

        func run() throws {
            try write.execute(.deactivateActor(ActorID(id), reason: reason))
        }
    }
}
