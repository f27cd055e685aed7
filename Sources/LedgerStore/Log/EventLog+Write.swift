import LedgerCore

extension EventLog {
    /// Decides `command` for `actor` and appends its events, all or none: the one
    /// decide → fold → append loop of every log.
    ///
    /// - Parameters:
    ///   - command: the change asked for.
    ///   - actor: who asks for it; the events are recorded as theirs, for their partner.
    ///   - effective: when the change took effect; nil for "when recorded".
    ///   - expectVersion: the version of the command's stream the writer last saw.
    ///   - acceptClockBehind: a coordinator accepts that this machine's clock is more
    ///     than 10 minutes behind the log's last recording time; the write is then
    ///     stamped with that time and a `ClockBehindAccepted` event records both.
    ///   - credential: the token that authorises the write (a server's write), which
    ///     every event of it carries; nil for a write whose actor is declared. The
    ///     decider checks, inside the write, that it authorises `actor` now.
    /// - Returns: the appended entries (none for a plan import that changes nothing).
    /// - Throws: `LedgerError` when the command is refused, ``StoreError`` for a
    ///   version conflict or a storage failure. Nothing is written either way.
    @discardableResult
    public func execute(
        _ command: Command, by actor: ActorID, effective: Instant? = nil, expectVersion: Int? = nil, acceptClockBehind: Bool = false,
        credential: TokenID? = nil
    ) throws -> [LogEntry] {
        let write = Write(
            command: command, actor: actor, effective: effective, expectVersion: expectVersion, acceptClockBehind: acceptClockBehind,
            credential: credential)
        return try writing { writer in try run(write, in: &writer) }
    }

    /// The loop itself: reads what the command needs, decides it, links its events
    /// into the chain and stores them.
    func run(_ write: Write, in writer: inout Writer) throws -> [LogEntry] {
        let referenced = try write.command.referencedEventID.flatMap { id in try writer.entry(eventID: id)?.recorded }
        // A log that writes once per process reads only what the decision needs.
        let scope = readsWholePlan ? nil : write.command.actionsRead(referenced: referenced)
        var plan = try scope.map { try writer.plan(actions: $0, effectiveBy: nil) } ?? writer.wholePlan()
        let pending: (events: [PendingEvent], recordedAt: Instant)
        do {
            pending = try write.decide(against: plan, referenced: referenced, in: writer, clockAt: clock.now, ids: write.ids ?? ids)
        } catch let error as LedgerError where error.missing != nil {
            // An unknown id: say which one was meant, from every id of its kind.
            let known = scope != nil && error.missing?.kind == .action ? try writer.wholePlan() : plan
            throw known.suggestingNearMatch(error)
        }
        let entries = try writer.link(pending.events, recordedAt: pending.recordedAt)
        try writer.store(entries, applyingTo: &plan, wholePlan: scope == nil)
        if scope == nil { writer.keep(plan) }
        return entries
    }

    /// Appends events as given, without deciding them: the event-log level, for replay
    /// and retries. An event whose id is already in the log is skipped when it is the
    /// same event and refuses the whole batch when it is not.
    /// - Parameters:
    ///   - events: the events, in the order they are to take positions.
    ///   - expectVersion: the version a stream must be at, or the batch is refused
    ///     naming the version it is at.
    /// - Throws: ``StoreError`` `.conflict` or `.eventIDReused`, `LedgerError` for an
    ///   effective time after the recording time or a clock far behind; nothing is
    ///   appended.
    @discardableResult
    public func append(_ events: [PendingEvent], expectVersion: (stream: StreamID, version: Int)? = nil) throws -> [LogEntry] {
        try append(events, expectVersion: expectVersion, clockAt: nil)
    }

    /// ``append(_:expectVersion:)``, with the clock read at `clockAt` beforehand (a new
    /// ledger's founding events take effect when recorded), or once the write has the
    /// log to itself (nil).
    @discardableResult
    func append(_ events: [PendingEvent], expectVersion: (stream: StreamID, version: Int)? = nil, clockAt: Instant?) throws
        -> [LogEntry]
    {
        try writing { writer in
            var plan = try writer.wholePlan()
            if let expectVersion { try writer.require(expectVersion.stream, at: expectVersion.version) }
            let recordedAt = try RecordingTime.stamp(clock: clockAt ?? clock.now, last: plan.lastRecordedAt)
            let entries = try writer.link(events, recordedAt: recordedAt)
            try writer.store(entries, applyingTo: &plan, wholePlan: true)
            writer.keep(plan)
            return entries
        }
    }
}

/// One write as asked for.
struct Write: Sendable {
    var command: Command
    var actor: ActorID
    var effective: Instant?
    var expectVersion: Int?
    var acceptClockBehind: Bool
    var credential: TokenID?
    /// This write's own source of event ids, instead of the log's.
    var ids: EventIDGenerator? = nil

    /// Decides the command against `plan` (the whole plan, or the part the command
    /// reads) and returns its events ready to link, with their recording time.
    ///
    /// The events the log itself adds go first, in the same write: a `RulesAdopted`
    /// on the first write of a release with newer rules, and a `ClockBehindAccepted`
    /// when a coordinator accepts a clock far behind.
    /// - Parameter clockAt: the clock's reading once the write has the log to itself.
    func decide(
        against plan: PlanState, referenced: RecordedEvent?, in writer: some EventLogWriter, clockAt: Instant, ids: EventIDGenerator
    ) throws -> (events: [PendingEvent], recordedAt: Instant) {
        let recordedAt = try RecordingTime.stamp(clock: clockAt, last: plan.lastRecordedAt, accepted: acceptClockBehind)
        let effectiveAt = effective ?? recordedAt
        let targetStream = command.targetStream ?? referenced?.event.streamID
        if let expectVersion {
            guard let stream = targetStream else {
                throw LedgerError(
                    .invalidInput, "an expected version does not apply to \(command.verb), which writes to many streams",
                    hint: .expectedVersion)
            }
            try writer.require(stream, at: expectVersion)
        }
        let calendar = try PartnershipCalendar(timeZoneIdentifier: plan.partnership?.timeZone ?? "UTC")
        let backDated = effectiveAt < recordedAt
        let atEffective =
            backDated ? try writer.plan(actions: command.actionsRead(referenced: referenced) ?? [], effectiveBy: effectiveAt) : plan
        let decision = Decision(
            now: plan, atEffective: atEffective, actor: actor, recordedAt: recordedAt, effectiveAt: effectiveAt, calendar: calendar,
            referenced: referenced, rules: Rules.current, credential: credential)
        let events = try Decider.decide(command, in: decision)
        for case .checkpointSigned(let e) in events {
            let signed = try SignedCheckpoint(parsing: e.checkpoint)
            let root = try MerkleTree.root(size: signed.checkpoint.size, in: writer.tree())
            guard signed.checkpoint.root == root else {
                throw LedgerError(
                    .invalidInput,
                    "the checkpoint's root \(signed.checkpoint.root.base64) is not the log's \(root.base64) at \(signed.checkpoint.size) events"
                )
            }
        }
        if backDated, let stream = targetStream {
            try Decider.checkBackDated(events, in: decision, later: writer.events(of: stream, effectiveAfter: effectiveAt))
        }
        guard !events.isEmpty else { return ([], recordedAt) }
        let own = Decision(
            now: plan, atEffective: plan, actor: actor, recordedAt: recordedAt, effectiveAt: recordedAt, calendar: calendar,
            credential: credential)
        var preamble: [Event] = []
        if plan.rulesVersion < Rules.current { preamble.append(try Decider.adoptRules(Rules.current, in: own)) }
        if let last = plan.lastRecordedAt, RecordingTime.isFarBehind(clockAt, last: last) {
            preamble.append(try Decider.acceptClockBehind(clockAt: clockAt, in: own))
        }
        let partner = plan.actors[actor]!.partner
        let pending =
            preamble.map {
                PendingEvent(
                    eventID: ids.next(), event: $0, actor: actor, partner: partner, effectiveAt: recordedAt, credential: credential)
            }
            + events.map {
                PendingEvent(
                    eventID: ids.next(), event: $0, actor: actor, partner: partner, effectiveAt: effectiveAt, credential: credential)
            }
        return (pending, recordedAt)
    }
}

extension EventLogWriter {
    /// - Throws: ``StoreError`` `.conflict` naming the version `stream` is at when it
    ///   is not `version`.
    func require(_ stream: StreamID, at version: Int) throws {
        let current = try streamVersion(stream)
        guard current == version else {
            throw StoreError(
                .conflict,
                "\(stream) is at version \(current), not \(version) as expected; someone changed it since you read it: read it again and retry"
            )
        }
    }

    /// The entries `pending` become after the head: each its position, the next
    /// version of its stream, `recordedAt` and its place in the hash chain. An event
    /// whose id is already in the log (or earlier in the batch) is left out when it is
    /// the same event.
    /// - Throws: ``StoreError`` `.eventIDReused` when it is not, `LedgerError` for an
    ///   effective time after `recordedAt`.
    func link(_ pending: [PendingEvent], recordedAt: Instant) throws -> [LogEntry] {
        guard !pending.isEmpty else { return [] }
        let start = try head()
        var (position, prevHash) = (start.position, start.hash)
        var versions: [StreamID: Int] = [:]
        var linked: [String: LogEntry] = [:]
        var entries: [LogEntry] = []
        entries.reserveCapacity(pending.count)
        for item in pending {
            let payload = item.event.canonicalPayload()
            if let existing = try linked[item.eventID] ?? entry(eventID: item.eventID) {
                try item.checkRetry(of: existing, payload: payload)
                continue
            }
            try item.checkEffective(recordedAt: recordedAt)
            let stream = item.event.streamID
            let version = try (versions[stream] ?? streamVersion(stream)) + 1
            versions[stream] = version
            position += 1
            let recorded = RecordedEvent(
                position: position, eventID: item.eventID, streamVersion: version, recordedAt: recordedAt,
                effectiveAt: item.effectiveAt, actor: item.actor, partner: item.partner, event: item.event, credential: item.credential)
            var entry = LogEntry(
                recorded: recorded, streamID: stream, type: item.event.typeName, schemaVersion: item.event.schemaVersion,
                payload: payload, prevHash: prevHash, hash: "")
            entry.hash = HashChain.expectedHash(of: entry)
            prevHash = entry.hash
            linked[item.eventID] = entry
            entries.append(entry)
        }
        return entries
    }
}
