import Foundation
import LedgerTestSupport
import Testing

/// Times for people, instants for machines: tables and Markdown give the partnership's
/// local time with its offset (the date alone at local midnight), HTML gives it as
/// people write it, and JSON and CSV give UTC instants, reports included; `diff` and the
/// reports name their windows in local dates.
@Suite struct PeopleTimeTests {
    let directory = TemporaryDirectory()

    /// The standard ledger, with a progress report recorded at 10:00 in London on 10 May
    /// 2023 (09:00 UTC) and back-dated to 1 May (local midnight, 23:00 UTC on 30 April).
    func ledger() throws -> CLI {
        try CLI(db: directory.file("ledger.sqlite")).initialiseStandard(
            reportingAt: "2023-05-10T09:00:00Z", ["--status", "at-risk", "--note", "Late", "--effective", "2023-05-01"])
    }

    @Test func tablesAndMarkdownGiveLocalTimesWithOffsetsAndDatesAtMidnight() throws {
        let cli = try ledger()
        for format in ["table", "markdown"] {
            for arguments in [["history", "A-1"], ["log"]] {
                let output = try cli.run(arguments + ["--format", format]).stdout
                #expect(output.contains("2023-05-10 10:00 +01:00"), "\(arguments) \(format): \(output)")
                #expect(output.contains(format == "table" ? "2023-05-01  " : "| 2023-05-01 |"), "\(arguments) \(format): \(output)")
                #expect(!output.contains(".000Z") && !output.contains("T09:00"), "\(arguments) \(format): \(output)")
            }
            let diff = try cli("diff", "--from", "2023-05-01", "--format", format).stdout
            #expect(diff.contains("2023-05-10 10:00 +01:00") && !diff.contains(".000Z"), "\(format): \(diff)")
            #expect(diff.contains("lastProgressAt"), "\(diff)")
            #expect(diff.contains(format == "table" ? "  2023-05-01  " : "| 2023-05-01 |"), "the new lastProgressAt: \(diff)")
            let governance = try cli("report", "governance", "--from", "2023-05-01", "--format", format).stdout
            #expect(governance.contains("2023-05-10 10:00 +01:00") && !governance.contains(".000Z"), "\(format): \(governance)")
        }
        #expect(try cli("digest").stdout.hasSuffix(" recorded 2023-05-10 10:00 +01:00\n"))
    }

    /// In winter the offset is +00:00, and a time with seconds shows them.
    @Test func winterTimesAndSecondsShowAsTheyAre() throws {
        var cli = try ledger()
        cli.now = "2024-01-10T09:30:15.250Z"
        #expect(try cli("action", "progress", "A-1", "--status", "on-track", "--actor", "police.lead").status == 0)
        let history = try cli("history", "A-1").stdout
        #expect(history.contains("2024-01-10 09:30:15 +00:00"), "\(history)")
        #expect(try cli("history", "A-1", "--format", "json").stdout.contains("\"recordedAt\": \"2024-01-10T09:30:15.250Z\""))
    }

    @Test func jsonAndCSVGiveUTCInstantsForEveryCommandReportsIncluded() throws {
        let cli = try ledger()
        #expect(try cli("token", "issue", "police.lead", "--actor", "coord").status == 0)
        let outputs = [
            ["history", "A-1", "--format", "json"], ["history", "A-1", "--format", "csv"], ["log", "--format", "json"],
            ["log", "--format", "csv"], ["digest", "--format", "csv"], ["digest", "--format", "json"],
            ["diff", "--from", "2023-05-01", "--format", "csv"], ["diff", "--from", "2023-05-01", "--format", "json"],
            ["report", "governance", "--from", "2023-05-01", "--format", "csv"],
            ["report", "governance", "--from", "2023-05-01", "--format", "json"], ["token", "list", "--actor", "coord", "--format", "csv"],
        ]
        for arguments in outputs {
            let output = try cli.run(arguments)
            #expect(output.status == 0, "\(arguments): \(output)")
            #expect(output.stdout.contains("2023-05-10T09:00:00.000Z"), "\(arguments): \(output.stdout.prefix(600))")
            #expect(!output.stdout.contains("+01:00") && !output.stdout.contains(" 10:00"), "\(arguments): \(output.stdout.prefix(600))")
        }
        let governance = try cli("report", "governance", "--from", "2023-05-01", "--format", "csv").stdout
        #expect(governance.contains(",2023-04-30T23:00:00.000Z,"), "the effective time and lastProgressAt: \(governance)")
        #expect(try cli("history", "A-1", "--format", "json").stdout.contains("\"effectiveAt\": \"2023-04-30T23:00:00.000Z\""))
    }

    @Test func htmlReportsWriteTimesAsPeopleDo() throws {
        let cli = try ledger()
        let page = try cli("report", "governance", "--from", "2023-05-01", "--to", "2023-05-31", "--format", "html").stdout
        #expect(page.contains("10 May 2023, 10:00 BST"), "\(page)")
        #expect(page.contains("Period: 1 May 2023 to 31 May 2023"), "\(page)")
        #expect(!page.contains("+01:00") && !page.contains(".000Z"), "\(page)")
    }

    @Test func diffAndReportsNameTheirWindowsInLocalDates() throws {
        let cli = try ledger()
        let diff = try cli("diff", "--from", "2023-05-01", "--to", "2023-05-31").stdout
        #expect(diff.contains("Changes from 2023-05-01 (position 15) to 2023-05-31 (position 16)"), "\(diff)")
        let governance = try cli("report", "governance", "--from", "2023-05-01", "--to", "2023-05-31").stdout
        #expect(governance.contains("Period: 2023-05-01 to 2023-05-31, both inclusive"), "\(governance)")
        let plan = try cli("report", "plan", "--as-of", "2023-05-31", "--format", "markdown").stdout
        #expect(plan.contains("As recorded up to 2023-05-31"), "\(plan)")
        #expect(plan.contains("2023-05-01: Late"), "the last progress, on the day it took effect: \(plan)")
        let instant = try cli("diff", "--from", "2023-05-10T09:00:00Z", "--to", "2023-05-10T10:30:00+01:00").stdout
        #expect(instant.contains("Changes from 2023-05-10 10:00 +01:00 (position 15) to 2023-05-10 10:30 +01:00"), "\(instant)")
    }
}
