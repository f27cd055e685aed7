import Foundation

/// How a read command prints: a table for people, JSON for scripts, CSV for
/// spreadsheets, Markdown for papers to the board, an xlsx workbook (to a file) for a
/// spreadsheet with typed cells.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, json, csv, markdown, xlsx
}

/// Rows of cells under named columns: what every non-JSON format prints.
public struct TextTable: Sendable, Equatable {
    public var title: String
    public var columns: [String]
    /// Each cell's text and typed value (``Cell``).
    public var cells: [[Cell]]

    /// The cells' text, as the text formats print it.
    public var rows: [[String]] { cells.map { $0.map(\.text) } }

    /// A table of text cells.
    public init(title: String, columns: [String], rows: [[String]]) {
        self.init(title: title, columns: columns, cells: rows.map { $0.map(Cell.text) })
    }

    public init(title: String, columns: [String], cells: [[Cell]]) {
        (self.title, self.columns, self.cells) = (title, columns, cells)
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
    public func aligned(width: Int?) -> String {
        let cells = [columns.map(DisplayText.oneLine)] + rows.map { $0.map(DisplayText.oneLine) }
        var widths = columns.indices.map { i in cells.map { DisplayText.columns($0[i]) }.max() ?? 0 }
        if let width { widths = Self.fitted(widths, into: width - 2 * (widths.count - 1)) }
        func line(_ row: [String]) -> String {
            row.enumerated().map { i, cell in
                let shown = width == nil ? cell : DisplayText.cut(cell, to: widths[i])
                return i == row.count - 1 ? shown : DisplayText.padded(shown, to: widths[i])
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        let heading = DisplayText.oneLine(title)
        return ([width.map { DisplayText.cut(heading, to: $0) } ?? heading, line(cells[0]), rule] + cells.dropFirst().map(line))
            .joined(separator: "\n")
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
    public var csv: String {
        ([columns] + rows).map { $0.map(DisplayText.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A GitHub-flavoured Markdown table under a heading; every cell inert text
    /// (`DisplayText.markdown`).
    public var markdown: String {
        func line(_ row: [String]) -> String {
            "| " + row.map(DisplayText.markdown).joined(separator: " | ") + " |"
        }
        let header = [line(columns), "|" + columns.map { _ in " --- |" }.joined()]
        return (["## \(DisplayText.markdown(title))", ""] + header + rows.map(line)).joined(separator: "\n")
    }
}

/// How a report prints: aligned tables for a terminal, Markdown for papers, one
/// self-contained HTML page for the web and for print, CSV for spreadsheets, JSON for
/// scripts, an xlsx workbook for a spreadsheet. The names are those of ``OutputFormat``,
/// and `html`.
public enum ReportFormat: String, CaseIterable, Sendable {
    case table, markdown, html, csv, json, xlsx
}
