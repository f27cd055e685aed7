import CanonicalJSON
import LedgerAudit
import LedgerCore

/// Prints a read command's result in the chosen format.
///
/// Only the chosen format is built: for a large plan, building the others cost as much
/// as the query.
/// - Parameter csv: the one table CSV prints (a CSV file holds one table).
func render(
    _ format: OutputFormat, json: @autoclosure () -> JSONValue, tables: @autoclosure () -> [TextTable],
    csv: @autoclosure () -> TextTable? = nil
) {
    switch format {
    case .json:
        json().writePretty { print($0, terminator: "") }
        print()
    case .table: print(tables().map(\.aligned).joined(separator: "\n\n"))
    case .markdown: print(tables().map(\.markdown).joined(separator: "\n\n"))
    case .csv: print((csv() ?? tables()[0]).csv, terminator: "")
    }
}
