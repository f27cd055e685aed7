import GRDB
import LedgerCore

/// The SQLite ledger as an ``EventLog``: a write is one `BEGIN IMMEDIATE` transaction,
/// so that writers in other processes queue behind it, and the projection and
/// snapshots change in the same transaction as the events.
extension Ledger: EventLog {
    public var readsWholePlan: Bool { keepsPlanInMemory }

    /// Runs `body` in one immediate transaction, lending it the plan this process
    /// keeps, and keeps the plan it leaves only if the transaction commits.
    ///
    /// The plan is taken out of the cache meanwhile, so that applying events changes it
    /// in place instead of copying it; after a failure it is read again from the latest
    /// snapshot on the next write.
    public func writing<T>(_ body: (inout Writer) throws -> T) throws -> T {
        let (result, kept) = try transaction { db in try write(db, body) }
        keep(kept)
        return result
    }

    /// ``writing(_:)-(_)``, waiting for the writer without blocking a thread.
    public func writing<T: Sendable>(_ body: @Sendable (inout Writer) throws -> T) async throws -> T {
        let (result, kept) = try await transaction { db in try write(db, body) }
        keep(kept)
        return result
    }

    /// ``EventLog/execute(_:by:effective:expectVersion:acceptClockBehind:credential:)``,
    /// for callers in tasks: it waits for the writer without blocking a thread.
    /// - Parameter ids: where this write's event ids come from, instead of the
    ///   ledger's: a server derives them from the request's `Idempotency-Key`, so that
    ///   a retried request is recognised.
    @discardableResult
    public func execute(
        _ command: Command, by actor: ActorID, effective: Instant? = nil, expectVersion: Int? = nil, acceptClockBehind: Bool = false,
        credential: TokenID? = nil, ids: EventIDGenerator? = nil
    ) async throws -> [LogEntry] {
        let write = Write(
            command: command, actor: actor, effective: effective, expectVersion: expectVersion, acceptClockBehind: acceptClockBehind,
            credential: credential, ids: ids)
        return try await writing { writer in try run(write, in: &writer) }
    }

    /// The entry with this event id, if the log has one.
    public func entry(eventID: String) async throws -> LogEntry? {
        try await read { db in try EventRows.entry(db, eventID: eventID) }
    }

    /// Runs `body` with a writer on `db`, and returns what it returns with the plan it
    /// leaves to keep.
    private func write<T>(_ db: Database, _ body: (inout Writer) throws -> T) throws -> (T, PlanState?) {
        var writer = Writer(ledger: self, db: db, cached: keepsPlanInMemory ? cache.withLock { $0.take() } : nil)
        let result = try body(&writer)
        return (result, writer.kept.take())
    }

    private func keep(_ plan: consuming PlanState?) {
        if keepsPlanInMemory { cache.withLock { $0 = plan } }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction, so that writers in other
    /// processes queue behind it, once the file's protection and the absence of an
    /// unfinished import are checked.
    func transaction<T>(_ body: (Database) throws -> T) throws -> T {
        try Ledger.translatingErrors(path) { try database.writeWithoutTransaction { db in try immediate(db, body) } }
    }

    /// ``transaction(_:)``, waiting for the writer without blocking a thread.
    func transaction<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        do { return try await database.writeWithoutTransaction { db in try immediate(db, body) } } catch let error as DatabaseError {
            throw StoreError.translating(error, path: path)
        }
    }

    private func immediate<T>(_ db: Database, _ body: (Database) throws -> T) throws -> T {
        var result: T?
        try db.inTransaction(.immediate) {
            try Protection.require(db, path: path)
            try ImportMark.requireNone(db, path: path)
            result = try body(db)
            return .commit
        }
        return result!
    }

    /// One write transaction on the ledger file.
    public struct Writer: EventLogWriter {
        let ledger: Ledger
        let db: Database
        /// The plan the process kept from its last write, if any; taken by the first
        /// ``wholePlan()``.
        var cached: PlanState?
        /// The plan to keep for the next write.
        var kept: PlanState?

        init(ledger: Ledger, db: Database, cached: PlanState?) {
            (self.ledger, self.db, self.cached) = (ledger, db, cached)
        }

        public mutating func wholePlan() throws -> PlanState {
            var plan = try cached.take() ?? EventRows.wholeState(db, warn: ledger.warn)
            // Other processes may have written since this one last did.
            try EventRows.fold(db, into: &plan, where: "position > ?", [plan.position])
            return plan
        }

        public func plan(actions: [ActionID], effectiveBy: Instant?) throws -> PlanState {
            try EventRows.scopedState(db, actions: actions, effectiveBy: effectiveBy)
        }

        public func head() throws -> Digest {
            let head = try EventRows.head(db)
            return Digest(position: head.position, hash: head.hash, recordedAt: head.recordedAt)
        }

        public func entry(eventID: String) throws -> LogEntry? { try EventRows.entry(db, eventID: eventID) }

        public func streamVersion(_ stream: StreamID) throws -> Int { try EventRows.streamVersion(db, stream) }

        public func events(of stream: StreamID, effectiveAfter instant: Instant) throws -> [RecordedEvent] {
            try EventRows.fetch(
                db, where: "stream_id = ? AND effective_at > ?", [stream.text, instant.millisecondsSince1970],
                orderBy: "effective_at, position"
            ).map(\.recorded)
        }

        /// Inserts the rows with the versions of the records each changed, then brings the
        /// projection's touched rows up to date and
        /// writes a snapshot when the log crosses a multiple of the snapshot interval
        /// (reading the whole plan first when `plan` is only part of it).
        public mutating func store(_ entries: [LogEntry], applyingTo plan: inout PlanState, wholePlan: Bool) throws {
            guard !entries.isEmpty else { return }
            let before = plan.position
            let touched = Projection.touched(by: entries.lazy.map(\.recorded.event), in: plan)
            for entry in entries {
                try EventRows.insert(db, entry)
                try VersionedProjection.apply(entry.recorded, to: &plan, db)
            }
            try MerkleRows.extend(db)
            try Projection.update(db, touched, to: plan)
            if Snapshots.due(from: before, to: plan.position, interval: ledger.snapshotInterval) {
                try Snapshots.write(db, wholePlan ? plan : EventRows.wholeState(db, warn: ledger.warn))
            }
        }

        public mutating func keep(_ plan: consuming PlanState) { kept = plan }

        public func tree() throws -> any MerkleNodeSource { try MerkleRows.complete(db, path: ledger.path) }
    }
}
