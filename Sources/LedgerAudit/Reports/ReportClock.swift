import Foundation
import LedgerCore

/// Writes the times of every output for whoever reads it, and in the partnership's
/// time zone wherever a person does, so that every time says which zone it is in.
///
/// Tables and Markdown write the local time with its offset, `2023-06-09 10:00 +01:00`;
/// HTML, which people print and read, writes `9 June 2023, 10:00 BST`; JSON and CSV,
/// which programs read, write the UTC instant, `2023-06-09T09:00:00.000Z`. A time at
/// exactly local midnight is how a day given without a time (`--effective 2022-09-30`)
/// is stored, so people see the date alone (`2022-09-30`). All come from here, so an
/// output never mixes them.
public struct ReportClock: Sendable {
    public let calendar: PartnershipCalendar
    public var style: Style

    /// How the clock writes its times.
    public enum Style: Sendable {
        /// `2023-06-09 10:00 +01:00`, with seconds where they are not zero, and
        /// `2023-06-09` at local midnight: tables and Markdown.
        case offset
        /// `9 June 2023, 10:00 BST`, and `9 June 2023` at local midnight: HTML.
        case forPeople
        /// `2023-06-09T09:00:00.000Z`: JSON and CSV.
        case utc
    }

    public init(calendar: PartnershipCalendar, style: Style = .offset) { (self.calendar, self.style) = (calendar, style) }

    public var zoneName: String { calendar.timeZone.identifier }

    /// An instant as this clock's style writes it.
    public func text(_ instant: Instant) -> String {
        switch style {
        case .offset: offsetText(instant)
        case .forPeople: peopleText(instant)
        case .utc: instant.iso8601
        }
    }

    /// The inclusive end of a window (`--to`, `--as-of`): where it is the last
    /// millisecond of a local day, as a date typed for it gives, people read the date
    /// alone (`2023-06-30`), not `2023-06-30 23:59:59 +01:00`.
    public func end(_ instant: Instant) -> String {
        guard style != .utc, wallTime(instant).sinceMidnight == 86_399_999 else { return text(instant) }
        return text(calendar.date(of: instant))
    }

    /// A calendar day as this clock's style writes it: `2023-06-09`, or `9 June 2023`.
    public func text(_ date: LocalDate) -> String {
        switch style {
        case .offset, .utc: date.iso8601
        case .forPeople: "\(date.day) \(Self.months[date.month - 1]) \(date.year)"
        }
    }

    /// The report's line on its times.
    public var zoneLine: String {
        switch style {
        case .offset: "Times are in \(zoneName); each shows its UTC offset"
        case .forPeople: "Times are in \(zoneName), each with its zone's abbreviation; dates are days in that zone"
        case .utc: "Times are UTC; dates are days in \(zoneName)"
        }
    }

    /// `2023-03-31 23:59:59 +01:00`: the local time with its offset, to the minute
    /// where the seconds are zero, the date alone at local midnight.
    private func offsetText(_ instant: Instant) -> String {
        let (date, sinceMidnight) = wallTime(instant)
        guard sinceMidnight != 0 else { return text(date) }
        let seconds = sinceMidnight / 1000
        let clock =
            pad2(Int(seconds / 3600)) + ":" + pad2(Int(seconds / 60 % 60)) + (seconds % 60 == 0 ? "" : ":" + pad2(Int(seconds % 60)))
        return "\(date.iso8601) \(clock) \(offsetName(instant))"
    }

    /// `+01:00`.
    private func offsetName(_ instant: Instant) -> String {
        let offsetSeconds = offset(instant)
        let minutes = abs(offsetSeconds) / 60
        return (offsetSeconds < 0 ? "-" : "+") + pad2(minutes / 60) + ":" + pad2(minutes % 60)
    }

    /// `9 June 2023, 10:00 BST`; the date alone at local midnight.
    private func peopleText(_ instant: Instant) -> String {
        let (date, sinceMidnight) = wallTime(instant)
        guard sinceMidnight != 0 else { return text(date) }
        let minutes = Int(sinceMidnight / 60_000)
        return "\(text(date)), \(pad2(minutes / 60)):\(pad2(minutes % 60)) \(abbreviation(instant))"
    }

    /// The local day of `instant` and the milliseconds since its midnight.
    private func wallTime(_ instant: Instant) -> (date: LocalDate, sinceMidnight: Int64) {
        let wall = instant.millisecondsSince1970 + Int64(offset(instant)) * 1000
        return (calendar.date(of: instant), ((wall % 86_400_000) + 86_400_000) % 86_400_000)
    }

    /// The zone's short name at `instant` as British English writes it (`BST`, `GMT`,
    /// `CET`), or its offset where it has none (`GMT-4`).
    private func abbreviation(_ instant: Instant) -> String {
        let zone = calendar.timeZone
        let moment = Date(timeIntervalSince1970: Double(instant.millisecondsSince1970) / 1000)
        let kind: NSTimeZone.NameStyle = zone.isDaylightSavingTime(for: moment) ? .shortDaylightSaving : .shortStandard
        return zone.localizedName(for: kind, locale: Locale(identifier: "en_GB")) ?? offsetName(instant)
    }

    private func offset(_ instant: Instant) -> Int {
        calendar.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant.millisecondsSince1970) / 1000))
    }

    private func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    /// The line a report carries for a ledger whose clock its maker may set
    /// (`init --test-clock`, `demo`): its recording times prove nothing.
    static func notice(for partnership: PartnershipRecord?) -> [String] {
        guard partnership?.testClock == true else { return [] }
        return ["Test-clock ledger: its recording times were set by whoever made it (init --test-clock or demo) and prove nothing"]
    }
}
