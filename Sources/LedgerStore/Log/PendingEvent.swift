import LedgerCore

/// An event ready to append: everything but its position, stream version, recording
/// time and hashes, which the ledger assigns.
public struct PendingEvent: Sendable, Equatable {
    public var eventID: String
    public var event: Event
    public var actor: ActorID
    public var partner: PartnerID
    public var effectiveAt: Instant
    /// The token that authorised the write, if any (envelope version 2).
    public var credential: TokenID?

    public init(
        eventID: String, event: Event, actor: ActorID, partner: PartnerID, effectiveAt: Instant, credential: TokenID? = nil
    ) {
        self.credential = credential
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
            existing.recorded.effectiveAt == effectiveAt, existing.recorded.credential == credential
        else {
            throw StoreError(
                .eventIDReused,
                "event id \(eventID) is already in the log (position \(existing.position)) for a different event; use a new id")
        }
    }

    /// - Throws: `LedgerError` `.invalidInput` when the event would take effect after
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
