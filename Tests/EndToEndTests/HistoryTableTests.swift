import CanonicalJSON
import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

/// The `history` and `log` tables for people: each event's position (`@16`) and short
/// id, which `action correct` accepts, and each change in words from one place
/// (`EventSummary`); JSON and CSV keep the payload.
@Suite struct HistoryTableTests {
    let directory = TemporaryDirectory()

    /// The standard ledger, with the police lead's report at 40% on 10 May (position 16).
    func ledger() throws -> CLI {
        try CLI(db: directory.file("ledger.sqlite")).initialiseStandard(
            reportingAt: "2023-05-10T09:00:00Z", ["--status", "at-risk", "--percent", "40", "--note", "Venue lost"])
    }

    /// The events of `history A-1` as JSON objects.
    func events(_ cli: CLI) throws -> [[String: JSONValue]] {
        guard case .array(let events) = try json(try cli("history", "A-1", "--format", "json")) else { return [] }
        return events.compactMap { if case .object(let event) = $0 { event } else { nil } }
    }

    /// A JSON string's text.
    func text(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { text } else { nil }
    }

    @Test func historyShowsPositionsShortIdsAndChangesInWords() throws {
        let cli = try ledger()
        let report = try #require(try events(cli).last)
        let id = try #require(text(report["eventId"]))
        let table = try cli("history", "A-1").stdout
        let lines = table.split(separator: "\n")
        #expect(lines[2].hasPrefix("position  event     recorded"), "after the as-of line and title: \(table)")
        #expect(lines[2].hasSuffix("type              change"), "a history is of one stream: \(table)")
        #expect(lines.last?.hasPrefix("@16       \(id.prefix(8))  ") == true, "\(table)")
        #expect(lines.last?.hasSuffix("ActionProgressed  status not-started → at-risk, 40%, \"Venue lost\"") == true, "\(table)")
        #expect(table.contains("created \"Do the thing\" under PR-1, due 2024-03-31"), "\(table)")
        #expect(table.contains("lead police, supporting council, owner police.lead"), "\(table)")
        #expect(!table.contains("{\""), "no raw payload: \(table)")
        let markdown = try cli("history", "A-1", "--format", "markdown").stdout
        #expect(markdown.contains("| \\@16 | \(id.prefix(8)) |"), "\(markdown)")
        #expect(markdown.contains("status not-started → at-risk, 40%"), "\(markdown)")

        // Machines keep the payload.
        #expect(report["payload"] != nil)
        let csv = try cli("history", "A-1", "--format", "csv").stdout
        #expect(csv.hasPrefix("position,recordedAt,effectiveAt,actor,partner,type,stream,payload\r\n"), "\(csv)")
        #expect(csv.contains("16,2023-05-10T09:00:00.000Z"), "\(csv)")
    }

    @Test func logNamesEachEventsStreamAndWordsEveryKindOfEvent() throws {
        let cli = try ledger()
        let log = try cli("log").stdout
        let lines = log.split(separator: "\n")
        #expect(lines[2].hasSuffix("type                         stream               change"), "\(log)")
        for words in [
            "partnership \"Test CSP\", times in Europe/London, test clock", "partner police \"Test Police\", responsible authority",
            "actor police.lead \"Pat Lead\", lead for police", "assessment SA-2023 \"Assessment 2023\" for 2023",
            "plan P-1 \"Plan 2023/24\", 2023-04-01 to 2024-03-31, from SA-2023", "priority PR-1 \"Priority one\" in P-1",
            "action-A-1           status not-started → at-risk, 40%, \"Venue lost\"",
        ] {
            #expect(log.contains(words), "\(words): \(log)")
        }
    }

    /// The arrow shows what the fold changed: a back-dated report that a later-effective
    /// one outweighs changes nothing, and shows the status it reported without one.
    @Test func anArrowShowsOnlyWhatTheEventChanged() throws {
        var cli = try ledger()
        cli.now = "2023-05-12T09:00:00Z"
        let late = try cli(
            "action", "progress", "A-1", "--status", "off-track", "--effective", "2023-05-01", "--actor", "police.lead")
        #expect(late.status == 0, "\(late)")
        #expect(try cli("action", "review", "A-1", "--outcome", "complete", "--note", "Done", "--actor", "coord").status == 0)
        let table = try cli("history", "A-1").stdout
        #expect(table.contains("ActionProgressed  status off-track\n"), "\(table)")
        #expect(table.contains("ActionReviewed    review: complete, status at-risk → completed, \"Done\""), "\(table)")
    }

    @Test func correctTakesThePositionOrTheShortIdTheTableShows() throws {
        var cli = try ledger()
        let id = try #require(text(try events(cli).last?["eventId"]))
        cli.now = "2023-05-12T09:00:00Z"
        let corrected = try cli(
            "action", "correct", String(id.prefix(8)), "--reason", "Wrong figure", "--percent", "35", "--actor", "coord")
        #expect(corrected.status == 0, "\(corrected)")
        let correction = try #require(try events(cli).last)
        #expect(correction["payload"].map { "\($0)" }?.contains(id) == true, "\(correction)")
        let table = try cli("history", "A-1").stdout
        #expect(table.contains("corrects @16: status at-risk, 35%, \"Venue lost\", because \"Wrong figure\""), "\(table)")

        // A correction of the correction, named by the position the table shows.
        let again = try cli("action", "correct", "@17", "--reason", "Still wrong", "--percent", "30", "--actor", "coord")
        #expect(again.status == 0, "\(again)")
        #expect(try cli("history", "A-1").stdout.contains("corrects @16: status at-risk, 30%, \"Venue lost\", because \"Still wrong\""))
    }

    /// A position or id of an event that is not a progress report, review or correction
    /// is refused in one line naming what it is, and nothing is written.
    @Test func correctRefusesAnEventThatIsNotAReportOrReview() throws {
        let cli = try ledger()
        let before = try cli.fingerprint()
        let assignedID = try #require(text(try events(cli).first { $0["type"] == .string("ActionAssigned") }?["eventId"]))
        for (reference, words) in [
            ("@1", "event @1 ("), ("@14", "event @14 ("), (assignedID, "event @14 ("), (String(assignedID.prefix(8)), "event @14 ("),
        ] {
            let refused = try cli("action", "correct", reference, "--reason", "r", "--percent", "5", "--actor", "coord")
            #expect(refused.status == 1, "\(reference): \(refused)")
            #expect(refused.stdout.isEmpty)
            let line = refused.stderr
            #expect(line.hasPrefix("Error: \(words)") && line.filter { $0 == "\n" }.count == 1, "\(reference): \(line)")
            #expect(line.contains("only progress reports, reviews and corrections are corrected"), "\(line)")
        }
        let established = try cli("action", "correct", "@1", "--reason", "r", "--percent", "5", "--actor", "coord").stderr
        #expect(established.contains(") is PartnershipEstablished on partnership;"), "\(established)")
        #expect(try cli.fingerprint() == before, "a refused correction writes nothing")
    }

    @Test func aShortIdThatSeveralEventsShareIsRefused() throws {
        let cli = try ledger()
        // Two events whose ids start alike: the start names neither.
        let clock = TestClock()
        clock.set("2023-05-11T09:00:00Z")
        let ledger = try Ledger.open(at: cli.db, access: .readWrite, clock: clock.ledgerClock, ids: .numbered("abcdef01-"))
        for percent in [50, 60] {
            try ledger.execute(.reportProgress(try ActionID("A-1"), status: .atRisk, note: nil, percent: percent), by: try ActorID("coord"))
        }
        let before = try cli.fingerprint()
        var later = cli
        later.now = "2023-05-12T09:00:00Z"
        let ambiguous = try later("action", "correct", "abcdef01", "--reason", "r", "--percent", "5", "--actor", "coord")
        #expect(ambiguous.status == 1, "\(ambiguous)")
        #expect(
            ambiguous.stderr
                == "Error: 'abcdef01' starts more than one event id (abcdef01-1, abcdef01-2); give more of the id, or @ and the position that history shows\n"
        )
        #expect(try cli.fingerprint() == before)
        #expect(try later("action", "correct", "abcdef01-2", "--reason", "r", "--percent", "5", "--actor", "coord").status == 0)
    }
}
