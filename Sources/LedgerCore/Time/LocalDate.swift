/// A calendar day without a time (`2023-03-31`): due dates, review dates, plan periods.
///
/// Stored dates stay plain dates; only queries turn a date into an instant, through
/// ``PartnershipCalendar``, because "31 March" begins at different instants in
/// different zones.
public struct LocalDate: Hashable, Comparable, Sendable, TextCoded, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// - Throws: ``LedgerError`` `.invalidInput` for a day that does not exist.
    public init(year: Int, month: Int, day: Int) throws(LedgerError) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...LocalDate.daysIn(month: month, year: year)).contains(day)
        else {
            throw .invalid("\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) is not a date in the calendar; check the month and day")
        }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// Parses `YYYY-MM-DD` exactly.
    /// - Throws: ``LedgerError`` `.invalidInput` saying what form is expected.
    public init(iso8601 text: String) throws(LedgerError) {
        var reader = DigitReader(bytes: Array(text.utf8))
        let start = reader
        guard LocalDate.fields(&reader) != nil, reader.atEnd else {
            throw .invalid("'\(text.printable)' is not a date; write it as YYYY-MM-DD, e.g. 2023-03-31")
        }
        reader = start
        let (y, m, d) = LocalDate.fields(&reader)!
        try self.init(year: y, month: m, day: d)
    }

    /// Days since 1970-01-01 (negative before), by the proleptic Gregorian calendar.
    public var daysSince1970: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(daysSince1970 days: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        (year, month, day) = (Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), Int(m), Int(d))
    }

    /// The same day `years` later; 29 February becomes 28 February in a common year.
    public func adding(years: Int) -> LocalDate {
        let y = min(max(year + years, 1), 9999)
        return (try? LocalDate(year: y, month: month, day: min(day, LocalDate.daysIn(month: month, year: y)))) ?? self
    }

    public func adding(days: Int) -> LocalDate { LocalDate(daysSince1970: daysSince1970 + Int64(days)) }

    public var iso8601: String {
        guard LocalDate.fourDigitYears.contains(year) else { return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }
        return String(unsafeUninitializedCapacity: 10) { out in
            write(into: out)
            return 10
        }
    }

    /// Years written as exactly four digits, the fast path of ``iso8601``.
    static let fourDigitYears = 0...9999

    /// Writes `YYYY-MM-DD` into the first ten bytes of `out`; the year has four digits.
    func write(into out: UnsafeMutableBufferPointer<UInt8>) {
        out.writeDigits(year, width: 4, at: 0)
        out[4] = UInt8(ascii: "-")
        out.writeDigits(month, width: 2, at: 5)
        out[7] = UInt8(ascii: "-")
        out.writeDigits(day, width: 2, at: 8)
    }
    public var description: String { iso8601 }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(text: String) throws(LedgerError) { try self.init(iso8601: text) }
    public var text: String { iso8601 }

    static func parse(_ reader: inout DigitReader) -> LocalDate? {
        guard let (y, m, d) = fields(&reader) else { return nil }
        return try? LocalDate(year: y, month: m, day: d)
    }

    private static func fields(_ reader: inout DigitReader) -> (Int, Int, Int)? {
        guard let y = reader.digits(4), reader.take("-"), let m = reader.digits(2), reader.take("-"),
            let d = reader.digits(2)
        else { return nil }
        return (y, m, d)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
