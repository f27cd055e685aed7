import GRDB
import LedgerCore

/// One row of the log with its event decoded (or why it cannot be) and, for an event
/// read, its ``LogCheck/Form``: what full `verify` works out a batch ahead on a second
/// thread (``RowsAhead``) and then judges in log order.
struct DecodedRow {
    let row: Row
    let entry: Result<LogEntry, any Error>
    let form: LogCheck.Form?

    init(_ row: Row) {
        self.row = row
        entry = Result { try EventRows.entry(row) }
        form = try? LogCheck.Form(entry.get())
    }
}
