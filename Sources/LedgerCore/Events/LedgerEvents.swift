/// Facts about the ledger itself rather than the plan. They change no record of the
/// plan, but the rules that later events are checked against and what an auditor is
/// told about the recording times.

/// From this event on, the ledger's events follow rules version `version`.
///
/// Appended by the ledger in the same transaction as the first write of a release
/// whose rules are newer than the ledger's, so that events recorded earlier are still
/// checked against the rules they were written under.
public struct RulesAdopted: EventPayload {
    public static let typeName = "RulesAdopted"
    public var streamID: StreamID { .partnership }
    public var event: Event { .rulesAdopted(self) }

    public var version: Int
    public init(version: Int) { self.version = version }
}

/// A coordinator accepted a write whose system clock read `clockAt`, more than the
/// allowed interval behind `lastRecordedAt`, the last recording time of the ledger.
/// The write, and this event, are stamped with `lastRecordedAt`.
public struct ClockBehindAccepted: EventPayload {
    public static let typeName = "ClockBehindAccepted"
    public var streamID: StreamID { .partnership }
    public var event: Event { .clockBehindAccepted(self) }

    public var clockAt: Instant
    public var lastRecordedAt: Instant
    public init(clockAt: Instant, lastRecordedAt: Instant) { (self.clockAt, self.lastRecordedAt) = (clockAt, lastRecordedAt) }
}
