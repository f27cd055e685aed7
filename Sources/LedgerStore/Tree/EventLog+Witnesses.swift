import LedgerCore

/// A recorded checkpoint and the witnesses' cosignatures the log recorded for it.
public struct WitnessedCheckpoint: Sendable, Equatable {
    /// One recorded cosignature and its witness.
    public struct Cosigner: Sendable, Equatable {
        public var witness: WitnessRecord
        public var cosignature: Cosignature
        /// The position of its `CheckpointCosigned`.
        public var position: Int64
    }

    public var signed: SignedCheckpoint
    /// The position and event id of its `CheckpointSigned`.
    public var position: Int64
    public var eventID: String
    public var cosigners: [Cosigner]
    /// The witnesses registered and not removed, and the threshold, as the log now says.
    public var witnesses: Int
    public var threshold: Int

    /// Whether enough witnesses cosigned it.
    public var isWitnessed: Bool { cosigners.count >= threshold }

    /// The signed note with the cosignatures after the ledger's signature, as C2SP shows
    /// a cosigned checkpoint.
    public var note: String { signed.note.serialized + cosigners.map(\.cosignature.line).joined() }

    /// `witnessed by 2 of 2: kent-police, rising-sun`, and the threshold when not met.
    public var summary: String {
        let names = cosigners.map(\.witness.partner.rawValue).joined(separator: ", ")
        let base = "witnessed by \(cosigners.count) of \(witnesses)\(names.isEmpty ? "" : ": " + names)"
        return isWitnessed ? base : base + " (not yet witnessed: \(threshold) needed)"
    }
}

extension EventLog {
    /// Every recorded checkpoint with its recorded cosignatures, in log order, from the
    /// partnership's stream (where keys, witnesses and checkpoints are recorded).
    public func checkpoints() throws -> [WitnessedCheckpoint] {
        var state = PlanState()
        var checkpoints: [WitnessedCheckpoint] = []
        var byID: [String: Int] = [:]
        for entry in try entries(stream: .partnership) {
            let before = state
            state.apply(entry.recorded)
            switch entry.recorded.event {
            case .checkpointSigned(let e):
                guard let signed = try? SignedCheckpoint(parsing: e.checkpoint) else { continue }
                byID[entry.recorded.eventID] = checkpoints.count
                checkpoints.append(
                    WitnessedCheckpoint(
                        signed: signed, position: entry.position, eventID: entry.recorded.eventID, cosigners: [], witnesses: 0, threshold: 1
                    ))
            case .checkpointCosigned(let e):
                guard let index = byID[e.checkpoint], let cosignature = try? Cosignature(line: e.cosignature),
                    let witness = before.witness(of: cosignature)
                else { continue }
                checkpoints[index].cosigners.append(.init(witness: witness, cosignature: cosignature, position: entry.position))
            default: break
            }
        }
        for index in checkpoints.indices {
            (checkpoints[index].witnesses, checkpoints[index].threshold) = (state.activeWitnesses.count, state.witnessThreshold)
        }
        return checkpoints
    }

    /// The command that records the witnesses' cosignatures in `notes` (each a checkpoint
    /// as `witness cosign` returns it: the recorded signed note with a cosignature line
    /// added), all of one recorded checkpoint. The decider then checks each cosignature.
    /// - Throws: `LedgerError` for a note that is not a recorded checkpoint with added
    ///   signature lines.
    public func recordingCosignatures(_ notes: [String]) throws -> Command {
        var checkpointEntry: LogEntry?
        var lines: [String] = []
        for text in notes {
            let note = try SignedNote(parsing: text)
            let checkpoint = try Checkpoint(text: note.text)
            guard let entry = try entries(from: checkpoint.size + 1, to: checkpoint.size + 1).first,
                case .checkpointSigned(let e) = entry.recorded.event, let recorded = try? SignedNote(parsing: e.checkpoint),
                recorded.text == note.text
            else {
                throw LedgerError(
                    .unknown,
                    "this ledger recorded no checkpoint of \(checkpoint.size) events with that root; cosignatures are of recorded checkpoints"
                )
            }
            guard checkpointEntry == nil || checkpointEntry?.position == entry.position else {
                throw LedgerError(.invalidInput, "the cosignatures are of different checkpoints; record each checkpoint's in its own run")
            }
            checkpointEntry = entry
            let added = note.signatures.filter { !recorded.signatures.contains($0) }
            guard !added.isEmpty else {
                throw LedgerError(.invalidInput, "the checkpoint carries no cosignature beside the ledger's signature")
            }
            for signature in added { lines.append(String(try Cosignature(signature: signature).line.dropLast())) }
        }
        guard let checkpointEntry else { throw LedgerError(.invalidInput, "give at least one cosigned checkpoint") }
        return .recordCosignatures(checkpoint: checkpointEntry.recorded.eventID, lines)
    }
}
