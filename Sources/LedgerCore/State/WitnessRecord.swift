/// A partner's witness as the log registered it, when it was removed, and the time of
/// its latest cosignature recorded.
public struct WitnessRecord: Equatable, Sendable {
    public var key: NoteVerifierKey
    public var partner: PartnerID
    /// The position of its registration.
    public var registeredAt: Int64
    /// The position of its removal, if removed.
    public var removedAt: Int64?
    /// The time (POSIX seconds) of its latest cosignature the log recorded: a witness
    /// cosigns forward only, so a later one must be later still.
    public var lastCosignedAt: Int64?

    /// Whether a cosignature by this witness, recorded after `position` events, counts.
    public func counts(after position: Int64) -> Bool {
        registeredAt <= position && (removedAt.map { $0 > position } ?? true)
    }
}

extension PlanState {
    /// The registered witness, not removed, whose key made `cosignature` (by its name and
    /// key id); nil for none.
    public func witness(of cosignature: Cosignature) -> WitnessRecord? {
        witnesses.values.first { $0.removedAt == nil && $0.key.name == cosignature.name && $0.key.keyID == cosignature.keyID }
    }

    /// The witnesses not removed, by partner and then key.
    public var activeWitnesses: [WitnessRecord] {
        witnesses.values.filter { $0.removedAt == nil }.sorted { ($0.partner, $0.key.text) < ($1.partner, $1.key.text) }
    }

    /// Writes the witnesses, by key text, and the threshold, in the binary form of a
    /// snapshot: with the ledger keys, as part of the partnership's record.
    func writeWitnesses(to out: inout SnapshotWriter) {
        out.int(Int64(witnesses.count))
        for (text, record) in witnesses.sorted(by: { $0.key < $1.key }) {
            out.string(text)
            out.id(record.partner)
            out.int(record.registeredAt)
            out.optional(record.removedAt) { $0.int($1) }
            out.optional(record.lastCosignedAt) { $0.int($1) }
        }
        out.int(Int64(witnessThreshold))
    }

    /// Reads what ``writeWitnesses(to:)`` wrote.
    /// - Throws: ``SnapshotError`` for bytes that are not such witnesses.
    mutating func readWitnesses(from r: inout SnapshotReader) throws {
        var read: [String: WitnessRecord] = [:]
        for _ in 0..<(try r.count()) {
            let text = try r.string()
            guard let key = try? NoteVerifierKey(text: text), key.type == .cosignature else { throw SnapshotError() }
            read[text] = WitnessRecord(
                key: key, partner: try r.id(), registeredAt: try r.int(), removedAt: try r.optional { try $0.int() },
                lastCosignedAt: try r.optional { try $0.int() })
        }
        witnesses = read
        witnessThreshold = Int(try r.int())
    }
}
