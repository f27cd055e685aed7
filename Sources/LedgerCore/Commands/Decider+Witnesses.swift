extension Decider {
    /// The most witnesses a partnership may require: a sanity bound, far above any real one.
    static let witnessThresholdLimit = 100

    /// `witness register`: a partner's witness key.
    static func registerWitness(_ text: String, partner: PartnerID, in context: Decision) throws(LedgerError) -> [Event] {
        let key = try NoteVerifierKey(text: text)
        guard key.text == text else { throw .invalid("give the witness key exactly as FILE.pub holds it") }
        guard key.type == .cosignature else {
            throw .invalid("\(key.name) is a key that signs notes (type 0x01), not a witness's; make one with witness key generate")
        }
        try context.now.requirePartner(partner)
        if context.now.witnesses[text] != nil {
            throw .duplicate(
                "the witness key \(key.name) (\(text.prefix(120))) is already registered; a removed one is not registered again")
        }
        if context.now.ledgerKeys.values.contains(where: { $0.key.publicKey == key.publicKey })
            || context.now.witnesses.values.contains(where: {
                $0.key.publicKey == key.publicKey || ($0.key.name, $0.key.keyID) == (key.name, key.keyID)
            })
        {
            throw .duplicate(
                "the witness key \(key.name) shares its public key, or its name and id, with a registered key; give each witness its own key"
            )
        }
        return [.witnessRegistered(WitnessRegistered(partner: partner, key: text))]
    }

    /// `witness remove`: the witness's later cosignatures are refused.
    static func removeWitness(_ text: String, reason: String?, in context: Decision) throws(LedgerError) -> [Event] {
        guard let record = context.now.witnesses[text] else {
            throw .unknown("the witness key '\(text.prefix(120))' is not registered in this ledger")
        }
        guard record.removedAt == nil else { throw .transition("the witness \(record.key.name) is already removed") }
        return [.witnessRemoved(WitnessRemoved(key: text, reason: try context.textIfGiven(reason, "reason")))]
    }

    /// `witness threshold`: how many witnesses make a checkpoint witnessed.
    static func setWitnessThreshold(_ threshold: Int, in context: Decision) throws(LedgerError) -> [Event] {
        let witnesses = context.now.activeWitnesses.count
        guard (1...witnessThresholdLimit).contains(threshold) else {
            throw .invalid("the witness threshold is a number from 1 to \(witnessThresholdLimit), not \(threshold)")
        }
        guard threshold <= witnesses else {
            throw .invalid("the threshold \(threshold) is more than the \(witnesses) registered witnesses; register more witnesses first")
        }
        guard threshold != context.now.witnessThreshold else { throw .transition("the witness threshold is already \(threshold)") }
        return [.witnessThresholdSet(WitnessThresholdSet(threshold: threshold))]
    }

    /// `checkpoint --cosignature`: witnesses' cosignatures of the checkpoint recorded by
    /// the event `checkpointID` (the decision's referenced event). Each must be a valid
    /// `cosignature/v1` of that checkpoint by a registered witness that is not removed,
    /// later than that witness's last one recorded, and made between the checkpoint's
    /// recording and now (within the clock allowance either way).
    static func recordCosignatures(_ lines: [String], of checkpointID: String, in context: Decision) throws(LedgerError) -> [Event] {
        guard let recorded = context.referenced, recorded.eventID == checkpointID, case .checkpointSigned(let e) = recorded.event else {
            throw .unknown("no checkpoint is recorded with the event id '\(checkpointID.prefix(80))'; record the checkpoint first")
        }
        let signed = try SignedCheckpoint(parsing: e.checkpoint)
        guard !lines.isEmpty else { throw .invalid("give at least one cosignature") }
        var seen: Set<String> = []
        var events: [Event] = []
        for line in lines {
            let cosignature = try Cosignature(line: line)
            guard cosignature.line == line + "\n" else { throw .invalid("give the cosignature line exactly as witness cosign wrote it") }
            guard let witness = context.now.witness(of: cosignature) else {
                throw .forbidden(
                    "the cosignature by \(cosignature.name.prefix(80)) is not by a registered witness (or the witness was removed); register its key with witness register"
                )
            }
            guard cosignature.isValid(for: signed.note.text, by: witness.key) else {
                throw .invalid(
                    "the cosignature by \(witness.key.name) is not a valid cosignature of the checkpoint of \(signed.checkpoint.size) events recorded at position \(recorded.position)"
                )
            }
            guard seen.insert(witness.key.text).inserted else { throw .duplicate("two cosignatures by \(witness.key.name); give one") }
            if let last = witness.lastCosignedAt, cosignature.timestamp <= last {
                throw .duplicate(
                    "the cosignature by \(witness.key.name) is not later than its last one recorded (\(Instant(millisecondsSince1970: last * 1000))); a witness cosigns forward only"
                )
            }
            let earliest = recorded.recordedAt.adding(milliseconds: -RecordingTime.allowedBehind)
            let latest = context.recordedAt.adding(milliseconds: RecordingTime.allowedBehind)
            guard cosignature.instant >= earliest, cosignature.instant <= latest else {
                throw .invalid(
                    "the cosignature by \(witness.key.name) is dated \(cosignature.instant), outside the time from the checkpoint's recording (\(recorded.recordedAt)) to now; check the witness's clock"
                )
            }
            events.append(.checkpointCosigned(CheckpointCosigned(checkpoint: checkpointID, cosignature: line)))
        }
        return events
    }
}
