import LedgerCore

extension EventLog {
    /// The origin line of this log's checkpoints (``Checkpoint/origin(partnership:firstHash:)``).
    /// - Throws: `LedgerError` `.unknown` for a log with no partnership yet.
    public func checkpointOrigin() throws -> String {
        guard let first = try entries(from: 1, to: 1).first, case .partnershipEstablished(let e) = first.recorded.event else {
            throw LedgerError(.unknown, "this ledger has no partnership yet, so it has no checkpoints")
        }
        return Checkpoint.origin(partnership: e.name, firstHash: first.hash)
    }

    /// Checks that `checkpoint` is one of this log's: its origin, a size the log
    /// reaches, and the root of the log's tree at that size.
    /// - Throws: `LedgerError` `.invalidInput` naming the first difference.
    public func requireOwn(_ checkpoint: Checkpoint) throws {
        let origin = try checkpointOrigin()
        guard checkpoint.origin == origin else {
            throw LedgerError(.invalidInput, "the checkpoint is of '\(checkpoint.origin)', not of this ledger ('\(origin)')")
        }
        let size = try head(asOf: nil).position
        guard checkpoint.size >= 1, checkpoint.size <= size else {
            throw LedgerError(
                .invalidInput,
                "the checkpoint covers \(checkpoint.size) events but this ledger holds \(size): events it covers are missing from the log")
        }
        let root = try treeRoot(size: checkpoint.size)
        guard root == checkpoint.root else {
            throw LedgerError(
                .invalidInput,
                "this ledger's tree of \(checkpoint.size) events has root \(root.base64), not the checkpoint's \(checkpoint.root.base64): the log up to it was changed since it was signed"
            )
        }
    }

    /// The inclusion proof of the event at `position` in the tree `checkpoint` signs,
    /// checked against the checkpoint's root before it is returned.
    public func proveInclusion(position: Int64, in checkpoint: SignedCheckpoint) throws -> InclusionProof {
        try requireOwn(checkpoint.checkpoint)
        let hashes = try inclusionProof(position: position, size: checkpoint.checkpoint.size)
        guard let entry = try entries(from: position, to: position).first, let leaf = MerkleHash.leaf(chainHash: entry.hash),
            MerkleTree.verifyInclusion(
                leaf: leaf, index: position - 1, size: checkpoint.checkpoint.size, proof: hashes, root: checkpoint.checkpoint.root)
        else {
            throw StoreError(.unreadable, "the stored Merkle tree gives a proof that does not check", hint: .rebuild)
        }
        return InclusionProof(index: position - 1, hashes: hashes, checkpoint: checkpoint)
    }

    /// The consistency proof from `old` to `new`, both this log's, checked before it is
    /// returned.
    public func proveConsistency(from old: SignedCheckpoint, to new: SignedCheckpoint) throws -> ConsistencyProof {
        try requireOwn(old.checkpoint)
        try requireOwn(new.checkpoint)
        let proof = ConsistencyProof(
            oldSize: old.checkpoint.size, hashes: try consistencyProof(old: old.checkpoint.size, new: new.checkpoint.size), checkpoint: new)
        guard proof.links(from: old.checkpoint) else {
            throw StoreError(.unreadable, "the stored Merkle tree gives a proof that does not check", hint: .rebuild)
        }
        return proof
    }
}
