import Foundation
import LedgerCore

/// Writes report timestamps in the partnership's time zone, each with its offset, so
/// that every time in a report says which zone it is in (`2023-03-31 23:59 +01:00`).
public struct ReportClock: Sendable {
    public let calendar: PartnershipCalendar

    public init(calendar: PartnershipCalendar) { self.calendar = calendar }

    public var zoneName: String { calendar.timeZone.identifier }

    /// `2023-03-31T23:59:59+01:00`: the local time with its offset.
    public func text(_ instant: Instant) -> String {
        let offsetSeconds = calendar.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant.millisecondsSince1970) / 1000))
        let local = Instant(millisecondsSince1970: instant.millisecondsSince1970 + Int64(offsetSeconds) * 1000).iso8601
        let sign = offsetSeconds < 0 ? "-" : "+"
        let minutes = abs(offsetSeconds) / 60
        return String(local.prefix(19)) + sign + pad2(minutes / 60) + ":" + pad2(minutes % 60)
    }

    private func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// The line a report carries for a ledger whose clock its maker may set
    /// (`init --test-clock`, `demo`): its recording times prove nothing.
    static func notice(for partnership: PartnershipRecord?) -> [String] {
        guard partnership?.testClock == true else { return [] }
        return ["Test-clock ledger: its recording times were set by whoever made it (init --test-clock or demo) and prove nothing"]
    }
}
