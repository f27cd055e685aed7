import Foundation
import LedgerCore
import ZIPFoundation

/// An `.xlsx` workbook of tables, for `--format xlsx`: one sheet per table, a frozen
/// header row, typed cells (numbers as numbers, dates and times as spreadsheet dates in
/// the partnership's local wall time, text as text, never a formula).
///
/// The tables are the ones every other format prints (``TextTable``), so the workbook
/// and the CSV agree cell for cell. The same ledger and tables give the same bytes.
public struct XlsxWorkbook: Sendable {
    /// The sheets in order, each named (``XlsxText/sheetNames(_:)``) and holding a table.
    public let sheets: [(name: String, table: TextTable)]
    public let calendar: PartnershipCalendar

    /// One sheet per table, named after its title.
    public init(tables: [TextTable], calendar: PartnershipCalendar) {
        sheets = Array(zip(XlsxText.sheetNames(tables.map(\.title)), tables))
        self.calendar = calendar
    }

    /// A report's tables, after a first sheet that says what the report is: its title
    /// and lines (period, ledger position and digest, zone), then each sheet's full
    /// title and note, which a sheet's short name leaves out.
    public init(report: ReportDocument, calendar: PartnershipCalendar) {
        let tables = report.sections.map(\.table)
        let names = XlsxText.sheetNames(["About this report"] + tables.map(\.title))
        let contents = zip(names.dropFirst(), report.sections).map { name, section in
            [name, section.table.title + (section.note.map { ". \($0)" } ?? "")]
        }
        let about = TextTable(
            title: "About this report", columns: ["sheet", report.title], rows: report.meta.map { ["", $0] } + contents)
        sheets = Array(zip(names, [about] + tables))
        self.calendar = calendar
    }

    /// The workbook's bytes: a zip of its parts, each deflated, all dated 1980-01-01 so
    /// that a workbook depends only on what it holds.
    /// - Throws: ``LedgerCore/LedgerError`` `.invalidInput` when a table has more rows
    ///   than a sheet holds (1,048,575 under the header), naming it.
    public func data() throws -> Data {
        for sheet in sheets where sheet.table.count >= XlsxSheet.rowLimit {
            throw LedgerError(
                .invalidInput,
                "the table '\(sheet.name)' has \(sheet.table.count) rows, more than a spreadsheet sheet holds (\(XlsxSheet.rowLimit - 1)); ask for a shorter window or use --format csv"
            )
        }
        var parts: [(String, String)] = [
            ("[Content_Types].xml", XlsxParts.contentTypes(sheets: sheets.count)),
            ("_rels/.rels", XlsxParts.packageRels),
            ("xl/workbook.xml", XlsxParts.workbook(sheetNames: sheets.map(\.name))),
            ("xl/_rels/workbook.xml.rels", XlsxParts.workbookRels(sheets: sheets.count)),
            ("xl/styles.xml", XlsxParts.styles),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", XlsxSheet(table: sheet.table, calendar: calendar).xml))
        }
        let archive = try Archive(accessMode: .create)
        for (path, text) in parts {
            let bytes = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: Self.partDate,
                compressionMethod: .deflate
            ) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw LedgerError(.invalidInput, "the workbook could not be assembled in memory") }
        return data
    }

    /// The date every part carries: the zip format's first day, at noon, so that no
    /// machine's zone moves it out of range.
    private static let partDate = Date(timeIntervalSince1970: 315_576_000)
}
