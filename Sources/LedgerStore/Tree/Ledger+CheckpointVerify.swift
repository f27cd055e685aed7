import LedgerCore

/// What `verify --checkpoint` found beyond `verify`: whose key signed the checkpoint.
public struct CheckpointReport: Sendable, Equatable {
    public var verify: VerifyReport
    public var checkpoint: Checkpoint
    /// The registered key whose signature was found valid; nil when the check failed.
    public var key: NoteVerifierKey?
    /// Why the checkpoint does not hold for this log; nil when it does.
    public var problem: String?
}

extension Ledger {
    /// Verifies the ledger (``verify(against:rootsAt:progress:)``), then the checkpoint
    /// against it: the root of the first `size` events, recomputed from their chain
    /// hashes, must be the checkpoint's, and the checkpoint must be signed by a ledger
    /// key the log registered within those events and had not revoked by then.
    ///
    /// A tail dropped after the checkpoint, or a history rewritten and chained anew,
    /// fails here with no digest copied by hand: the checkpoint is the copy.
    ///
    /// With `quick`, the ledger is verified by ``verifyChainAndTree(against:rootsAt:progress:)``:
    /// the checkpoint needs only the chain and the tree, and the keys the log registered,
    /// which are read from the log's own (chained) key events either way.
    public func verify(
        checkpoint signed: SignedCheckpoint, quick: Bool = false, progress: (Int64, Int64) -> Void = { _, _ in }
    ) throws -> CheckpointReport {
        let checkpoint = signed.checkpoint
        let report =
            try quick
            ? verifyChainAndTree(rootsAt: [checkpoint.size], progress: progress)
            : verify(rootsAt: [checkpoint.size], progress: progress)
        func result(_ problem: String?, key: NoteVerifierKey? = nil) -> CheckpointReport {
            CheckpointReport(verify: report, checkpoint: checkpoint, key: key, problem: problem)
        }
        guard report.isSound else { return result("the ledger itself does not verify") }
        guard checkpoint.size >= 1, checkpoint.size <= Int64(report.eventCount) else {
            return result(
                "the log ends at position \(report.eventCount), before the checkpoint's size \(checkpoint.size): events it covers were removed"
            )
        }
        let origin = try checkpointOrigin()
        guard checkpoint.origin == origin else {
            return result("the checkpoint is of '\(checkpoint.origin)', not of this ledger ('\(origin)'): its first event differs")
        }
        guard let root = report.roots[checkpoint.size], root == checkpoint.root else {
            return result(
                "the first \(checkpoint.size) events do not give the checkpoint's root \(checkpoint.root.base64): the log up to it was rewritten"
            )
        }
        // Only the partnership's key events are folded: the registered keys are all a
        // checkpoint needs, and they come from the log itself, not from a derived row.
        let state = try read { db in
            var keys = PlanState()
            try EventRows.fold(
                db, into: &keys, where: "stream_id = ? AND type IN (?, ?)",
                [StreamID.partnership.text, LedgerKeyRegistered.typeName, LedgerKeyRevoked.typeName])
            return keys
        }
        guard let record = state.ledgerKey(signing: signed.note, size: checkpoint.size) else {
            let named = signed.note.signatures.map(\.name).joined(separator: ", ")
            return result(
                "no signature on the checkpoint (\(named)) is by a ledger key this log registered within its first \(checkpoint.size) events and had not revoked by then"
            )
        }
        return result(nil, key: record.key)
    }
}
