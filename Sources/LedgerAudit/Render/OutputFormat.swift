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
    public var aligned: String {
        let cells = [columns.map(DisplayText.oneLine)] + rows.map { $0.map(DisplayText.oneLine) }
        let widths = columns.indices.map { i in cells.map { $0[i].count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([DisplayText.oneLine(title), line(cells[0]), rule] + cells.dropFirst().map(line)).joined(separator: "\n")
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
