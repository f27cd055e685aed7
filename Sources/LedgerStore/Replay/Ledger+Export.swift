import GRDB
import LedgerCore

extension Ledger {
    /// Streams the log from `from` to `to` (positions, inclusive) as export lines, one
    /// call of `write` per line, reading in batches so memory stays flat.
    /// - Parameters:
    ///   - from: the first position.
    ///   - to: the last position (past the head: up to the head).
    ///   - progress: called with the lines written so far and the number to write (as the
    ///     log stood when the export began), after each batch.
    ///   - write: called with each line, without its line feed.
    /// - Returns: the number of lines written.
    @discardableResult
    public func export(
        from: Int64 = 1, to: Int64 = .max, progress: (Int64, Int64) -> Void = { _, _ in }, _ write: (String) throws -> Void
    ) throws -> Int {
        let total = max(0, min(to, try digest().position) - from + 1)
        var count = 0
        progress(0, total)
        try forEachBatch(from: from, to: to) { batch in
            for entry in batch { try write(ExportLine.text(entry)) }
            count += batch.count
            progress(Int64(count), max(total, Int64(count)))
        }
        return count
    }

    /// Every event from position `from` on, in order and once each, in batches, waiting
    /// for new ones as other processes append them: a sequence that ends only when the
    /// task reading it is cancelled.
    ///
    /// It asks the file for new rows every `interval` when there were none last time,
    /// and at once while there are.
    public func follow(from: Int64, interval: Duration = .milliseconds(250)) -> Following {
        Following(ledger: self, from: max(1, from), interval: interval)
    }

    /// The events of a log as they are appended; see ``Ledger/follow(from:interval:)``.
    public struct Following: AsyncSequence, Sendable {
        public typealias Element = [LogEntry]
        let ledger: Ledger
        let from: Int64
        let interval: Duration

        public func makeAsyncIterator() -> Iterator { Iterator(ledger: ledger, from: from, interval: interval) }

        public struct Iterator: AsyncIteratorProtocol {
            let ledger: Ledger
            let from: Int64
            let interval: Duration
            /// Where the chain stands; read on the first call.
            var links: ChainLinks?

            init(ledger: Ledger, from: Int64, interval: Duration) {
                (self.ledger, self.from, self.interval) = (ledger, from, interval)
            }

            /// The next batch of events, checked to follow on in the chain, waiting
            /// until there is one.
            /// - Throws: `CancellationError` when the task is cancelled while waiting,
            ///   ``StoreError`` when the file cannot be read or a row was removed or
            ///   altered.
            public mutating func next() async throws -> [LogEntry]? {
                var links: ChainLinks
                if let known = self.links {
                    links = known
                } else {
                    links = ChainLinks(from: from, prevHash: try await ledger.read(Ledger.hash(at: from - 1)))
                }
                while true {
                    let batch = try await ledger.read(Ledger.batch(from: links.next, to: .max, limit: Ledger.readBatchSize))
                    if !batch.isEmpty {
                        try links.check(batch)
                        self.links = links
                        return batch
                    }
                    try await Task.sleep(for: interval)
                }
            }
        }
    }
}
