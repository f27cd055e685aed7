import GRDB
import LedgerCore

/// The rows of a log cursor with their events decoded and their ``LogCheck/Form`` worked
/// out a batch ahead on a second thread (``ReadAhead``), for full `verify` to judge in
/// log order.
struct DecodedRows {
    /// One row, its event (or why it cannot be read) and, for an event read, its form.
    struct Decoded {
        let row: Row
        let entry: Result<LogEntry, any Error>
        let form: LogCheck.Form?

        init(_ row: Row) {
            self.row = row
            entry = Result { try EventRows.entry(row) }
            form = try? LogCheck.Form(entry.get())
        }
    }

    static var batchSize: Int { ReadAhead<Row, Decoded>.batchSize }

    private let cursor: RowCursor
    private var ahead = ReadAhead<Row, Decoded>(Decoded.init)
    private var ready: [Decoded] = []
    private var index = 0
    private var ended = false

    init(_ cursor: RowCursor) { self.cursor = cursor }

    /// The next row, decoded; nil after the last.
    mutating func next() throws -> Decoded? {
        while index == ready.count {
            if ended { return nil }
            (ready, index) = ([], 0)
            while ready.isEmpty {
                // Rows are copied: the cursor's own row changes as it moves.
                guard let row = try cursor.next() else {
                    (ready, ended) = (ahead.finish(), true)
                    break
                }
                ready = ahead.add(row.copy())
            }
        }
        defer { index += 1 }
        return ready[index]
    }
}
