import Dispatch
import GRDB
import LedgerCore

/// The rows of a log cursor with their events decoded and their ``LogCheck/Form``
/// worked out on a second thread, one batch ahead of the walk that checks them in order.
///
/// Full `verify` spends about half its time on what each row shows alone: parsing the
/// payload, re-encoding it to prove it exact, hashing the envelope. None of that depends
/// on the rows before, so it runs on another core while the walk checks the batch before
/// against the plan (the rules, the fold, the versioned rows), which must go in order.
/// The walk still judges every row in log order, so the first failure it names is the
/// one a walk on one thread names.
struct DecodedRows {
    /// One row, its event (or why it cannot be read) and, for an event read, its form.
    struct Decoded {
        let row: Row
        let entry: Result<LogEntry, any Error>
        let form: LogCheck.Form?
    }

    /// Rows per batch: enough that handing a batch over costs little beside decoding
    /// it, few enough that two batches of large payloads stay small in memory.
    static let batchSize = 256

    private let cursor: RowCursor
    private var current: [Decoded] = []
    private var index = 0
    private var ahead: Batch?

    /// Starts decoding the cursor's first batch.
    init(_ cursor: RowCursor) throws {
        self.cursor = cursor
        ahead = try readBatch()
    }

    /// The next row, decoded; nil after the last.
    mutating func next() throws -> Decoded? {
        if index == current.count {
            guard let batch = ahead else { return nil }
            current = batch.wait()
            index = 0
            ahead = try readBatch()
            if current.isEmpty { return nil }
        }
        defer { index += 1 }
        return current[index]
    }

    /// Copies up to ``batchSize`` rows from the cursor and starts decoding them on
    /// another thread; nil when the cursor is at its end.
    private func readBatch() throws -> Batch? {
        var rows: [Row] = []
        rows.reserveCapacity(Self.batchSize)
        while rows.count < Self.batchSize, let row = try cursor.next() { rows.append(row.copy()) }
        guard !rows.isEmpty else { return nil }
        let batch = Batch(rows)
        DispatchQueue.global(qos: .userInitiated).async { batch.decode() }
        return batch
    }

    /// One batch on its way through the other thread.
    ///
    /// Unchecked, because GRDB marks every `Row` as not sendable: a cursor's row changes
    /// as the cursor moves. These are copies, which never change, and the walk reads
    /// them and `decoded` only after ``wait()``, once the decoding thread has finished
    /// with them.
    private final class Batch: @unchecked Sendable {
        private let rows: [Row]
        private var decoded: [Decoded] = []
        private let done = DispatchSemaphore(value: 0)

        init(_ rows: [Row]) { self.rows = rows }

        func decode() {
            decoded = rows.map { row in
                let entry = Result { try EventRows.entry(row) }
                return Decoded(row: row, entry: entry, form: try? LogCheck.Form(entry.get()))
            }
            done.signal()
        }

        func wait() -> [Decoded] {
            done.wait()
            return decoded
        }
    }
}
