import CanonicalJSON
import LedgerAudit
import LedgerCore

extension FormatOptions {
    /// Prints a read command's result in the chosen format, to standard output or to
    /// the `--output` file.
    ///
    /// Only the chosen format is built: for a large plan, building the others cost as much
    /// as the query.
    /// - Parameters:
    ///   - command: the command's name, as a refusal of an existing output file says it.
    ///   - width: the width the table format is cut to (``WidthOptions``); nil: nothing cut.
    ///   - header: the line the table format starts with (``ReadHeader``).
    ///   - calendar: the partnership's, in whose local time a workbook writes instants.
    ///   - csv: the one table CSV prints (a CSV file holds one table).
    func render(
        by command: String, width: Int? = nil, header: @autoclosure () throws -> ReadHeader? = nil, calendar: PartnershipCalendar,
        json: @autoclosure () -> any PrettyWritable, tables: @autoclosure () throws -> [TextTable],
        csv: @autoclosure () throws -> TextTable? = nil
    ) throws {
        try file.write(by: command) { out in
            switch format {
            case .json:
                try out.json(json())
            case .table:
                if let header = try header() { try out.write(header.line + "\n") }
                try out.write(tables().map { $0.aligned(width: width) }.joined(separator: "\n\n"))
            case .markdown: try out.write(tables().map(\.markdown).joined(separator: "\n\n"))
            case .csv: try out.text((csv() ?? tables()[0]).csv)
            case .xlsx: try file.writeWorkbook(to: out) { XlsxWorkbook(tables: try tables(), calendar: calendar) }
            }
        }
    }
}

extension LineWriter {
    /// Writes `value` as indented JSON and a line feed, in pieces, so a large document
    /// is never held twice.
    func json(_ value: any PrettyWritable) throws {
        try pieces(value.writePretty)
        try write("")
    }

    /// Writes what `write` hands over, piece by piece; the first failure to write stops
    /// the writing and is thrown.
    func pieces(_ write: TextWriter) throws {
        var failure: (any Error)?
        write { piece in
            guard failure == nil else { return }
            do { try text(piece) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}
