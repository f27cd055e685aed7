import LedgerAudit
import LedgerCore
import Testing

/// The one writer of times: local with its offset for tables and Markdown, as people
/// write them for HTML, UTC instants for JSON and CSV; the date alone at local midnight.
@Suite struct ReportClockTests {
    let london = try! PartnershipCalendar(timeZoneIdentifier: "Europe/London")

    func instant(_ text: String) throws -> Instant { try Instant(iso8601: text) }

    @Test func tablesGiveLocalTimesWithTheirOffsets() throws {
        let clock = ReportClock(calendar: london)
        #expect(clock.text(try instant("2023-06-09T09:00:00Z")) == "2023-06-09 10:00 +01:00")
        #expect(clock.text(try instant("2023-01-09T09:00:00Z")) == "2023-01-09 09:00 +00:00")
        #expect(clock.text(try instant("2023-06-09T09:00:30.250Z")) == "2023-06-09 10:00:30 +01:00", "seconds where not zero")
        #expect(clock.text(try instant("2023-06-09T09:00:00.999Z")) == "2023-06-09 10:00 +01:00", "never milliseconds")
        let newYork = ReportClock(calendar: try PartnershipCalendar(timeZoneIdentifier: "America/New_York"))
        #expect(newYork.text(try instant("2023-06-09T09:00:00Z")) == "2023-06-09 05:00 -04:00")
        let kolkata = ReportClock(calendar: try PartnershipCalendar(timeZoneIdentifier: "Asia/Kolkata"))
        #expect(kolkata.text(try instant("2023-06-09T09:00:00Z")) == "2023-06-09 14:30 +05:30")
    }

    @Test func localMidnightIsTheDateAlone() throws {
        let clock = ReportClock(calendar: london)
        // `--effective 2022-09-30` is stored as the start of that day in London.
        let start = london.startOfDay(try LocalDate(iso8601: "2022-09-30"))
        #expect(clock.text(start) == "2022-09-30")
        #expect(ReportClock(calendar: london, style: .forPeople).text(start) == "30 September 2022")
        // UTC midnight in summer is 01:00 in London, not a date.
        #expect(clock.text(try instant("2022-09-30T00:00:00Z")) == "2022-09-30 01:00 +01:00")
        // The clocks went back at 02:00 BST on 29 October 2023: midnight was still BST.
        #expect(clock.text(try instant("2023-10-28T23:00:00Z")) == "2023-10-29")
        #expect(clock.text(try instant("2023-10-29T01:30:00Z")) == "2023-10-29 01:30 +00:00")
    }

    @Test func theEndOfAWindowReadsAsTheDayTypedForIt() throws {
        let clock = ReportClock(calendar: london)
        let end = london.endOfDay(try LocalDate(iso8601: "2023-03-31"))
        #expect(clock.text(end) == "2023-03-31 23:59:59 +01:00")
        #expect(clock.end(end) == "2023-03-31")
        #expect(ReportClock(calendar: london, style: .forPeople).end(end) == "31 March 2023")
        #expect(clock.end(try instant("2023-03-31T12:00:00Z")) == "2023-03-31 13:00 +01:00")
        #expect(ReportClock(calendar: london, style: .utc).end(end) == "2023-03-31T22:59:59.999Z")
    }

    @Test func machinesReadUTCInstants() throws {
        let clock = ReportClock(calendar: london, style: .utc)
        let start = london.startOfDay(try LocalDate(iso8601: "2022-09-30"))
        #expect(clock.text(start) == "2022-09-29T23:00:00.000Z")
        #expect(clock.text(try LocalDate(iso8601: "2022-09-30")) == "2022-09-30")
    }
}
