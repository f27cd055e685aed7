import CanonicalJSON
import LedgerCore
import LedgerStore

/// `csp-ledger evidence`: one file that lets an auditor check one as-of answer offline,
/// trusting neither the ledger's code nor whoever runs it (Schemas/evidence.schema.json).
///
/// It holds the export lines of every event recorded by the as-of point, the answer as
/// `state --format json` gives it, the latest witnessed checkpoint that covers those
/// events (with its cosignatures), and the proofs that tie them together:
/// - a consistency proof from the tree of those events, which the auditor recomputes from
///   their hashes, to the checkpoint's tree;
/// - that nothing recorded by then was left out: the next event, recorded after the as-of
///   point and chained to the last one, with its inclusion proof in the checkpoint's tree
///   (or none, when the checkpoint ends exactly at the last event);
/// - the events that registered the ledger key that signed the checkpoint and the
///   witnesses that cosigned it, each with its inclusion proof.
///
/// `Tools/verify_evidence.py PACK` checks every signature and proof and replays the
/// events with a fold of its own to reproduce the answer byte for byte.
public enum EvidencePack {
    /// The value of the pack's `format` key.
    public static let format = "csp-ledger-evidence/1"

    /// The pack for the plan as recorded by `asOf`, counting only what took effect by
    /// `effective` (nil: everything).
    /// - Throws: `LedgerError` `.unknown` when no witnessed checkpoint covers the events
    ///   recorded by `asOf` (sign one and have it cosigned first).
    public static func build(_ ledger: Ledger, asOf: Instant, effective: Instant?) throws -> JSONValue {
        let (state, head) = try ledger.stateAndHead(asOf: asOf, effective: effective)
        let position = head.position
        let covering = try ledger.checkpoints().filter { $0.signed.checkpoint.size >= position }.map(counted).last { $0.isWitnessed }
        guard let checkpoint = covering else {
            throw LedgerError(
                .unknown,
                "no witnessed checkpoint covers the \(position) events recorded by \(asOf); sign a checkpoint and record its witnesses' cosignatures, then ask again"
            )
        }
        let size = checkpoint.signed.checkpoint.size
        let events = try ledger.entries(from: 1, to: position)
        let registrations = try registrationPositions(of: checkpoint, in: ledger).map { try proven($0, size: size, ledger) }
        return .object([
            "format": .string(format),
            "asOf": .string(asOf.iso8601),
            "effective": effective.map { .string($0.iso8601) } ?? .null,
            "position": .int(position),
            "events": .array(events.map { .string(ExportLine.text($0)) }),
            "state": StateView(state: state, asOf: asOf, effective: effective, position: position).json,
            "checkpoint": .string(checkpoint.note),
            "consistency": .array(
                position == 0 ? [] : try ledger.consistencyProof(old: position, new: size).map { .string($0.base64) }),
            "next": position < size ? try proven(position + 1, size: size, ledger) : .null,
            "registrations": .array(registrations),
        ])
    }

    /// The checkpoint with only the cosignatures of witnesses registered within it, whose
    /// registration its tree can prove.
    private static func counted(_ checkpoint: WitnessedCheckpoint) -> WitnessedCheckpoint {
        var counted = checkpoint
        counted.cosigners = checkpoint.cosigners.filter { $0.witness.registeredAt <= checkpoint.signed.checkpoint.size }
        return counted
    }

    /// The positions of the events registering the ledger key that signed `checkpoint`
    /// and the witnesses that cosigned it.
    private static func registrationPositions(of checkpoint: WitnessedCheckpoint, in ledger: Ledger) throws -> [Int64] {
        let size = checkpoint.signed.checkpoint.size
        let keys = PlanState(folding: try ledger.entries(stream: .partnership).filter { $0.position <= size }.map(\.recorded))
        guard let signer = keys.ledgerKey(signing: checkpoint.signed.note, size: size) else {
            throw LedgerError(.invalidInput, "the checkpoint of \(size) events is not signed by a key registered within it")
        }
        return [signer.registeredAt] + checkpoint.cosigners.map(\.witness.registeredAt)
    }

    /// The export line of the event at `position` and its inclusion proof in the tree of
    /// the first `size` events.
    private static func proven(_ position: Int64, size: Int64, _ ledger: Ledger) throws -> JSONValue {
        guard let entry = try ledger.entries(from: position, to: position).first else {
            throw LedgerError(.unknown, "the log has no event at position \(position)")
        }
        return .object([
            "event": .string(ExportLine.text(entry)),
            "inclusion": .array(try ledger.inclusionProof(position: position, size: size).map { .string($0.base64) }),
        ])
    }
}
