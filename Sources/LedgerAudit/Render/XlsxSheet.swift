import Foundation
import LedgerCore

/// One table as a SpreadsheetML worksheet: its columns in a bold, frozen header row,
/// then one row per table row, each cell typed (``TextTable/Cell``).
///
/// Text is an inline string, which a spreadsheet never evaluates, so a note that begins
/// with `=` stays a note (no leading `'` is needed, unlike CSV). Instants are date
/// serials of the partnership's local wall time, and the header of a column that holds
/// them names the zone: `recordedAt (Europe/London)`.
struct XlsxSheet {
    let table: TextTable
    let calendar: PartnershipCalendar

    /// The style indices of `XlsxParts.styles`.
    enum Style: Int {
        case plain = 0, header, dateTime, date, percent, wrapped
    }

    /// The most rows a sheet holds, its header included.
    static let rowLimit = 1_048_576

    /// The worksheet part's XML.
    var xml: String {
        let zone = calendar.timeZone.identifier
        // Made once: a table's rows are made each time they are read.
        let cells = table.cells
        let hasInstants = table.columns.indices.map { column in
            cells.contains { row in column < row.count && { if case .instant = row[column].value { true } else { false } }() }
        }
        let header = table.columns.enumerated().map { $0.element + (hasInstants[$0.offset] ? " (\(zone))" : "") }
        let last = XlsxText.column(max(table.columns.count, 1) - 1) + String(cells.count + 1)
        var out = XlsxParts.declaration
        out += "<worksheet xmlns=\"\(XlsxParts.mainNamespace)\"><dimension ref=\"A1:\(last)\"/>"
        out +=
            "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        out += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        out += "<sheetFormatPr defaultRowHeight=\"15\"/><cols>"
        for (index, width) in widths(header, cells).enumerated() {
            out += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
        }
        out += "</cols><sheetData><row r=\"1\">"
        for (index, name) in header.enumerated() { out += text(name, at: "\(XlsxText.column(index))1", style: .header) }
        out += "</row>"
        for (rowIndex, row) in cells.enumerated() {
            let number = rowIndex + 2
            out += "<row r=\"\(number)\">"
            for (index, cell) in row.enumerated() { out += xml(cell, at: XlsxText.column(index) + String(number)) }
            out += "</row>"
        }
        return out + "</sheetData></worksheet>"
    }

    /// One typed cell; nothing for empty text.
    private func xml(_ cell: TextTable.Cell, at reference: String) -> String {
        switch cell.value {
        case .text: return cell.text.isEmpty ? "" : text(cell.text, at: reference, style: cell.text.contains("\n") ? .wrapped : .plain)
        case .integer(let n):
            // A spreadsheet's numbers are doubles: a larger integer would lose digits, so it stays text.
            guard n.magnitude <= 1 << 53 else { return text(cell.text, at: reference, style: .plain) }
            return "<c r=\"\(reference)\"><v>\(n)</v></c>"
        case .percent(let n): return "<c r=\"\(reference)\" s=\"\(Style.percent.rawValue)\"><v>\(n)</v></c>"
        case .boolean(let b): return "<c r=\"\(reference)\" t=\"b\"><v>\(b ? 1 : 0)</v></c>"
        case .instant(let instant):
            let local = XlsxText.localMilliseconds(instant, in: calendar)
            guard let serial = XlsxText.serial(localMilliseconds: local) else { return text(cell.text, at: reference, style: .plain) }
            // A time at local midnight is a day given without a time (`--effective 2022-09-30`): shown as the date alone.
            let style: Style = local % 86_400_000 == 0 ? .date : .dateTime
            return "<c r=\"\(reference)\" s=\"\(style.rawValue)\"><v>\(serial)</v></c>"
        case .date(let date):
            guard let serial = XlsxText.serial(localMilliseconds: date.daysSince1970 * 86_400_000) else {
                return text(cell.text, at: reference, style: .plain)
            }
            return "<c r=\"\(reference)\" s=\"\(Style.date.rawValue)\"><v>\(Int64(serial))</v></c>"
        }
    }

    /// An inline-string cell: text that is never a formula.
    private func text(_ text: String, at reference: String, style: Style) -> String {
        let s = style == .plain ? "" : " s=\"\(style.rawValue)\""
        return
            "<c r=\"\(reference)\" t=\"inlineStr\"\(s)><is><t xml:space=\"preserve\">\(XlsxText.escaped(XlsxText.shown(text)))</t></is></c>"
    }

    /// Column widths in characters: wide enough for the header and the longest line of
    /// any cell, between 8 and 60.
    private func widths(_ header: [String], _ cells: [[TextTable.Cell]]) -> [Int] {
        header.indices.map { column in
            var widest = header[column].count
            for row in cells where column < row.count {
                let cell = row[column]
                let length: Int =
                    switch cell.value {
                    case .instant: 19
                    case .date: 10
                    default: cell.text.split(separator: "\n").map(\.count).max() ?? 0
                    }
                widest = max(widest, length)
            }
            return min(max(widest + 2, 8), 60)
        }
    }
}
