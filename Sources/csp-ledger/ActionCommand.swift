import ArgumentParser
import LedgerAudit
import LedgerCore

extension ActionStatus: ExpressibleByArgument {
    /// Withdrawal is a review outcome, so help does not offer it as a progress status.
    public static var allValueStrings: [String] { allCases.filter { $0 != .withdrawn }.map(\.rawValue) }
}
extension ReviewOutcome: ExpressibleByArgument {}

struct ActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action", abstract: "Create, assign, report on, review and amend actions.",
        subcommands: [Create.self, Assign.self, Progress.self, Review.self, Amend.self, Correct.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an action under a priority (coordinator only).")
        @Argument(help: "The action's id, e.g. SOC-3.") var id: String
        @Option(help: "The priority it serves.") var priority: String
        @Option(help: "What will be done.") var title: String
        @Option(help: "When it is due (YYYY-MM-DD).") var due: String?
        @OptionGroup var write: StreamWriteOptions

        func run() throws {
            try write.execute(.createAction(ActionID(id), priority: PriorityID(priority), title: title, due: date(due)))
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Assign an action (coordinator only); replaces the whole assignment.",
            discussion:
                "Exactly the supporting partners given are kept (none when --support is absent). The owner must be an active, non-auditor actor of the lead or a supporting partner."
        )
        @Argument(help: "The action's id.") var id: String
        @Option(help: "The lead partner.") var lead: String
        @Option(parsing: .singleValue, help: "A supporting partner (repeat for several).") var support: [String] = []
        @Option(help: "The actor who owns it.") var owner: String?
        @OptionGroup var write: BackDatedWriteOptions

        func run() throws {
            try write.execute(
                .assignAction(ActionID(id), lead: PartnerID(lead), support: identifiers(support), owner: owner.map { try ActorID($0) }))
        }
    }

    struct Progress: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report progress on an assigned action.",
            discussion:
                "Coordinators may report on any action; leads and contributors only where their partner is lead or supporting. Statuses: not-started, on-track, at-risk, off-track, completed (withdrawal is a review outcome)."
        )
        @Argument(help: "The action's id.") var id: String
        @Option(help: "not-started, on-track, at-risk, off-track or completed.") var status: ActionStatus
        @Option(help: "What happened.") var note: String?
        @Option(help: "Percent complete, 0-100.") var percent: Int?
        @Option(parsing: .singleValue, help: "What the report rests on: a document, link or minute reference (repeat for several).")
        var evidence: [String] = []
        @OptionGroup var write: BackDatedWriteOptions

        func run() throws {
            try write.execute(.reportProgress(ActionID(id), status: status, note: note, percent: percent, evidence: evidence))
        }
    }

    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Review an action (coordinator only).",
            discussion: "complete and withdraw close the action; continue, amend and carry-forward leave its status as it is.")
        @Argument(help: "The action's id.") var id: String
        @Option(help: "continue, amend, complete, withdraw or carry-forward.") var outcome: ReviewOutcome
        @Option(help: "What the review found.") var note: String?
        @Option(help: "The next review date (YYYY-MM-DD), after the day of this review.") var nextReview: String?
        @OptionGroup var write: BackDatedWriteOptions

        func run() throws {
            try write.execute(.reviewAction(ActionID(id), outcome: outcome, note: note, nextReview: date(nextReview)))
        }
    }

    struct Amend: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change an action's title or due date (coordinator only).")
        @Argument(help: "The action's id.") var id: String
        @Option(help: "The new title.") var title: String?
        @Option(help: "The new due date (YYYY-MM-DD).") var due: String?
        @OptionGroup var write: BackDatedWriteOptions

        func run() throws {
            try write.execute(.amendAction(ActionID(id), title: title, due: date(due)))
        }
    }

    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct a wrong progress report or review (coordinator only); nothing is edited.",
            discussion: """
                Appends a correction naming the event it corrects: its eventId (from history --format json), its \
                short id (the first 8 characters, from the history table; refused if more than one id starts so), or \
                its position after @ (@111, from the history table). \
                The plan uses the corrected values from the correction's recording on; state --as-of an earlier \
                time still shows the original. A correction can itself be corrected. Progress reports take \
                --status, --note and --percent; reviews take --note and --next-review.
                """)
        @Argument(
            help:
                "The report, review or correction to correct: its eventId or short id, or @ and its position (@111), as history shows them."
        )
        var eventID: String
        @Option(help: "What was wrong, for the record.") var reason: String
        @Option(help: "The corrected status (progress reports).") var status: ActionStatus?
        @Option(help: "The corrected note.") var note: String?
        @Option(help: "The corrected percent, 0-100 (progress reports).") var percent: Int?
        @Option(help: "The corrected next review date (reviews).") var nextReview: String?
        @OptionGroup var write: BackDatedWriteOptions

        func run() throws {
            let nextReview = try date(nextReview)
            try write.execute { ledger in
                .correctEvent(
                    try EventReference.eventID(eventID, in: ledger), reason: reason, status: status, note: note, percent: percent,
                    nextReview: nextReview)
            }
        }
    }
}
