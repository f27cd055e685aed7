extension Decider {
    /// `key register`: a new ledger key.
    static func registerLedgerKey(_ text: String, in context: Decision) throws(LedgerError) -> [Event] {
        let key = try NoteVerifierKey(text: text)
        guard key.text == text else { throw .invalid("give the verifier key exactly as FILE.pub holds it") }
        guard key.type == .ed25519 else {
            throw .invalid("\(key.name) is a witness's key (type 0x04), which cosigns; register it with witness register")
        }
        if context.now.ledgerKeys[text] != nil {
            throw .duplicate("the ledger key \(key.name) (\(text.prefix(120))) is already registered")
        }
        return [.ledgerKeyRegistered(LedgerKeyRegistered(key: text))]
    }

    /// `key revoke`: a registered key signs no later checkpoint.
    static func revokeLedgerKey(_ text: String, reason: String?, in context: Decision) throws(LedgerError) -> [Event] {
        guard let record = context.now.ledgerKeys[text] else {
            throw .unknown("the ledger key '\(text.prefix(120))' is not registered in this ledger")
        }
        guard record.revokedAt == nil else { throw .transition("the ledger key \(record.key.name) is already revoked") }
        return [.ledgerKeyRevoked(LedgerKeyRevoked(key: text, reason: try context.textIfGiven(reason, "reason")))]
    }

    /// `checkpoint`: a checkpoint of the log as it stands, signed by a registered key
    /// that is not revoked. (Its origin and root are the log's own, which the store
    /// checks: the plan knows no hashes.)
    static func recordCheckpoint(_ note: String, in context: Decision) throws(LedgerError) -> [Event] {
        let signed = try SignedCheckpoint(parsing: note)
        guard signed.note.serialized == note else { throw .invalid("the checkpoint is not in its signed-note form") }
        guard signed.checkpoint.size == context.now.position else {
            throw .invalid(
                "the checkpoint covers \(signed.checkpoint.size) events, but is recorded after \(context.now.position); a checkpoint covers every event before it"
            )
        }
        guard context.now.ledgerKey(signing: signed.note, size: signed.checkpoint.size) != nil else {
            throw .forbidden("the checkpoint is not signed by a registered ledger key that is not revoked; register its key first")
        }
        return [.checkpointSigned(CheckpointSigned(checkpoint: note))]
    }
}
