import LedgerCore

extension EventLog {
    /// Signs a checkpoint of the log as it stands with `key` and records it as a
    /// `CheckpointSigned` event right after the events it covers, in one write: the
    /// root is read from the tree in the same transaction, so no event can come between.
    /// - Returns: the signed checkpoint.
    /// - Throws: `LedgerError` when `actor` may not sign or the key is not registered
    ///   (or revoked); when this write would also have to record the ledger's own events
    ///   first (new rules, a clock far behind), which are best recorded by another change.
    @discardableResult
    public func signCheckpoint(with key: NoteSigningKey, by actor: ActorID) throws -> SignedCheckpoint {
        let origin = try checkpointOrigin()
        return try writing { writer in
            let size = try writer.head().position
            let checkpoint = Checkpoint(origin: origin, size: size, root: try MerkleTree.root(size: size, in: writer.tree()))
            let signed = try SignedCheckpoint(note: try key.sign(checkpoint.text))
            let write = Write(
                command: .recordCheckpoint(signed.note.serialized), actor: actor, effective: nil, expectVersion: nil,
                acceptClockBehind: false)
            let entries = try run(write, in: &writer)
            guard entries.count == 1, entries[0].position == size + 1 else {
                throw LedgerError(
                    .invalidInput,
                    "this write would record the ledger's own events before the checkpoint; record any other change first, then sign")
            }
            return signed
        }
    }
}
