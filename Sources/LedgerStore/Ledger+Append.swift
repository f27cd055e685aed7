import GRDB
import LedgerCore

/// An event ready to append: everything but its position, stream version, recording
/// time and hashes, which the ledger assigns.
public struct PendingEvent: Sendable, Equatable {
    public var eventID: String
    public var event: Event
    public var actor: ActorID
    public var partner: PartnerID
    public var effectiveAt: Instant

    public init(eventID: String, event: Event, actor: ActorID, partner: PartnerID, effectiveAt: Instant) {
        self.eventID = eventID
        self.event = event
        self.actor = actor
        self.partner = partner
        self.effectiveAt = effectiveAt
    }
}

extension PendingEvent {
    /// Checks that `existing`, already in the log under this event's id, is this event,
    /// so that appending it again is a retry that appends nothing.
    /// - Throws: ``StoreError`` `.eventIDReused` when it is another event.
    public func checkRetry(of existing: LogEntry, payload: String) throws {
        guard existing.type == event.typeName, existing.schemaVersion == event.schemaVersion, existing.payload == payload,
            existing.streamID == event.streamID, existing.recorded.actor == actor, existing.recorded.partner == partner,
            existing.recorded.effectiveAt == effectiveAt
        else {
            throw StoreError(
                .eventIDReused,
                "event id \(eventID) is already in the log (position \(existing.position)) for a different event; use a new id")
        }
    }

    /// - Throws: ``LedgerError`` `.invalidInput` when the event would take effect after
    ///   `recordedAt`.
    public func checkEffective(recordedAt: Instant) throws(LedgerError) {
        guard effectiveAt <= recordedAt else {
            throw LedgerError(
                .invalidInput,
                "the effective time \(effectiveAt) is later than the recording time \(recordedAt); a change cannot take effect in the future"
            )
        }
    }
}

extension Ledger {
    /// Decides `command` for `actor` and appends its events, all or none.
    ///
    /// - Parameters:
    ///   - effective: when the change took effect; nil for "when recorded".
    ///   - expectVersion: the version of the command's stream the writer last saw.
    ///   - acceptClockBehind: a coordinator accepts that this machine's clock is more
    ///     than 10 minutes behind the ledger's last recording time; the write is then
    ///     stamped with that time and a ``ClockBehindAccepted`` event records both.
    /// - Returns: the appended entries (none for a plan import that changes nothing).
    /// - Throws: ``LedgerError`` when the command is refused, ``StoreError`` for a
    ///   version conflict or a storage failure. Nothing is written either way.
    @discardableResult
    public func execute(
        _ command: Command, by actor: ActorID, effective: Instant? = nil, expectVersion: Int? = nil, acceptClockBehind: Bool = false
    ) throws -> [LogEntry] {
        let write = Write(
            command: command, actor: actor, effective: effective, expectVersion: expectVersion, acceptClockBehind: acceptClockBehind)
        func referenced(_ db: Database) throws -> RecordedEvent? {
            try command.referencedEventID.flatMap { id in try EventRows.entry(db, eventID: id)?.recorded }
        }
        if keepsPlanInMemory {
            return try self.write { db, state in try decide(write, referenced(db), db, &state, whole: true) }
        }
        // One command per process: read only what the decision needs, not the whole plan.
        return try transaction { db in
            let referenced = try referenced(db)
            guard let actions = command.actionsRead(referenced: referenced) else {
                var state = try EventRows.wholeState(db, warn: warn)
                return try decide(write, referenced, db, &state, whole: true)
            }
            var state = try EventRows.scopedState(db, actions: actions)
            return try decide(write, referenced, db, &state, whole: false)
        }
    }

    /// One write as asked for.
    private struct Write {
        var command: Command
        var actor: ActorID
        var effective: Instant?
        var expectVersion: Int?
        var acceptClockBehind: Bool
    }

    /// Decides `command` against `state` and inserts its events; `referenced` is the
    /// event a correction names, and `whole` says whether `state` is the whole plan or
    /// only what the command reads.
    ///
    /// The events the ledger itself adds go first, in the same transaction: a
    /// ``RulesAdopted`` on the first write of a release with newer rules, and a
    /// ``ClockBehindAccepted`` when a coordinator accepts a clock far behind.
    private func decide(_ write: Write, _ referenced: RecordedEvent?, _ db: Database, _ state: inout PlanState, whole: Bool) throws
        -> [LogEntry]
    {
        let (command, actor, expectVersion) = (write.command, write.actor, write.expectVersion)
        let clockAt = clock.now
        let recordedAt = try RecordingTime.stamp(clock: clockAt, last: state.lastRecordedAt, accepted: write.acceptClockBehind)
        let effectiveAt = write.effective ?? recordedAt
        let targetStream = command.targetStream ?? referenced?.event.streamID
        if let expectVersion {
            guard let stream = targetStream else {
                throw LedgerError(
                    .invalidInput, "an expected version does not apply to \(command.verb), which writes to many streams",
                    hint: .expectedVersion)
            }
            let current = try EventRows.streamVersion(db, stream)
            guard current == expectVersion else {
                throw StoreError(
                    .conflict,
                    "\(stream) is at version \(current), not \(expectVersion) as expected; someone changed it since you read it: read it again and retry"
                )
            }
        }
        // The decisions (the command's and the ledger's own events') are scoped so that
        // they no longer share the state when events are applied to it, which would copy
        // the whole plan.
        let (preamble, events): ([Event], [Event]) = try {
            let backDated = effectiveAt < recordedAt
            let atEffective =
                backDated
                ? try EventRows.scopedState(db, actions: command.actionsRead(referenced: referenced) ?? [], effectiveBy: effectiveAt)
                : state
            let decision = Decision(
                now: state, atEffective: atEffective, actor: actor, recordedAt: recordedAt, effectiveAt: effectiveAt,
                calendar: calendar, referenced: referenced, rules: Rules.current)
            let events = try Decider.decide(command, in: decision)
            if backDated, let stream = targetStream {
                let later = try EventRows.fetch(
                    db, where: "stream_id = ? AND effective_at > ?", [stream, effectiveAt.millisecondsSince1970],
                    orderBy: "effective_at, position")
                try Decider.checkBackDated(events, in: decision, later: later.map(\.recorded))
            }
            guard !events.isEmpty else { return ([], []) }
            let own = Decision(
                now: state, atEffective: state, actor: actor, recordedAt: recordedAt, effectiveAt: recordedAt, calendar: calendar)
            var preamble: [Event] = []
            if state.rulesVersion < Rules.current { preamble.append(try Decider.adoptRules(Rules.current, in: own)) }
            if let last = state.lastRecordedAt, RecordingTime.isFarBehind(clockAt, last: last) {
                preamble.append(try Decider.acceptClockBehind(clockAt: clockAt, in: own))
            }
            return (preamble, events)
        }()
        guard !events.isEmpty else { return [] }
        let partner = state.actors[actor]!.partner
        let pending =
            preamble.map { PendingEvent(eventID: ids.next(), event: $0, actor: actor, partner: partner, effectiveAt: recordedAt) }
            + events.map { PendingEvent(eventID: ids.next(), event: $0, actor: actor, partner: partner, effectiveAt: effectiveAt) }
        return try insert(db, pending, recordedAt: recordedAt, state: &state, whole: whole)
    }

    /// Appends events as given, without deciding them: the event-log level, for replay
    /// and retries. An event whose id is already in the log is skipped when it is the
    /// same event and refuses the whole batch when it is not.
    /// - Throws: ``StoreError`` `.eventIDReused`, `.conflict`, or a storage failure;
    ///   nothing is written.
    @discardableResult
    public func append(_ events: [PendingEvent], expectVersion: (stream: String, version: Int)? = nil) throws -> [LogEntry] {
        try write { db, state in
            if let expectVersion {
                let current = try EventRows.streamVersion(db, expectVersion.stream)
                guard current == expectVersion.version else {
                    throw StoreError(
                        .conflict, "\(expectVersion.stream) is at version \(current), not \(expectVersion.version) as expected")
                }
            }
            return try insert(db, events, recordedAt: try recordingTime(after: state), state: &state, whole: true)
        }
    }

    /// Runs `body` in one immediate transaction with the whole plan brought up to date,
    /// and keeps the plan it leaves only if the transaction commits.
    ///
    /// The plan is taken out of the cache meanwhile, so that applying events changes it
    /// in place instead of copying it; after a failure it is read again from the latest
    /// snapshot on the next write.
    @discardableResult
    func write<T>(_ body: (Database, inout PlanState) throws -> T) throws -> T {
        var taken = cache.withLock { cached in
            defer { cached = nil }
            return cached
        }
        let result = try transaction { db in
            var state = try taken.take() ?? EventRows.wholeState(db, warn: warn)
            try EventRows.fold(db, into: &state, where: "position > ?", [state.position])
            let result = try body(db, &state)
            taken = state
            return result
        }
        cache.withLock { $0 = taken }
        return result
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction, so that writers in other
    /// processes queue behind it.
    func transaction<T>(_ body: (Database) throws -> T) throws -> T {
        try Ledger.translatingErrors(path) {
            try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    try Protection.require(db, path: path)
                    try ImportMark.requireNone(db, path: path)
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        }
    }

    /// Inserts `pending` after the head, chaining hashes, and updates `state` and the
    /// projection to match. `whole` says whether `state` is the whole plan, which a
    /// snapshot needs; when it is not, a due snapshot reads the whole plan first.
    func insert(_ db: Database, _ pending: [PendingEvent], recordedAt: Instant, state: inout PlanState, whole: Bool) throws -> [LogEntry] {
        var (position, prevHash, _) = try EventRows.head(db)
        var versions: [String: Int] = [:]
        var entries: [LogEntry] = []
        let before = state.position
        let touched = Projection.touched(by: pending.lazy.map(\.event), in: state)
        for item in pending {
            let payload = item.event.canonicalPayload()
            let stream = item.event.streamID
            if let existing = try EventRows.entry(db, eventID: item.eventID) {
                try item.checkRetry(of: existing, payload: payload)
                continue
            }
            try item.checkEffective(recordedAt: recordedAt)
            if versions[stream] == nil { versions[stream] = try EventRows.streamVersion(db, stream) }
            versions[stream]! += 1
            position += 1
            let recorded = RecordedEvent(
                position: position, eventID: item.eventID, streamVersion: versions[stream]!, recordedAt: recordedAt,
                effectiveAt: item.effectiveAt, actor: item.actor, partner: item.partner, event: item.event)
            var entry = LogEntry(
                recorded: recorded, streamID: stream, type: item.event.typeName, schemaVersion: item.event.schemaVersion,
                payload: payload, prevHash: prevHash, hash: "")
            entry.hash = HashChain.expectedHash(of: entry)
            try EventRows.insert(db, entry)
            state.apply(recorded)
            prevHash = entry.hash
            entries.append(entry)
        }
        if !entries.isEmpty {
            try Projection.update(db, touched, to: state)
            if Snapshots.due(from: before, to: state.position, interval: snapshotInterval) {
                try Snapshots.write(db, whole ? state : EventRows.wholeState(db, warn: warn))
            }
        }
        return entries
    }
}
