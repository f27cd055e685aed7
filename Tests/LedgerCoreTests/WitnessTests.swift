import LedgerCore
import LedgerStore
import Testing

/// Partners as witnesses in the domain: witness keys, who registers and removes them,
/// the threshold, which cosignatures are recorded, and the witness's own rule of
/// cosigning only a checkpoint that extends the last one.
@Suite struct WitnessTests {
    static let origin = "csp-ledger/test-csp/0123456789abcdef"

    /// A book with a ledger key, two witnesses (police's and fire's) and a checkpoint.
    struct Setup {
        var book: Book
        let ledgerKey = try! NoteSigningKey.generate(name: WitnessTests.origin)
        let police = try! NoteSigningKey.generate(name: "witness/police", type: .cosignature)
        let fire = try! NoteSigningKey.generate(name: "witness/fire", type: .cosignature)

        init() throws {
            book = try Book.standard()
            try book.execute(.registerLedgerKey(ledgerKey.verifierKey.text), by: "coord")
            try book.execute(.registerWitness(police.verifierKey.text, partner: PartnerID("police")), by: "coord")
            try book.execute(.registerWitness(fire.verifierKey.text, partner: PartnerID("fire")), by: "coord")
            try signCheckpoint()
        }

        /// Signs and records a checkpoint of the book as it stands.
        mutating func signCheckpoint() throws {
            let size = book.state.position
            let checkpoint = Checkpoint(origin: WitnessTests.origin, size: size, root: try book.log.treeRoot(size: size))
            try book.execute(.recordCheckpoint(try ledgerKey.sign(checkpoint.text).serialized), by: "coord")
        }

        /// The latest recorded checkpoint and its event id.
        var latest: (signed: SignedCheckpoint, eventID: String) {
            let recorded = book.events.last { $0.event.typeName == "CheckpointSigned" }!
            guard case .checkpointSigned(let e) = recorded.event else { preconditionFailure("a checkpoint") }
            return (try! SignedCheckpoint(parsing: e.checkpoint), recorded.eventID)
        }

        /// `key`'s cosignature of the latest checkpoint, `secondsAfter` the book's clock.
        func cosign(_ key: NoteSigningKey, secondsAfter: Int64 = 0, of target: (signed: SignedCheckpoint, eventID: String)? = nil)
            throws -> Command
        {
            let (signed, id) = target ?? latest
            let time = book.now.millisecondsSince1970 / 1000 + secondsAfter
            let cosignature = try Cosignature.sign(signed.note.text, at: time, with: key)
            return .recordCosignatures(checkpoint: id, [String(cosignature.line.dropLast())])
        }
    }

    @Test func witnessKeysAreCosignerKeysAndLedgerKeysAreNot() throws {
        var setup = try Setup()
        let witness = setup.police.verifierKey
        #expect(witness.type == .cosignature)
        #expect(try NoteVerifierKey(text: witness.text) == witness)
        #expect(try NoteSigningKey(text: setup.police.text).verifierKey == witness)
        // The key id covers the type byte: the same key as a note key has another id.
        #expect(try NoteVerifierKey(name: witness.name, publicKey: witness.publicKey).keyID != witness.keyID)
        #expect(throws: LedgerError.self) { try setup.police.sign("text\n") }
        let stray = try NoteSigningKey.generate(name: "stray", type: .cosignature)
        #expect(throws: LedgerError.self) { try setup.book.execute(.registerLedgerKey(stray.verifierKey.text), by: "coord") }
        let noteKey = try NoteSigningKey.generate(name: "witness/notes")
        #expect(throws: LedgerError.self) {
            try setup.book.execute(.registerWitness(noteKey.verifierKey.text, partner: PartnerID("police")), by: "coord")
        }
    }

    @Test func aCoordinatorRegistersAWitnessOnceForAKnownPartner() throws {
        var setup = try Setup()
        let record = try #require(setup.book.state.witnesses[setup.police.verifierKey.text])
        #expect(record.partner == PartnerID(trusted: "police"))
        #expect(setup.book.state.activeWitnesses.count == 2)
        let before = setup.book.events.count
        #expect(throws: LedgerError.self) {
            try setup.book.execute(.registerWitness(setup.police.verifierKey.text, partner: PartnerID("police")), by: "coord")
        }
        let other = try NoteSigningKey.generate(name: "witness/other", type: .cosignature)
        #expect(throws: LedgerError.self) {
            try setup.book.execute(.registerWitness(other.verifierKey.text, partner: PartnerID("nobody")), by: "coord")
        }
        #expect(throws: LedgerError.self) {
            try setup.book.execute(.registerWitness(other.verifierKey.text, partner: PartnerID("police")), by: "police.lead")
        }
        #expect(setup.book.events.count == before)
    }

    @Test func theThresholdIsBetweenOneAndTheWitnessesRegistered() throws {
        var setup = try Setup()
        #expect(setup.book.state.witnessThreshold == 1)
        #expect(throws: LedgerError.self) { try setup.book.execute(.setWitnessThreshold(1), by: "coord") }
        #expect(throws: LedgerError.self) { try setup.book.execute(.setWitnessThreshold(3), by: "coord") }
        #expect(throws: LedgerError.self) { try setup.book.execute(.setWitnessThreshold(0), by: "coord") }
        try setup.book.execute(.setWitnessThreshold(2), by: "coord")
        #expect(setup.book.state.witnessThreshold == 2)
    }

    @Test func aValidCosignatureOfARecordedCheckpointIsRecordedOnce() throws {
        var setup = try Setup()
        let command = try setup.cosign(setup.police)
        let events = try setup.book.execute(command, by: "coord")
        #expect(events.map(\.typeName) == ["CheckpointCosigned"])
        #expect(setup.book.state.witnesses[setup.police.verifierKey.text]?.lastCosignedAt != nil)
        // The same cosignature again is a replay: not later than the last one recorded.
        #expect(throws: LedgerError.self) { try setup.book.execute(command, by: "coord") }
        #expect(throws: LedgerError.self) { try setup.book.execute(try setup.cosign(setup.fire), by: "police.lead") }
        try setup.book.execute(try setup.cosign(setup.fire), by: "coord")
    }

    @Test func aCosignatureReplayedOntoAnotherCheckpointIsRefused() throws {
        var setup = try Setup()
        let first = setup.latest
        try setup.book.execute(.registerPartner(PartnerID("nhs"), name: "NHS", responsibleAuthority: true), by: "coord")
        try setup.signCheckpoint()
        // Police's cosignature of the first checkpoint, presented as one of the second.
        guard case .recordCosignatures(_, let lines) = try setup.cosign(setup.police, of: first) else { return }
        let replayed = Command.recordCosignatures(checkpoint: setup.latest.eventID, lines)
        let error = #expect(throws: LedgerError.self) { try setup.book.execute(replayed, by: "coord") }
        #expect(error?.message.contains("not a valid cosignature") == true, "\(String(describing: error))")
        // And a cosignature naming an event that is not a checkpoint.
        let notACheckpoint = Command.recordCosignatures(checkpoint: setup.book.events[3].eventID, lines)
        #expect(throws: LedgerError.self) { try setup.book.execute(notACheckpoint, by: "coord") }
    }

    @Test func aRemovedWitnessesLaterCosignatureIsRefusedButItsEarlierOneStands() throws {
        var setup = try Setup()
        try setup.book.execute(try setup.cosign(setup.police), by: "coord")
        try setup.book.execute(.removeWitness(setup.police.verifierKey.text, reason: "laptop lost"), by: "coord")
        #expect(throws: LedgerError.self) {
            try setup.book.execute(.removeWitness(setup.police.verifierKey.text, reason: nil), by: "coord")
        }
        try setup.signCheckpoint()
        let error = #expect(throws: LedgerError.self) {
            try setup.book.execute(try setup.cosign(setup.police, secondsAfter: 1), by: "coord")
        }
        #expect(error?.code == .forbidden)
        #expect(setup.book.state.activeWitnesses.map(\.partner) == [PartnerID(trusted: "fire")])
        #expect(setup.book.events.filter { $0.event.typeName == "CheckpointCosigned" }.count == 1)
    }

    @Test func anUnregisteredKeysCosignatureIsRefused() throws {
        var setup = try Setup()
        let stranger = try NoteSigningKey.generate(name: "witness/police", type: .cosignature)
        let error = #expect(throws: LedgerError.self) { try setup.book.execute(try setup.cosign(stranger), by: "coord") }
        #expect(error?.code == .forbidden)
    }

    @Test func aCosignatureDatedOutsideTheCheckpointsLifeIsRefused() throws {
        var setup = try Setup()
        #expect(throws: LedgerError.self) { try setup.book.execute(try setup.cosign(setup.police, secondsAfter: -3600), by: "coord") }
        #expect(throws: LedgerError.self) { try setup.book.execute(try setup.cosign(setup.police, secondsAfter: 3600), by: "coord") }
        try setup.book.execute(try setup.cosign(setup.police, secondsAfter: 30), by: "coord")
    }

    // MARK: - The witness's own rule

    static let key = try! NoteSigningKey.generate(name: "witness/police", type: .cosignature)

    @Test func aWitnessCosignsOnlyACheckpointThatExtendsItsLast() throws {
        var setup = try Setup()
        let first = setup.latest.signed
        guard case .cosigned(_, let remembered) = try Witness.consider(first, proof: nil, last: nil, key: Self.key, at: 1) else {
            Issue.record("first use cosigns")
            return
        }
        #expect(remembered == first.checkpoint)
        // The same checkpoint again is cosigned again.
        #expect(try Witness.consider(first, proof: nil, last: remembered, key: Self.key, at: 2) != .forked(""))
        try setup.book.execute(.registerPartner(PartnerID("nhs"), name: "NHS", responsibleAuthority: true), by: "coord")
        try setup.signCheckpoint()
        let second = setup.latest.signed
        let hashes = try setup.book.log.consistencyProof(old: first.checkpoint.size, new: second.checkpoint.size)
        let proof = ConsistencyProof(oldSize: first.checkpoint.size, hashes: hashes, checkpoint: second)
        guard case .cosigned(let cosignature, let next) = try Witness.consider(second, proof: proof, last: remembered, key: Self.key, at: 3)
        else {
            Issue.record("a consistent checkpoint is cosigned")
            return
        }
        #expect(next == second.checkpoint)
        #expect(cosignature.isValid(for: second.note.text, by: Self.key.verifierKey))
        #expect(!cosignature.isValid(for: first.note.text, by: Self.key.verifierKey))
        // Without a proof a larger checkpoint is not decided; a smaller one is a fork.
        #expect(throws: LedgerError.self) { try Witness.consider(second, proof: nil, last: remembered, key: Self.key, at: 4) }
        guard case .forked(let reason) = try Witness.consider(first, proof: nil, last: next, key: Self.key, at: 5) else {
            Issue.record("a smaller checkpoint is refused")
            return
        }
        #expect(reason.contains("fewer than"))
        // A proof whose hashes were changed does not link them.
        var broken = proof
        broken.hashes[0] = .leaf([9])
        guard case .forked = try Witness.consider(second, proof: broken, last: remembered, key: Self.key, at: 6) else {
            Issue.record("a proof that does not link is a fork")
            return
        }
    }

    @Test func aCheckpointOfTheSameSizeWithAnotherRootIsAFork() throws {
        let a = try Setup().latest.signed
        let other = Checkpoint(origin: a.checkpoint.origin, size: a.checkpoint.size, root: .leaf([1]))
        let b = try SignedCheckpoint(note: try NoteSigningKey.generate(name: Self.origin).sign(other.text))
        guard case .forked(let reason) = try Witness.consider(b, proof: nil, last: a.checkpoint, key: Self.key, at: 1) else {
            Issue.record("the same size with another root is a fork")
            return
        }
        #expect(reason.contains("has root"))
        let otherLog = Checkpoint(origin: "csp-ledger/other/0000000000000000", size: 1, root: .leaf([1]))
        let c = try SignedCheckpoint(note: try NoteSigningKey.generate(name: Self.origin).sign(otherLog.text))
        #expect(throws: LedgerError.self) { try Witness.consider(c, proof: nil, last: a.checkpoint, key: Self.key, at: 1) }
    }

    @Test func witnessesAndTheThresholdSurviveTheSnapshotAndTheRecordBytes() throws {
        var setup = try Setup()
        try setup.book.execute(try setup.cosign(setup.police), by: "coord")
        try setup.book.execute(.setWitnessThreshold(2), by: "coord")
        try setup.book.execute(.removeWitness(setup.fire.verifierKey.text, reason: nil), by: "coord")
        let state = setup.book.state
        #expect(try PlanState(snapshotBytes: state.snapshotBytes) == state)
        var rebuilt = PlanState()
        for key in [RecordKey.partnership] { try rebuilt.setRecord(key, bytes: try #require(state.recordBytes(key))) }
        #expect(rebuilt.witnesses == state.witnesses)
        #expect(rebuilt.witnessThreshold == 2)
    }
}
