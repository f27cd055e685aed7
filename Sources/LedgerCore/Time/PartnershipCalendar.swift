import Foundation

/// Turns the dates people type into instants, in the partnership's time zone.
///
/// A date in a query means the whole day, inclusive: its end for `--as-of`,
/// `--effective` and `--to`, its start for `--from`. A date on a write (`--effective`)
/// means its start. Days are those of the partnership's zone, fixed at `init`, so that
/// "31 March" means the same to every reader of one ledger.
public struct PartnershipCalendar: Sendable {
    public let timeZone: TimeZone

    /// - Throws: ``LedgerError`` `.invalidInput` for a zone name the system does not know.
    public init(timeZoneIdentifier: String) throws(LedgerError) {
        guard let zone = TimeZone(identifier: timeZoneIdentifier)
        else {
            throw .invalid("'\(timeZoneIdentifier.printable)' is not a known time zone; use an IANA name such as Europe/London")
        }
        timeZone = zone
    }

    /// Refuses zone names that tzdata does not list as a zone or link but Foundation
    /// reads anyway, as POSIX-style offsets: `GMT+5` would be read as five hours ahead of
    /// UTC, the opposite of tzdata's `Etc/GMT+5`. Such names have no `/` and hold a
    /// digit or a sign (`GMT+5`, `UTC+1`, `EST5EDT`); `UTC`, `GMT` and `Etc/GMT+5` pass.
    /// - Throws: ``LedgerError`` `.invalidInput` naming the name and what to give instead.
    public static func checkZoneName(_ name: String) throws(LedgerError) {
        let posixStyle = !name.contains("/") && name.contains(where: { $0.isNumber || $0 == "+" || $0 == "-" })
        let plain = name.utf8.allSatisfy { $0 < 0x80 && $0 > 0x20 } && !name.contains("..") && !name.hasPrefix("/")
        guard !posixStyle, plain, !name.isEmpty else {
            throw .invalid(
                "'\(name.printable)' is not a tzdata zone name; give an IANA name such as Europe/London, UTC, or Etc/GMT+5 (which is UTC-5)"
            )
        }
    }

    /// Which end of a day a date-only argument stands for.
    public enum DayBoundary: Sendable { case start, end }

    /// Reads a date (`2023-03-31`) or an instant (`2023-03-31T12:00:00Z`).
    /// - Throws: ``LedgerError`` `.invalidInput` when it is neither.
    public func instant(from text: String, dateMeans boundary: DayBoundary) throws(LedgerError) -> Instant {
        if text.utf8.count == 10 {
            let date = try LocalDate(iso8601: text)
            return boundary == .start ? startOfDay(date) : endOfDay(date)
        }
        return try Instant(iso8601: text)
    }

    /// The first millisecond of `date` in the partnership's zone. Where a zone skips
    /// midnight, the day starts at the first instant that exists.
    public func startOfDay(_ date: LocalDate) -> Instant {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(year: date.year, month: date.month, day: date.day)
        let start = calendar.date(from: components).map { calendar.startOfDay(for: $0) } ?? Date(timeIntervalSince1970: 0)
        return Instant(millisecondsSince1970: Int64((start.timeIntervalSince1970 * 1000).rounded()))
    }

    /// The last millisecond of `date` in the partnership's zone.
    public func endOfDay(_ date: LocalDate) -> Instant {
        startOfDay(date.adding(days: 1)).adding(milliseconds: -1)
    }

    /// The partnership's calendar day on which `instant` falls.
    public func date(of instant: Instant) -> LocalDate {
        let seconds = Double(instant.millisecondsSince1970) / 1000
        let offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: seconds)))
        let local = instant.millisecondsSince1970 + offset * 1000
        return LocalDate(daysSince1970: local.floorDivided(by: 86_400_000).quotient)
    }
}
