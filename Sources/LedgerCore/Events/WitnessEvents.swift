/// The partners as witnesses of the ledger's checkpoints: whose cosignatures count, how
/// many make a checkpoint witnessed, and the cosignatures themselves. They change no
/// record of the plan; `verify` and auditors rest on them.

/// A coordinator registers a partner's witness key: the signed-note verifier key of a
/// cosigner (`NAME+KEYID+BASE64(0x04 ‖ public key)`, as `witness key generate` writes
/// FILE.pub), whose cosignatures of checkpoints the ledger accepts from now on.
public struct WitnessRegistered: EventPayload {
    public static let typeName = "WitnessRegistered"
    public var streamID: StreamID { .partnership }
    public var event: Event { .witnessRegistered(self) }

    /// The partner who runs the witness.
    public var partner: PartnerID
    public var key: String
    public init(partner: PartnerID, key: String) { (self.partner, self.key) = (partner, key) }
}

/// A coordinator removes a witness: its cosignatures recorded before stay; no later one
/// is accepted.
public struct WitnessRemoved: EventPayload {
    public static let typeName = "WitnessRemoved"
    public var streamID: StreamID { .partnership }
    public var event: Event { .witnessRemoved(self) }

    public var key: String
    public var reason: String?
    public init(key: String, reason: String?) { (self.key, self.reason) = (key, reason) }
}

/// A coordinator sets how many witnesses must cosign a checkpoint for it to count as
/// witnessed (1 until set).
public struct WitnessThresholdSet: EventPayload {
    public static let typeName = "WitnessThresholdSet"
    public var streamID: StreamID { .partnership }
    public var event: Event { .witnessThresholdSet(self) }

    public var threshold: Int
    public init(threshold: Int) { self.threshold = threshold }
}

/// A witness's cosignature of a recorded checkpoint: the C2SP `tlog-cosignature/v1`
/// signature line (its time inside), and the event id of the `CheckpointSigned` it
/// cosigns.
public struct CheckpointCosigned: EventPayload {
    public static let typeName = "CheckpointCosigned"
    public var streamID: StreamID { .partnership }
    public var event: Event { .checkpointCosigned(self) }

    public var checkpoint: String
    /// `— NAME BASE64(KEYID ‖ TIMESTAMP ‖ SIGNATURE)`, without a line end.
    public var cosignature: String
    public init(checkpoint: String, cosignature: String) { (self.checkpoint, self.cosignature) = (checkpoint, cosignature) }
}
