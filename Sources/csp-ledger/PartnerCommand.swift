import ArgumentParser
import LedgerCore

struct PartnerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partner", abstract: "Register partner organisations.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a partner organisation (coordinator only).")
        @Argument(help: "The partner's id, e.g. kent-police.") var id: String
        @Option(help: "The organisation's name.") var name: String
        @Flag(help: "A statutory responsible authority (police, fire, health, councils, probation).") var responsibleAuthority = false
        @OptionGroup var write: StreamWriteOptions

        func run() throws {
            try write.execute(.registerPartner(PartnerID(id), name: name, responsibleAuthority: responsibleAuthority))
        }
    }
}
