import ArgumentParser
import LedgerCore
import LedgerStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new ledger: the partnership, its first partner and its first coordinator.",
        discussion: "Refused when the file exists. The time zone fixes what a date means in this ledger and never changes.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The partnership's name.") var partnership: String
    @Option(help: "Id of the first coordinator.") var coordinator: String
    @Option(help: "The first coordinator's name.") var coordinatorName: String
    @Option(help: "Id of the coordinator's partner organisation.") var partner: String
    @Option(help: "The partner organisation's name.") var partnerName: String
    @Flag(help: "The first partner is a statutory responsible authority.") var responsibleAuthority = false
    @Option(help: "IANA time zone of the partnership.") var timeZone = "Europe/London"
    @Flag(
        help:
            "Let CSP_LEDGER_NOW set this ledger's clock, for tests and demonstrations. Recorded for good: verify and the reports say so, and its recording times prove nothing."
    )
    var testClock = false

    func run() throws {
        let ledger = try Ledger.create(
            at: database.path, partnership: partnership, timeZone: timeZone, partner: PartnerID(partner),
            partnerName: partnerName, responsibleAuthority: responsibleAuthority, coordinator: ActorID(coordinator),
            coordinatorName: coordinatorName, testClock: testClock, clock: DatabaseOptions.clock())
        let digest = try ledger.digest()
        print(
            "initialised \(database.path) for '\(partnership)' (\(digest.position) events, time zone \(timeZone)\(testClock ? ", test clock" : ""))"
        )
    }
}
