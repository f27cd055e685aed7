import Foundation
import LedgerCore
import Testing

@Suite struct TimeTests {
    let london = try! PartnershipCalendar(timeZoneIdentifier: "Europe/London")

    @Test func instantsAreWrittenInUTCWithMilliseconds() throws {
        #expect(try Instant(iso8601: "2023-03-31T23:59:59.999+01:00").iso8601 == "2023-03-31T22:59:59.999Z")
        #expect(try Instant(iso8601: "2023-03-31T22:59:59Z").iso8601 == "2023-03-31T22:59:59.000Z")
        #expect(try Instant(iso8601: "2023-03-31T22:59:59.1234567Z").iso8601 == "2023-03-31T22:59:59.123Z")
        #expect(try Instant(iso8601: "1969-12-31T23:59:59.500Z").millisecondsSince1970 == -500)
    }

    @Test(arguments: [
        "2023-03-31T12:00:00", "2023-03-31", "2023-02-30T10:00:00Z", "2023-03-31T24:00:00Z", "yesterday", "", "2023-03-31T12:00:00+1",
        "2023-03-31 12:00:00Z", "2023-03-31T12:00:00+0100", "2023-03-31T12:00:00z",
    ])
    func instantsWithoutOffsetsOrImpossibleFieldsAreRefused(_ text: String) {
        #expect(throws: LedgerError.self) { try Instant(iso8601: text) }
    }

    @Test func datesFollowTheCalendar() throws {
        #expect(try LocalDate(iso8601: "2024-02-29").iso8601 == "2024-02-29")
        #expect(throws: LedgerError.self) { try LocalDate(iso8601: "2023-02-29") }
        #expect(throws: LedgerError.self) { try LocalDate(iso8601: "2023-02-30") }
        #expect(throws: LedgerError.self) { try LocalDate(iso8601: "2023-13-01") }
        #expect(throws: LedgerError.self) { try LocalDate(iso8601: "2023-3-1") }
        #expect(LocalDate(daysSince1970: try LocalDate(iso8601: "2000-03-01").daysSince1970).iso8601 == "2000-03-01")
    }

    @Test func aQueryDateMeansTheEndOfThatDayInTheZone() throws {
        // Summer time: the day ends at 23:00 UTC.
        #expect(try london.instant(from: "2023-03-31", dateMeans: .end).iso8601 == "2023-03-31T22:59:59.999Z")
        // Winter time: at midnight UTC.
        #expect(try london.instant(from: "2023-01-31", dateMeans: .end).iso8601 == "2023-01-31T23:59:59.999Z")
        #expect(try london.instant(from: "2023-04-01", dateMeans: .start).iso8601 == "2023-03-31T23:00:00.000Z")
        #expect(try london.instant(from: "2023-04-01T09:00:00Z", dateMeans: .end).iso8601 == "2023-04-01T09:00:00.000Z")
    }

    @Test func daysAroundTheClockChangesHaveTheirRealLength() throws {
        // 2023-03-26: clocks go forward at 01:00 UTC; the day is 23 hours long.
        let spring = try LocalDate(iso8601: "2023-03-26")
        #expect(london.startOfDay(spring).iso8601 == "2023-03-26T00:00:00.000Z")
        #expect(london.endOfDay(spring).iso8601 == "2023-03-26T22:59:59.999Z")
        // 2023-10-29: clocks go back at 01:00 UTC; the day is 25 hours long.
        let autumn = try LocalDate(iso8601: "2023-10-29")
        #expect(london.startOfDay(autumn).iso8601 == "2023-10-28T23:00:00.000Z")
        #expect(london.endOfDay(autumn).iso8601 == "2023-10-29T23:59:59.999Z")
        #expect(london.date(of: try Instant(iso8601: "2023-10-28T23:30:00Z")).iso8601 == "2023-10-29")
        #expect(london.date(of: try Instant(iso8601: "2023-03-25T23:30:00Z")).iso8601 == "2023-03-25")
    }

    @Test func otherZonesAreHonoured() throws {
        let tokyo = try PartnershipCalendar(timeZoneIdentifier: "Asia/Tokyo")
        #expect(try tokyo.instant(from: "2023-03-31", dateMeans: .end).iso8601 == "2023-03-31T14:59:59.999Z")
        #expect(throws: LedgerError.self) { try PartnershipCalendar(timeZoneIdentifier: "Mars/Olympus_Mons") }
    }
}
