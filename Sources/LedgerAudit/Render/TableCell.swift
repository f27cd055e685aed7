import CanonicalJSON
import LedgerCore

extension TextTable {
    /// One cell of a table: the text that the table, CSV, Markdown and HTML formats print,
    /// and the value it stands for, which a spreadsheet keeps typed (`--format xlsx`).
    ///
    /// Both come from the one definition of each table, so a workbook can never say
    /// something its CSV does not: the text is how the other formats show the value.
    public struct Cell: Sendable, Equatable {
        public var text: String
        public var value: Value

        /// What a cell holds, as a spreadsheet types it.
        public enum Value: Sendable, Equatable {
            /// Text, always written as text: never a formula, whatever it begins with.
            case text
            case integer(Int64)
            /// A whole percentage, `40` for 40%.
            case percent(Int)
            case boolean(Bool)
            /// A moment, which a workbook writes in the partnership's local wall time.
            case instant(Instant)
            /// A day in the partnership's calendar (a due date, a next-review date).
            case date(LocalDate)
        }

        public init(_ text: String, _ value: Value = .text) { (self.text, self.value) = (text, value) }

        public static func text(_ text: String) -> Cell { Cell(text) }
        public static func integer<N: BinaryInteger>(_ number: N) -> Cell { Cell(String(number), .integer(Int64(number))) }
        /// `40%`.
        public static func percent(_ number: Int) -> Cell { Cell("\(number)%", .percent(number)) }
        /// `yes` or `no`.
        public static func boolean(_ flag: Bool) -> Cell { Cell(flag ? "yes" : "no", .boolean(flag)) }
        /// An instant, printed as `shown` (each table chooses how its formats write times).
        public static func instant(_ instant: Instant, _ shown: String) -> Cell { Cell(shown, .instant(instant)) }
        public static func date(_ date: LocalDate, _ shown: String) -> Cell { Cell(shown, .date(date)) }
        /// An empty cell.
        public static let empty = Cell("")

        /// A value of `state`'s JSON (a field before or after a change), typed by its
        /// field: an instant field's string is an instant, a date field's a date;
        /// numbers, booleans and text as they are; lists and objects as canonical JSON
        /// text; absent or null as empty.
        /// - Parameter shownInstant: how the table writes an instant.
        public static func json(_ value: JSONValue?, field: String, shownInstant: (Instant) -> String) -> Cell {
            switch value {
            case nil, .null?: return .empty
            case .int(let n)?: return .integer(n)
            case .bool(let b)?: return Cell(b ? "true" : "false", .boolean(b))
            case .string(let s)?:
                if StateView.instantFields.contains(field), let instant = try? Instant(iso8601: s) {
                    return .instant(instant, shownInstant(instant))
                }
                if StateView.dateFields.contains(field), let date = try? LocalDate(iso8601: s) { return .date(date, s) }
                return .text(s)
            case let other?: return .text(other.canonical)
            }
        }
    }
}

extension Optional {
    /// The cell `make` gives the value, or an empty cell when there is none.
    func cell(_ make: (Wrapped) -> TextTable.Cell) -> TextTable.Cell { map(make) ?? .empty }
}
