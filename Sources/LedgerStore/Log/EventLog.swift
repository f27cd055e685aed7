import LedgerCore

/// What a log of events does, whatever holds it: the seam between the domain and
/// storage.
///
/// The SQLite ``Ledger`` and the in-memory log of the tests pass one contract suite
/// (`EventLogContractTests`); another backend is trusted when it passes it too.
public protocol EventLog: Sendable {
    /// Appends `events` after the head, all or none: each gets the next position, the
    /// next version of its stream, the log's recording time and its place in the hash
    /// chain. An event whose id is already in the log is skipped when it is the same
    /// event, and refuses the whole batch when it is not.
    /// - Parameter expectVersion: the version a stream must be at, or the batch is
    ///   refused naming the version it is at.
    /// - Throws: ``StoreError`` `.conflict` or `.eventIDReused`, ``LedgerError`` for an
    ///   effective time after the recording time or a clock far behind; nothing is
    ///   appended.
    @discardableResult
    func append(_ events: [PendingEvent], expectVersion: (stream: StreamID, version: Int)?) throws -> [LogEntry]

    /// The entries at positions `from` to `to`, both inclusive, in order.
    func entries(from: Int64, to: Int64) throws -> [LogEntry]

    /// The entries of one stream, in order.
    func entries(stream: StreamID) throws -> [LogEntry]

    /// The head (last position, its hash and recording time) as recorded up to `asOf`
    /// (nil: now); position 0 and 64 zeros before the first event.
    func head(asOf: Instant?) throws -> Digest
}

extension Ledger: EventLog {
    public func entries(from: Int64, to: Int64) throws -> [LogEntry] {
        try read { db in try EventRows.fetch(db, where: "position >= ? AND position <= ?", [from, to]) }
    }

    public func entries(stream: StreamID) throws -> [LogEntry] {
        try entries(LogFilter(stream: stream))
    }

    public func head(asOf: Instant?) throws -> Digest {
        try digest(asOf: asOf)
    }
}
