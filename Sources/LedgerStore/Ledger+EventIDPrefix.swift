import GRDB
import LedgerCore

extension Ledger {
    /// The ids of up to `limit` events whose id starts with `prefix`, in id order: what
    /// a short event id (the first 8 characters, as `history` shows it) may stand for.
    ///
    /// A range of the event-id index, so a log of any length answers at once.
    /// - Throws: ``StoreError`` when the file cannot be read.
    public func eventIDs(startingWith prefix: String, limit: Int) throws -> [String] {
        guard let last = prefix.unicodeScalars.last, let next = Unicode.Scalar(last.value + 1) else { return [] }
        let upper = String(prefix.unicodeScalars.dropLast()) + String(next)
        return try read { db in
            try String.fetchAll(
                db, sql: "SELECT event_id FROM events WHERE event_id >= ? AND event_id < ? ORDER BY event_id LIMIT ?",
                arguments: [prefix, upper, limit])
        }
    }
}
