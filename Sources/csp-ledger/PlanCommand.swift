import ArgumentParser
import LedgerAudit
import LedgerCore

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Adopt, import and review action plans.",
        subcommands: [Adopt.self, Import.self, Review.self])

    struct Adopt: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Adopt a plan for a period (coordinator only).")
        @Argument(help: "The plan's id, e.g. CSP-2022-23.") var id: String
        @Option(help: "Its title.") var title: String
        @Option(help: "First day of the period (YYYY-MM-DD).") var from: String
        @Option(help: "Last day of the period (YYYY-MM-DD), not before --from.") var to: String
        @Option(help: "The strategic assessment it answers.") var assessment: String?
        @OptionGroup var write: StreamWriteOptions

        func run() throws {
            try write.execute(
                .adoptPlan(
                    PlanID(id), title: title, from: LocalDate(iso8601: from), to: LocalDate(iso8601: to),
                    assessment: assessment.map { try AssessmentID($0) }))
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a whole plan from a YAML or JSON file (Schemas/plan.schema.json) as one atomic append.",
            discussion:
                "Parts that already exist with the same definition are skipped, so importing a file twice is a no-op; a part that exists with a different definition refuses the whole file."
        )
        @Argument(help: "The plan file.") var file: String
        @OptionGroup var write: WriteOptions

        func run() throws {
            try write.execute { _ in try .importPlan(PlanFile.load(path: file)) }
        }
    }

    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the annual review of a plan (coordinator only).")
        @Argument(help: "The plan's id.") var id: String
        @Option(help: "What the review concluded.") var note: String
        @Option(parsing: .singleValue, help: "A priority to retire (repeat for several); it keeps its actions but takes no new ones.")
        var retire: [String] = []
        @OptionGroup var write: StreamWriteOptions

        func run() throws {
            try write.execute(.reviewPlan(PlanID(id), note: note, retire: identifiers(retire)))
        }
    }
}
