import ArgumentParser
import LedgerCore

struct AssessmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assessment", abstract: "Record the annual strategic assessments plans are written from.",
        subcommands: [Record.self])

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a strategic assessment (coordinator only).")
        @Argument(help: "The assessment's id, e.g. SA-2022.") var id: String
        @Option(help: "The year it assesses.") var year: Int
        @Option(help: "Its title.") var title: String
        @Option(help: "A summary of its findings.") var summary: String?
        @OptionGroup var write: StreamWriteOptions

        func run() throws {
            try write.execute(.recordAssessment(AssessmentID(id), year: year, title: title, summary: summary))
        }
    }
}
