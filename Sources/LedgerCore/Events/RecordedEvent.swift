/// An event as the log holds it: the fact plus who, when and where in the log.
public struct RecordedEvent: Equatable, Sendable {
    public var position: Int64
    public var eventID: String
    public var streamVersion: Int
    /// Transaction time: when the ledger recorded it.
    public var recordedAt: Instant
    /// Valid time: when it happened in the world; never later than `recordedAt`.
    public var effectiveAt: Instant
    public var actor: ActorID
    /// The actor's partner at the time of writing.
    public var partner: PartnerID
    public var event: Event
    /// The id of the token that authorised the write (envelope version 2); nil for a
    /// write whose actor was declared, as on the command line.
    public var credential: TokenID?

    public init(
        position: Int64, eventID: String, streamVersion: Int, recordedAt: Instant, effectiveAt: Instant,
        actor: ActorID, partner: PartnerID, event: Event, credential: TokenID? = nil
    ) {
        self.credential = credential
        self.position = position
        self.eventID = eventID
        self.streamVersion = streamVersion
        self.recordedAt = recordedAt
        self.effectiveAt = effectiveAt
        self.actor = actor
        self.partner = partner
        self.event = event
    }

    /// The fold's order: effective time first, then log position.
    public var foldKey: FoldKey { FoldKey(effectiveAt: effectiveAt, position: position) }
}

/// Orders facts by when they took effect, ties broken by log position, so that a
/// back-dated report takes its place in an action's history instead of overriding
/// what took effect after it.
public struct FoldKey: Hashable, Comparable, Sendable {
    public var effectiveAt: Instant
    public var position: Int64

    public static func < (lhs: FoldKey, rhs: FoldKey) -> Bool {
        (lhs.effectiveAt, lhs.position) < (rhs.effectiveAt, rhs.position)
    }
}
