import GRDB
import LedgerCore

/// Which events a read wants. Every bound is inclusive.
public struct LogFilter: Sendable, Equatable {
    /// Recorded at or after.
    public var from: Instant?
    /// Recorded at or before.
    public var to: Instant?
    /// Took effect at or before.
    public var effectiveBy: Instant?
    public var actor: ActorID?
    public var partner: PartnerID?
    public var type: String?
    public var stream: StreamID?

    public init(
        from: Instant? = nil, to: Instant? = nil, effectiveBy: Instant? = nil, actor: ActorID? = nil,
        partner: PartnerID? = nil, type: String? = nil, stream: StreamID? = nil
    ) {
        (self.from, self.to, self.effectiveBy, self.actor, self.partner, self.type, self.stream) =
            (from, to, effectiveBy, actor, partner, type, stream)
    }

    var sql: (clause: String, arguments: StatementArguments) {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        func add(_ clause: String, _ value: some DatabaseValueConvertible) {
            clauses.append(clause)
            arguments += [value]
        }
        if let from { add("recorded_at >= ?", from.millisecondsSince1970) }
        if let to { add("recorded_at <= ?", to.millisecondsSince1970) }
        if let effectiveBy { add("effective_at <= ?", effectiveBy.millisecondsSince1970) }
        if let actor { add("actor_id = ?", actor.rawValue) }
        if let partner { add("partner_id = ?", partner.rawValue) }
        if let type { add("type = ?", type) }
        if let stream { add("stream_id = ?", stream.text) }
        return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), arguments)
    }
}

extension Ledger {
    /// The entries matching `filter`, in log order.
    public func entries(_ filter: LogFilter = LogFilter()) throws -> [LogEntry] {
        try read(Self.entries(filter))
    }

    /// ``entries(_:)``, for callers in tasks.
    public func entries(_ filter: LogFilter = LogFilter()) async throws -> [LogEntry] {
        try await read(Self.entries(filter))
    }

    private static func entries(_ filter: LogFilter) -> @Sendable (Database) throws -> [LogEntry] {
        let (clause, arguments) = filter.sql
        return { db in try EventRows.fetch(db, where: clause, arguments) }
    }

    /// The plan as the ledger recorded it up to `asOf` (nil: now), counting only the
    /// changes that took effect by `effective` (nil: all of them).
    ///
    /// Without an effective cut-off it is read from the system-versioned projection
    /// (``VersionedProjection``) through an index, with no fold. With one, or with
    /// `fold: true`, it is folded from position 1, trusting no projection: the same
    /// plan, from the log alone.
    public func state(asOf: Instant? = nil, effective: Instant? = nil, fold: Bool = false) throws -> PlanState {
        try stateAndHead(asOf: asOf, effective: effective, fold: fold).state
    }

    /// The plan as ``state(asOf:effective:fold:)`` gives it and the head of the log as
    /// ``digest(asOf:)-62grc`` gives it, read in one transaction, so that they agree
    /// while other processes append. The head is the last event recorded by `asOf`,
    /// whether or not it had taken effect by `effective`.
    ///
    /// With a `scope`, the plan is narrowed to it (``PlanState/narrowed(to:)``); read
    /// from the versioned rows, only the records the scope index lists under it (and
    /// what they reference) are read.
    public func stateAndHead(asOf: Instant? = nil, effective: Instant? = nil, fold: Bool = false, scope: PlanScope? = nil) throws
        -> (state: PlanState, head: Digest)
    {
        try read(stateAndHead(asOf: asOf, effective: effective, fold: fold, scope: scope))
    }

    /// ``stateAndHead(asOf:effective:fold:scope:)-(Instant?,_,_,_)``, for callers in tasks.
    public func stateAndHead(asOf: Instant? = nil, effective: Instant? = nil, fold: Bool = false, scope: PlanScope? = nil)
        async throws -> (state: PlanState, head: Digest)
    {
        try await read(stateAndHead(asOf: asOf, effective: effective, fold: fold, scope: scope))
    }

    private func stateAndHead(asOf: Instant?, effective: Instant?, fold: Bool, scope: PlanScope?)
        -> @Sendable (Database) throws -> (state: PlanState, head: Digest)
    {
        { [warn] db in
            let head = try Self.head(asOf: asOf)(db)
            if effective == nil, !fold {
                // A file from an earlier release, opened read-only, has no versioned rows
                // yet: its snapshots serve instead.
                if try VersionedProjection.isBuilt(db) {
                    let at = (head.position, head.recordedAt)
                    if let scope { return (try VersionedProjection.state(db, at: at, narrowedTo: scope), head) }
                    return (try VersionedProjection.state(db, at: at), head)
                }
                if var state = try Snapshots.latest(db, atOrBefore: head.position, warn: warn) {
                    try EventRows.fold(db, into: &state, where: "position > ? AND position <= ?", [state.position, head.position])
                    return (scope.map(state.narrowed) ?? state, head)
                }
            }
            let (clause, arguments) = LogFilter(to: asOf, effectiveBy: effective).sql
            var state = PlanState()
            try EventRows.fold(db, into: &state, where: clause, arguments)
            return (scope.map(state.narrowed) ?? state, head)
        }
    }

    /// Whether the record `scope` is named after is in the plan now.
    public func holds(_ scope: PlanScope) throws -> Bool {
        if let held = try read({ db in try VersionedProjection.isBuilt(db) ? VersionedProjection.holds(db, scope) : nil }) { return held }
        return try state().holds(scope)
    }

    /// The head (position, hash, recording time) of the log as recorded up to `asOf`
    /// (nil: now); position 0 before the first event.
    public func digest(asOf: Instant? = nil) throws -> Digest {
        try read(Self.head(asOf: asOf))
    }

    /// ``digest(asOf:)-(Instant?)``, for callers in tasks.
    public func digest(asOf: Instant? = nil) async throws -> Digest {
        try await read(Self.head(asOf: asOf))
    }

    private static func head(asOf: Instant?) -> @Sendable (Database) throws -> Digest {
        { db in
            let head = try EventRows.head(db, asOf: asOf)
            return Digest(position: head.position, hash: head.hash, recordedAt: head.recordedAt)
        }
    }

    public func entries(from: Int64, to: Int64) throws -> [LogEntry] {
        try read(Self.batch(from: from, to: to, limit: nil))
    }

    public func entries(stream: StreamID) throws -> [LogEntry] {
        try entries(LogFilter(stream: stream))
    }

    public func head(asOf: Instant?) throws -> Digest {
        try digest(asOf: asOf)
    }

    public func snapshot(atOrBefore position: Int64) throws -> PlanState? {
        try read { db in try Snapshots.latest(db, atOrBefore: position, warn: warn) }
    }

    /// The number of events in the log.
    public func count() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0 }
    }

    /// How many events a batched read takes at once: enough that the cost of each read
    /// transaction does not count, few enough that memory stays flat at any size.
    public static let readBatchSize = 5_000

    /// Calls `body` with the entries from position `from` to `to` (inclusive), in
    /// order, ``readBatchSize`` at a time, each batch from one read transaction: the
    /// one way export, replay, rebuild and follow read the log. Each batch is checked to
    /// follow on in the chain (no position missing, each event linked to the one before,
    /// each hash that of its contents) before `body` sees it.
    /// - Throws: ``StoreError`` `.unreadable` where a row was removed or altered.
    public func forEachBatch(from: Int64, to: Int64 = .max, _ body: ([LogEntry]) throws -> Void) throws {
        var links = ChainLinks(from: from, prevHash: try read(Self.hash(at: from - 1)))
        while links.next <= to {
            let batch = try read(Self.batch(from: links.next, to: to, limit: Self.readBatchSize))
            if batch.isEmpty { return }
            try links.check(batch)
            try body(batch)
        }
    }

    /// The hash of the event at `position`, if there is one.
    static func hash(at position: Int64) -> @Sendable (Database) throws -> String? {
        { db in try String.fetchOne(db, sql: "SELECT hash FROM events WHERE position = ?", arguments: [position]) }
    }

    /// The entries from `from` to `to`, at most `limit` of them.
    static func batch(from: Int64, to: Int64, limit: Int?) -> @Sendable (Database) throws -> [LogEntry] {
        { db in
            try EventRows.fetch(
                db, where: "position >= ? AND position <= ?", [from, to], orderBy: limit.map { "position LIMIT \($0)" } ?? "position")
        }
    }

    public func readingTree<T>(_ body: (any MerkleNodeSource) throws -> T) throws -> T {
        try read { db in try body(MerkleRows.complete(db, path: path)) }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try Ledger.translatingErrors(path) { try database.read(body) }
    }

    /// ``read(_:)``, waiting for a reader without blocking a thread.
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        do { return try await database.read(body) } catch let error as DatabaseError {
            throw StoreError.translating(error, path: path)
        }
    }
}
