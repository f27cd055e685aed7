import Foundation

/// How a read command prints: a table for people, JSON for scripts, CSV for
/// spreadsheets, Markdown for papers to the board, an xlsx workbook (to a file) for a
/// spreadsheet with typed cells.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, json, csv, markdown, xlsx
}

/// Rows of cells under named columns: what every non-JSON format prints.
///
/// A table's rows are made when they are read, by index: a table too large to hold as
/// cells (every change of a quarter of a large ledger) is written row by row
/// (``writeAligned(width:_:)``, ``writeMarkdown(_:)``, ``writeCSV(_:)``), and the
/// text forms are those writers' output joined.
public struct TextTable: Sendable, Equatable {
    public var title: String
    public var columns: [String]
    /// How many rows the table has.
    public let count: Int
    private let row: @Sendable (Int) -> [Cell]

    /// Each cell's text and typed value (``Cell``), every row made at once.
    public var cells: [[Cell]] { (0..<count).map(row) }

    /// The cells' text, as the text formats print it.
    public var rows: [[String]] { (0..<count).map(text(ofRow:)) }

    /// The text of row `index`'s cells.
    func text(ofRow index: Int) -> [String] { row(index).map(\.text) }

    /// A table of text cells.
    public init(title: String, columns: [String], rows: [[String]]) {
        self.init(title: title, columns: columns, cells: rows.map { $0.map(Cell.text) })
    }

    public init(title: String, columns: [String], cells: [[Cell]]) {
        self.init(title: title, columns: columns, count: cells.count) { cells[$0] }
    }

    /// A table of `count` rows, row `i` made by `row(i)` each time it is read.
    public init(title: String, columns: [String], count: Int, row: @escaping @Sendable (Int) -> [Cell]) {
        (self.title, self.columns, self.count, self.row) = (title, columns, count, row)
    }

    public static func == (a: TextTable, b: TextTable) -> Bool {
        a.title == b.title && a.columns == b.columns && a.cells == b.cells
    }

    /// Aligned columns, for a terminal. A line feed inside a cell shows as `↵` and a
    /// tab as `→`, so a row stays one line, and any other control character as its
    /// `U+XXXX`, so the terminal never obeys one.
    public var aligned: String { aligned(width: nil) }

    /// ``aligned``, cut to `width` columns a line (nil: nothing cut), for a terminal
    /// whose lines would otherwise wrap into an unreadable grid.
    ///
    /// The widest columns give way first, down to one character (a lone `…`) where a
    /// table has more columns than the terminal has room for; a cell longer than its
    /// column ends in `…`, and so does a longer title. Widths are the columns a terminal
    /// gives each character (two for most Chinese, Japanese and Korean characters and
    /// for emoji), so rows stay aligned whatever their text.
    public func aligned(width: Int?) -> String { collected { writeAligned(width: width, $0) } }

    /// ``aligned(width:)`` handed to `emit` a line at a time (without the last line
    /// feed): the rows are read twice, once for the columns' widths and once to write.
    public func writeAligned(width: Int?, _ emit: (String) -> Void) {
        func oneLine(_ row: [String]) -> [String] { row.map(DisplayText.oneLine) }
        var widths = columns.map { DisplayText.columns(DisplayText.oneLine($0)) }
        for index in 0..<count {
            for (i, cell) in oneLine(text(ofRow: index)).enumerated() where i < widths.count {
                widths[i] = max(widths[i], DisplayText.columns(cell))
            }
        }
        if let width { widths = Self.fitted(widths, into: width - 2 * (widths.count - 1)) }
        func line(_ row: [String]) -> String {
            row.enumerated().map { i, cell in
                let shown = width == nil ? cell : DisplayText.cut(cell, to: widths[i])
                return i == row.count - 1 ? shown : DisplayText.padded(shown, to: widths[i])
            }.joined(separator: "  ")
        }
        emit(heading(width: width))
        emit("\n" + line(oneLine(columns)))
        emit("\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for index in 0..<count { emit("\n" + line(oneLine(text(ofRow: index)))) }
    }

    /// The title as the aligned table's first line, cut to `width`.
    func heading(width: Int?) -> String {
        let heading = DisplayText.oneLine(title)
        return width.map { DisplayText.cut(heading, to: $0) } ?? heading
    }

    /// Column widths that fit in `room`: every column wider than a cap is cut to it (the
    /// widest give way first, never below 1), the cap as high as the room allows.
    static func fitted(_ widths: [Int], into room: Int) -> [Int] {
        func total(_ cap: Int) -> Int { widths.reduce(0) { $0 + min($1, cap) } }
        guard total(Int.max) > room else { return widths }
        var (low, high) = (1, widths.max() ?? 1)
        while low < high {
            let cap = (low + high + 1) / 2
            if total(cap) <= room { low = cap } else { high = cap - 1 }
        }
        var spare = room - total(low)
        return widths.map { w in
            guard w > low, spare > 0 else { return min(w, low) }
            spare -= 1
            return low + 1
        }
    }

    /// RFC 4180: a header row, fields quoted when they hold a comma, quote or line break,
    /// and guarded against formula injection (`DisplayText.csvField`).
    public var csv: String { collected(writeCSV) }

    /// ``csv``, a row at a time.
    public func writeCSV(_ emit: (String) -> Void) {
        func line(_ row: [String]) -> String { row.map(DisplayText.csvField).joined(separator: ",") + "\r\n" }
        emit(line(columns))
        for index in 0..<count { emit(line(text(ofRow: index))) }
    }

    /// A GitHub-flavoured Markdown table under a heading; every cell inert text
    /// (`DisplayText.markdown`).
    public var markdown: String { collected(writeMarkdown) }

    /// ``markdown``, a line at a time (without the last line feed), its heading the first
    /// piece.
    public func writeMarkdown(_ emit: (String) -> Void) {
        func line(_ row: [String]) -> String {
            "| " + row.map(DisplayText.markdown).joined(separator: " | ") + " |"
        }
        emit("## \(DisplayText.markdown(title))")
        emit("\n\n" + line(columns) + "\n|" + columns.map { _ in " --- |" }.joined())
        for index in 0..<count { emit("\n" + line(text(ofRow: index))) }
    }
}

/// What writes a report's text, handing it to `emit` in pieces: a large report is
/// written as it is made, never held whole.
public typealias TextWriter = (_ emit: (String) -> Void) -> Void

/// What a writer handed to its `emit`, as one string.
func collected(_ write: TextWriter) -> String {
    var text = ""
    write { text += $0 }
    return text
}

/// How a report prints: aligned tables for a terminal, Markdown for papers, one
/// self-contained HTML page for the web and for print, CSV for spreadsheets, JSON for
/// scripts, an xlsx workbook for a spreadsheet. The names are those of ``OutputFormat``,
/// and `html`.
public enum ReportFormat: String, CaseIterable, Sendable {
    case table, markdown, html, csv, json, xlsx
}
