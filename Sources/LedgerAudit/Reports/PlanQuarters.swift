import LedgerCore

/// Quarters of the plan year, counted from a plan's first day, as a partnership
/// reports them: an April-to-March plan makes April to June 2023 `2023/24 Q1`.
///
/// A day falls in the plan year of the latest plan that had begun by then (before any
/// plan began, the first plan's years are counted backwards); with no plan at all the
/// quarters are those of the calendar year (`2023 Q1`, January to March).
struct PlanQuarters: Sendable {
    /// The first day of each plan, earliest first.
    let starts: [LocalDate]

    init(planStarts: [LocalDate]) { starts = planStarts.sorted() }

    /// One quarter: its label and its last day.
    struct Quarter: Equatable, Sendable {
        var label: String
        var last: LocalDate
    }

    /// The quarter that `date` falls in.
    func quarter(containing date: LocalDate) -> Quarter {
        let anchor = starts.last { $0 <= date } ?? starts.first ?? (try! LocalDate(year: date.year, month: 1, day: 1))
        var months = (date.year - anchor.year) * 12 + (date.month - anchor.month)
        if date.day < min(anchor.day, LocalDate.daysIn(month: date.month, year: date.year)) { months -= 1 }
        let index = months >= 0 ? months / 3 : (months - 2) / 3
        let year = index >= 0 ? index / 4 : (index - 3) / 4
        let first = Self.adding(months: year * 12, to: anchor).year
        let name = anchor.month == 1 && anchor.day == 1 ? "\(first)" : "\(first)/\(Self.twoDigits((first + 1) % 100))"
        return Quarter(
            label: "\(name) Q\(index - year * 4 + 1)", last: Self.adding(months: (index + 1) * 3, to: anchor).adding(days: -1))
    }

    /// The same day `months` later, or the month's last day where it is shorter.
    static func adding(months: Int, to date: LocalDate) -> LocalDate {
        let total = date.year * 12 + (date.month - 1) + months
        let (year, month) = (total / 12, total % 12 + 1)
        return (try? LocalDate(year: year, month: month, day: min(date.day, LocalDate.daysIn(month: month, year: year)))) ?? date
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
