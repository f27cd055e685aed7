/// What a partner's witness does on its own machine, without the ledger: cosign a new
/// checkpoint only if it extends the last one it cosigned.
///
/// The witness keeps one checkpoint, the last it cosigned. A new one of the same log is
/// cosigned when it is the same tree, or a larger tree that a consistency proof shows
/// to contain that one; otherwise the ledger has shown it two histories that cannot
/// both be true, and it refuses, saying the log has forked. So a ledger that rewrites
/// its past, or shows different logs to different people, cannot get it cosigned.
public enum Witness {
    /// The witness's answer to a request to cosign.
    public enum Verdict: Equatable, Sendable {
        /// Cosigned: the cosignature, and the checkpoint it now remembers.
        case cosigned(Cosignature, remember: Checkpoint)
        /// Refused: the checkpoint does not extend the one it remembers. The reason says how.
        case forked(String)
    }

    /// Decides on `new`, given the last checkpoint cosigned (nil on first use) and a
    /// consistency proof from it (as `prove consistency` prints it), and cosigns at
    /// `timestamp` (POSIX seconds) with `key` when it extends it.
    /// - Throws: `LedgerError` for a request that cannot be decided: a key that does not
    ///   cosign, a checkpoint of another log, a proof of another checkpoint or none where
    ///   one is needed.
    public static func consider(
        _ new: SignedCheckpoint, proof: ConsistencyProof?, last: Checkpoint?, key: NoteSigningKey, at timestamp: Int64
    ) throws(LedgerError) -> Verdict {
        let checkpoint = new.checkpoint
        if let proof, proof.checkpoint.note.text != new.note.text {
            throw .invalid("the proof leads to another checkpoint (\(proof.checkpoint.checkpoint.size) events) than the one to cosign")
        }
        if let last {
            guard last.origin == checkpoint.origin else {
                throw .invalid("this witness cosigns '\(last.origin)', not '\(checkpoint.origin)'; give each log its own state file")
            }
            if checkpoint.size < last.size {
                return .forked(
                    "the checkpoint covers \(checkpoint.size) events, fewer than the \(last.size) this witness cosigned: the log went back")
            }
            if checkpoint.size == last.size {
                guard checkpoint.root == last.root else {
                    return .forked(
                        "the checkpoint of \(checkpoint.size) events has root \(checkpoint.root.base64), but this witness cosigned \(last.root.base64) for that size"
                    )
                }
            } else {
                guard let proof else {
                    throw .invalid("give the consistency proof from the \(last.size) events this witness cosigned (prove consistency)")
                }
                guard proof.oldSize == last.size else {
                    throw .invalid("the proof starts from \(proof.oldSize) events, not the \(last.size) this witness cosigned")
                }
                guard proof.links(from: last) else {
                    return .forked(
                        "the consistency proof does not show the checkpoint of \(checkpoint.size) events to extend the \(last.size) this witness cosigned (root \(last.root.base64))"
                    )
                }
            }
        }
        return .cosigned(try Cosignature.sign(new.note.text, at: timestamp, with: key), remember: checkpoint)
    }
}
