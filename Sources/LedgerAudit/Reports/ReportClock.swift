import Foundation
import LedgerCore

/// Writes report timestamps in the partnership's time zone, so that every time in a
/// report says which zone it is in.
///
/// Markdown (and any text a script may read) keeps a sortable form with its offset,
/// `2023-03-31T23:59:59+01:00`; HTML, which people print and read, writes
/// `9 June 2023, 10:00 BST`. Both come from here, so a report never mixes them.
public struct ReportClock: Sendable {
    public let calendar: PartnershipCalendar
    public var style: Style

    /// How the report writes its times.
    public enum Style: Sendable {
        /// `2023-06-09T10:00:00+01:00`.
        case offset
        /// `9 June 2023, 10:00 BST`, and `9 June 2023` for a time at local midnight.
        case forPeople
    }

    public init(calendar: PartnershipCalendar, style: Style = .offset) { (self.calendar, self.style) = (calendar, style) }

    public var zoneName: String { calendar.timeZone.identifier }

    /// An instant as this clock's style writes it.
    public func text(_ instant: Instant) -> String {
        switch style {
        case .offset: offsetText(instant)
        case .forPeople: peopleText(instant)
        }
    }

    /// A calendar day as this clock's style writes it: `2023-06-09`, or `9 June 2023`.
    public func text(_ date: LocalDate) -> String {
        switch style {
        case .offset: date.iso8601
        case .forPeople: "\(date.day) \(Self.months[date.month - 1]) \(date.year)"
        }
    }

    /// The report's line on its times.
    public var zoneLine: String {
        switch style {
        case .offset: "Times are in \(zoneName); each shows its UTC offset"
        case .forPeople: "Times are in \(zoneName), each with its zone's abbreviation; dates are days in that zone"
        }
    }

    /// `2023-03-31T23:59:59+01:00`: the local time with its offset.
    private func offsetText(_ instant: Instant) -> String {
        let offsetSeconds = offset(instant)
        let local = Instant(millisecondsSince1970: instant.millisecondsSince1970 + Int64(offsetSeconds) * 1000).iso8601
        let sign = offsetSeconds < 0 ? "-" : "+"
        let minutes = abs(offsetSeconds) / 60
        return String(local.prefix(19)) + sign + pad2(minutes / 60) + ":" + pad2(minutes % 60)
    }

    /// `9 June 2023, 10:00 BST`; the date alone at local midnight, which is how a
    /// day given without a time (`--effective 2022-09-30`) is stored.
    private func peopleText(_ instant: Instant) -> String {
        let wall = instant.millisecondsSince1970 + Int64(offset(instant)) * 1000
        let sinceMidnight = ((wall % 86_400_000) + 86_400_000) % 86_400_000
        let date = calendar.date(of: instant)
        guard sinceMidnight != 0 else { return text(date) }
        let minutes = Int(sinceMidnight / 60_000)
        return "\(text(date)), \(pad2(minutes / 60)):\(pad2(minutes % 60)) \(abbreviation(instant))"
    }

    /// The zone's short name at `instant` as British English writes it (`BST`, `GMT`,
    /// `CET`), or its offset where it has none (`GMT-4`).
    private func abbreviation(_ instant: Instant) -> String {
        let zone = calendar.timeZone
        let moment = Date(timeIntervalSince1970: Double(instant.millisecondsSince1970) / 1000)
        let kind: NSTimeZone.NameStyle = zone.isDaylightSavingTime(for: moment) ? .shortDaylightSaving : .shortStandard
        return zone.localizedName(for: kind, locale: Locale(identifier: "en_GB")) ?? offsetText(instant).suffix(6).description
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
