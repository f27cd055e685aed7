import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

@testable import LedgerAudit

/// The plan report as a board reads it: quarters of the plan year, names not ids,
/// status in words, and times written for people in the partnership's zone.
@Suite struct PlanReportForPeopleTests {
    func day(_ text: String) throws -> LocalDate { try LocalDate(iso8601: text) }

    @Test func quartersCountFromEachPlansFirstDay() throws {
        let april = PlanQuarters(planStarts: [try day("2022-04-01"), try day("2023-04-01")])
        #expect(april.quarter(containing: try day("2023-04-01")) == .init(label: "2023/24 Q1", last: try day("2023-06-30")))
        #expect(april.quarter(containing: try day("2023-06-30")).label == "2023/24 Q1")
        #expect(april.quarter(containing: try day("2024-03-31")) == .init(label: "2023/24 Q4", last: try day("2024-03-31")))
        #expect(april.quarter(containing: try day("2024-04-01")).label == "2024/25 Q1", "after the last plan its years go on")
        #expect(april.quarter(containing: try day("2022-03-15")) == .init(label: "2021/22 Q4", last: try day("2022-03-31")))
        #expect(april.quarter(containing: try day("2099-12-31")).label == "2099/00 Q3")
        let calendarYear = PlanQuarters(planStarts: [try day("2023-01-01")])
        #expect(calendarYear.quarter(containing: try day("2023-05-09")) == .init(label: "2023 Q2", last: try day("2023-06-30")))
        let midMonth = PlanQuarters(planStarts: [try day("2023-01-15")])
        #expect(midMonth.quarter(containing: try day("2023-04-14")) == .init(label: "2023/24 Q1", last: try day("2023-04-14")))
        #expect(midMonth.quarter(containing: try day("2023-04-15")) == .init(label: "2023/24 Q2", last: try day("2023-07-14")))
        let none = PlanQuarters(planStarts: [])
        #expect(none.quarter(containing: try day("2023-11-02")) == .init(label: "2023 Q4", last: try day("2023-12-31")))
        // A plan from 31 January: its quarters end on the day before the 31st, or the month's last day.
        let late = PlanQuarters(planStarts: [try day("2023-01-31")])
        #expect(late.quarter(containing: try day("2023-04-29")).last == (try day("2023-04-29")))
        #expect(late.quarter(containing: try day("2023-04-30")).label == "2023/24 Q2")
    }

    @Test func timesForPeopleNameTheZoneAndAMidnightIsADate() throws {
        let clock = ReportClock(calendar: try PartnershipCalendar(timeZoneIdentifier: "Europe/London"), style: .forPeople)
        #expect(clock.text(try Instant(iso8601: "2023-06-09T09:00:00Z")) == "9 June 2023, 10:00 BST")
        #expect(clock.text(try Instant(iso8601: "2023-12-01T09:05:00Z")) == "1 December 2023, 09:05 GMT")
        #expect(clock.text(try Instant(iso8601: "2022-09-29T23:00:00Z")) == "30 September 2022", "local midnight is the day alone")
        // On the day the clocks go forward the wall time is still the one people read.
        #expect(clock.text(try Instant(iso8601: "2023-03-26T09:00:00Z")) == "26 March 2023, 10:00 BST")
        #expect(clock.text(try day("2023-06-09")) == "9 June 2023")
        let newYork = ReportClock(calendar: try PartnershipCalendar(timeZoneIdentifier: "America/New_York"), style: .forPeople)
        #expect(newYork.text(try Instant(iso8601: "2023-06-09T09:00:00Z")) == "9 June 2023, 05:00 GMT-4")
        let offset = ReportClock(calendar: try PartnershipCalendar(timeZoneIdentifier: "Europe/London"))
        #expect(offset.text(try Instant(iso8601: "2023-06-09T09:00:00Z")) == "2023-06-09T10:00:00+01:00")
    }

    @Test func theHTMLReportGivesNamesWordsPercentAndPeoplesDates() throws {
        let asOf = try demoLedger.calendar.instant(from: "2024-03-31", dateMeans: .end)
        let report = try PlanReport.build(demoLedger, asOf: asOf)
        let html = report.html
        let action = try #require(report.state.actions.values.first { $0.owner != nil && !$0.supporting.isEmpty && $0.percent != nil })
        let row = report.actionRow(action).map(\.text)
        #expect(row[2] == report.state.actors[action.owner!]!.name)
        #expect(row[3] == report.state.partners[action.lead!]!.name)
        #expect(row[4] == action.supporting.map { report.state.partners[$0]!.name }.joined(separator: ", "))
        #expect(row[8] == "\(action.percent!)%")
        #expect(html.contains("9 June 2023, 15:57 BST"), "ASB-1's last progress, in BST")
        #expect(html.contains("31 March 2023"), "due dates as people write them")
        #expect(!html.contains("not-started") && !html.contains("on-track") && !html.contains("T14:"), "no stored names or ISO instants")
        #expect(html.contains("<td class=\"rag-blue\">blue</td>"), "a RAG cell carries its word")
        #expect(html.contains("Times are in Europe/London, each with its zone&#39;s abbreviation"))
        // Markdown keeps sortable times with their offsets.
        #expect(report.document.markdown.contains("2023-06-09T15:57:00+01:00"))
        // The chart labels each priority with its title and writes counts on its bars.
        for priority in report.priorities { #expect(html.contains(">\(priority.id): \(HTML.escape(priority.title))</text>")) }
        #expect(html.contains("grey: not started or withdrawn</text>"))
    }
}
