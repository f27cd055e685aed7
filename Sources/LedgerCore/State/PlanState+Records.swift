/// One record of the plan: the partnership (with its ledger keys and witnesses), or one partner, actor, assessment, plan,
/// priority, action or token by id.
///
/// The system-versioned projection stores each record's successive values under its
/// key, so that the plan at any position is read back record by record.
public struct RecordKey: Hashable, Sendable, CustomStringConvertible {
    public let kind: StreamID.Kind
    /// The id; empty for the partnership, which has one record.
    public let id: String

    public init(kind: StreamID.Kind, id: String) { (self.kind, self.id) = (kind, id) }

    public static let partnership = RecordKey(kind: .partnership, id: "")

    public var description: String { kind == .partnership ? "the partnership" : "\(kind.rawValue) '\(id)'" }
}

/// A record that one event changed: its value after the event, or nil when the event
/// removed it.
public struct RecordChange: Equatable, Sendable {
    public var key: RecordKey
    /// The record in the binary form of ``PlanState/recordBytes(_:)``.
    public var bytes: [UInt8]?
    /// The scopes whose index lists the record after the event
    /// (``PlanState/scopes(listing:)``).
    public var scopes: [PlanScope] = []
}

extension PlanState {
    /// Folds one event in, as ``apply(_:)`` does, and returns the records it changed.
    ///
    /// The fold itself decides what changed: the records the event could touch (those
    /// its stream names, and the priorities a plan review retires) are compared in their
    /// stored form before and after ``apply(_:)``, and only those that differ are
    /// returned, in a fixed order. Nothing here says what an event means.
    public mutating func applyReportingChanges(_ recorded: RecordedEvent) -> [RecordChange] {
        let keys = recordsTouchable(by: recorded.event)
        let before = keys.map(recordBytes)
        apply(recorded)
        var changes: [RecordChange] = []
        for (key, old) in zip(keys, before) {
            let new = recordBytes(key)
            if new != old { changes.append(RecordChange(key: key, bytes: new, scopes: scopes(listing: key))) }
        }
        return changes
    }

    /// The records `event` may change in this plan: the one its stream is about, the
    /// priorities a plan review retires, and the tokens of an actor it deactivates. A
    /// superset is harmless (unchanged records are dropped by the comparison in
    /// ``applyReportingChanges(_:)``); `verify` compares the stored versions with a
    /// replay, so a record missed here would be named.
    public func recordsTouchable(by event: Event) -> [RecordKey] {
        let stream = event.streamID
        var keys = [RecordKey(kind: stream.kind, id: stream.id ?? "")]
        switch event {
        case .planReviewed(let review): keys += review.retired.map { RecordKey(kind: .priority, id: $0.rawValue) }
        case .actorDeactivated(let deactivation):
            keys += tokens.values.filter { $0.actor == deactivation.actor }.map { RecordKey(kind: .token, id: $0.id.rawValue) }.sorted {
                $0.id < $1.id
            }
        default: break
        }
        return keys
    }

    /// The record at `key` in a compact binary form (the snapshot's, for one record), or
    /// nil when the plan has no such record.
    public func recordBytes(_ key: RecordKey) -> [UInt8]? {
        var out = SnapshotWriter()
        switch key.kind {
        case .partnership:
            guard let partnership else { return nil }
            partnership.write(to: &out)
            writeLedgerKeys(to: &out)
            writeWitnesses(to: &out)
        case .partner:
            guard let record = partners[PartnerID(trusted: key.id)] else { return nil }
            record.write(to: &out)
        case .actor:
            guard let record = actors[ActorID(trusted: key.id)] else { return nil }
            record.write(to: &out)
        case .assessment:
            guard let record = assessments[AssessmentID(trusted: key.id)] else { return nil }
            record.write(to: &out)
        case .plan:
            guard let record = plans[PlanID(trusted: key.id)] else { return nil }
            record.write(to: &out)
        case .priority:
            guard let record = priorities[PriorityID(trusted: key.id)] else { return nil }
            record.write(to: &out)
        case .action:
            guard let record = actions[ActionID(trusted: key.id)] else { return nil }
            record.write(to: &out)
        case .token:
            guard let record = tokens[TokenID(trusted: key.id)] else { return nil }
            record.write(to: &out)
        }
        return out.bytes
    }

    /// Sets the record at `key` from the bytes ``recordBytes(_:)`` gave.
    /// - Throws: ``SnapshotError`` for bytes that are not such a record, or an id that
    ///   breaks the id rule.
    public mutating func setRecord(_ key: RecordKey, bytes: some Collection<UInt8>) throws {
        var r = SnapshotReader(bytes: Array(bytes))
        guard key.kind == .partnership ? key.id.isEmpty : ActionID.isValid(key.id) else { throw SnapshotError() }
        switch key.kind {
        case .partnership:
            partnership = try PartnershipRecord(from: &r)
            ledgerKeys = try Self.ledgerKeys(from: &r)
            try readWitnesses(from: &r)
        case .partner: partners[PartnerID(trusted: key.id)] = try PartnerRecord(id: PartnerID(trusted: key.id), from: &r)
        case .actor: actors[ActorID(trusted: key.id)] = try ActorRecord(id: ActorID(trusted: key.id), from: &r)
        case .assessment:
            assessments[AssessmentID(trusted: key.id)] = try AssessmentRecord(id: AssessmentID(trusted: key.id), from: &r)
        case .plan: plans[PlanID(trusted: key.id)] = try PlanRecord(id: PlanID(trusted: key.id), from: &r)
        case .priority: priorities[PriorityID(trusted: key.id)] = try PriorityRecord(id: PriorityID(trusted: key.id), from: &r)
        case .action: actions[ActionID(trusted: key.id)] = try ActionRecord(id: ActionID(trusted: key.id), from: &r)
        case .token: tokens[TokenID(trusted: key.id)] = try TokenRecord(id: TokenID(trusted: key.id), from: &r)
        }
        guard r.atEnd else { throw SnapshotError() }
    }
}
