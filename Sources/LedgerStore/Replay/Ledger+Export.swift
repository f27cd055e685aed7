import Foundation
import GRDB
import LedgerCore

extension Ledger {
    /// Streams the log from `from` to `to` (positions, inclusive) as export lines, one
    /// call of `write` per line, reading in batches so memory stays flat.
    /// - Returns: the number of lines written.
    @discardableResult
    public func export(from: Int64 = 1, to: Int64 = .max, _ write: (String) throws -> Void) throws -> Int {
        var next = max(1, from)
        var count = 0
        while next <= to {
            let batch = try read { db in
                try EventRows.fetch(db, where: "position >= ? AND position <= ?", [next, to], orderBy: "position LIMIT 5000")
            }
            guard let last = batch.last else { break }
            for entry in batch { try write(ExportLine.text(entry)) }
            count += batch.count
            next = last.position + 1
        }
        return count
    }

    /// Calls `emit` with every event from position `from` on, in order and once each,
    /// waiting for new ones as other processes append them, until `emit` returns false.
    ///
    /// It asks the file for new rows every `interval` seconds when there were none last
    /// time, and at once while there are.
    public func follow(from: Int64, interval: Double = 0.25, _ emit: ([LogEntry]) throws -> Bool) throws {
        var next = max(1, from)
        while true {
            let batch = try read { db in
                try EventRows.fetch(db, where: "position >= ?", [next], orderBy: "position LIMIT 1000")
            }
            if let last = batch.last {
                guard try emit(batch) else { return }
                next = last.position + 1
            } else {
                guard try emit([]) else { return }
                Thread.sleep(forTimeInterval: interval)
            }
        }
    }
}
