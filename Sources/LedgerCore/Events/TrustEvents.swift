/// Facts about the keys that sign the ledger's checkpoints, and the checkpoints
/// themselves. They change no record of the plan; `verify` and auditors rest on them.

/// A coordinator registers a ledger key: the signed-note verifier key
/// (`NAME+KEYID+BASE64`, as `key generate` writes FILE.pub) whose signatures on
/// checkpoints the ledger accepts from now on.
public struct LedgerKeyRegistered: EventPayload {
    public static let typeName = "LedgerKeyRegistered"
    public var streamID: StreamID { .partnership }
    public var event: Event { .ledgerKeyRegistered(self) }

    public var key: String
    public init(key: String) { self.key = key }
}

/// A coordinator revokes a ledger key: checkpoints it signed before stay valid; no
/// later one is accepted.
public struct LedgerKeyRevoked: EventPayload {
    public static let typeName = "LedgerKeyRevoked"
    public var streamID: StreamID { .partnership }
    public var event: Event { .ledgerKeyRevoked(self) }

    public var key: String
    public var reason: String?
    public init(key: String, reason: String?) { (self.key, self.reason) = (key, reason) }
}

/// A signed checkpoint of the log as it stood just before this event: the C2SP
/// signed note whose text is the `tlog-checkpoint` (origin, size, root), signed by a
/// registered ledger key. Its size is this event's position minus one.
public struct CheckpointSigned: EventPayload {
    public static let typeName = "CheckpointSigned"
    public var streamID: StreamID { .partnership }
    public var event: Event { .checkpointSigned(self) }

    public var checkpoint: String
    public init(checkpoint: String) { self.checkpoint = checkpoint }
}
