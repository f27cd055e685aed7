import LedgerCore

/// What a log of events does, whatever holds it: the seam between the domain and
/// storage.
///
/// A log keeps its entries and runs writes one at a time; everything a write does with
/// them (deciding a command against the plan, chaining hashes, refusing a conflict) is
/// written once, in ``EventLog/execute(_:by:effective:expectVersion:acceptClockBehind:credential:)``
/// and ``EventLog/append(_:expectVersion:)``, over the ``EventLogWriter`` a log lends
/// for the length of one write.
///
/// The SQLite ``Ledger`` and the in-memory log of the tests pass one contract suite
/// (`EventLogContractTests`); another backend is trusted when it passes it too.
public protocol EventLog: Sendable {
    /// One write transaction on this log.
    associatedtype Writer: EventLogWriter

    /// Where recording times come from.
    var clock: LedgerClock { get }
    /// Where the ids of new events come from.
    var ids: EventIDGenerator { get }
    /// Whether a write reads the whole plan. A log that writes once per process reads
    /// only what the command's decision needs (`Command.actionsRead(referenced:)` in LedgerCore),
    /// which gives the same events at a cost that does not grow with the plan.
    var readsWholePlan: Bool { get }

    /// Runs `body` as one write: after every other write to the log (in any process),
    /// keeping all it stored when it returns and nothing when it throws.
    func writing<T>(_ body: (inout Writer) throws -> T) throws -> T

    /// The entries at positions `from` to `to`, both inclusive, in order.
    func entries(from: Int64, to: Int64) throws -> [LogEntry]

    /// The entries of one stream, in order.
    func entries(stream: StreamID) throws -> [LogEntry]

    /// The head (last position, its hash and recording time) as recorded up to `asOf`
    /// (nil: now); position 0 and 64 zeros before the first event.
    func head(asOf: Instant?) throws -> Digest

    /// The plan folded up to the newest snapshot at or before `position`, once checked
    /// against the log; nil when there is none.
    func snapshot(atOrBefore position: Int64) throws -> PlanState?
}

/// What one write may read and store, inside its transaction. Reads see what the
/// write has stored so far.
public protocol EventLogWriter {
    /// The whole plan at the head.
    mutating func wholePlan() throws -> PlanState

    /// The plan's records that are not actions, and of its actions only `actions`, as
    /// the log stands, or as it stood at the effective time `effectiveBy`. Action
    /// events change only their own action, and the other events no action, so this
    /// part of the fold equals the same part of the whole fold.
    func plan(actions: [ActionID], effectiveBy: Instant?) throws -> PlanState

    /// The last position and its hash; position 0 and ``HashChain/genesis`` for none.
    func head() throws -> Digest

    /// The entry with this event id, if the log has one.
    func entry(eventID: String) throws -> LogEntry?

    /// How many events `stream` holds.
    func streamVersion(_ stream: StreamID) throws -> Int

    /// The events of `stream` that take effect after `instant`, in fold order
    /// (effective time, then position).
    func events(of stream: StreamID, effectiveAfter instant: Instant) throws -> [RecordedEvent]

    /// Stores `entries`, chained after the head, and applies them to `plan`, with
    /// whatever the log derives from the plan (projection, snapshots). `wholePlan`
    /// says whether `plan` is the whole plan or only part of it.
    mutating func store(_ entries: [LogEntry], applyingTo plan: inout PlanState, wholePlan: Bool) throws

    /// Keeps `plan`, the whole plan after this write, for the next write, if the log
    /// keeps one; it is used only if this write is kept.
    mutating func keep(_ plan: consuming PlanState)
}
