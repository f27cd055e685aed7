import LedgerCore
import LedgerStore
import Testing

/// Ledger keys and checkpoints in the domain: the signed-note key forms, who may
/// register, revoke and sign, and that a key signs only while registered and not revoked.
@Suite struct LedgerKeyTests {
    static let origin = "csp-ledger/test-csp/0123456789abcdef"

    @Test func keysReadBackAsWrittenAndABadIdOrShapeIsRefused() throws {
        let key = try NoteSigningKey.generate(name: Self.origin)
        #expect(try NoteSigningKey(text: key.text).verifierKey == key.verifierKey)
        #expect(try NoteVerifierKey(text: key.verifierKey.text) == key.verifierKey)
        var parts = key.verifierKey.text.split(separator: "+").map(String.init)
        parts[1] = parts[1] == "00000000" ? "00000001" : "00000000"
        #expect(throws: LedgerError.self) { try NoteVerifierKey(text: parts.joined(separator: "+")) }
        #expect(throws: LedgerError.self) { try NoteVerifierKey(text: "name+01234567") }
        #expect(throws: LedgerError.self) { try NoteSigningKey.generate(name: "two words") }
        #expect(throws: LedgerError.self) { try NoteSigningKey.generate(name: "a+b") }
    }

    @Test func aSignedNoteReadsBackAndChecksOnlyUnderItsKeyAndText() throws {
        let key = try NoteSigningKey.generate(name: Self.origin)
        let checkpoint = Checkpoint(origin: Self.origin, size: 12, root: .leaf([1, 2, 3]))
        let note = try key.sign(checkpoint.text)
        let read = try SignedCheckpoint(parsing: note.serialized)
        #expect(read.checkpoint == checkpoint)
        #expect(read.note.isSigned(by: key.verifierKey))
        #expect(!read.note.isSigned(by: try NoteSigningKey.generate(name: Self.origin).verifierKey))
        let altered = note.serialized.replacingOccurrences(of: "\n12\n", with: "\n13\n")
        #expect(!(try SignedNote(parsing: altered)).isSigned(by: key.verifierKey))
        #expect(throws: LedgerError.self) { try SignedCheckpoint(parsing: checkpoint.text) }
    }

    /// A book with a registered key; its checkpoint of the log as it stands.
    static func book() throws -> (Book, NoteSigningKey) {
        var book = try Book.standard()
        let key = try NoteSigningKey.generate(name: Self.origin)
        try book.execute(.registerLedgerKey(key.verifierKey.text), by: "coord")
        return (book, key)
    }

    static func checkpoint(_ book: Book, _ key: NoteSigningKey, size: Int64? = nil) throws -> Command {
        let size = size ?? book.state.position
        let root = try book.log.treeRoot(size: size)
        return .recordCheckpoint(try key.sign(Checkpoint(origin: Self.origin, size: size, root: root).text).serialized)
    }

    @Test func onlyACoordinatorRegistersAKeyAndOnlyOnce() throws {
        var (book, key) = try Self.book()
        #expect(book.state.ledgerKeys[key.verifierKey.text]?.registeredAt == book.state.position)
        #expect(throws: LedgerError.self) { try book.execute(.registerLedgerKey(key.verifierKey.text), by: "coord") }
        let other = try NoteSigningKey.generate(name: Self.origin)
        #expect(throws: LedgerError.self) { try book.execute(.registerLedgerKey(other.verifierKey.text), by: "police.lead") }
        #expect(throws: LedgerError.self) { try book.execute(.registerLedgerKey("not a key"), by: "coord") }
    }

    @Test func aCheckpointCoversEveryEventBeforeItAndIsSignedByARegisteredKey() throws {
        var (book, key) = try Self.book()
        try book.execute(try Self.checkpoint(book, key), by: "coord")
        #expect(book.events.last?.event.typeName == "CheckpointSigned")
        // A size that is not the log's, and a key the log never registered, are refused.
        #expect(throws: LedgerError.self) { try book.execute(try Self.checkpoint(book, key, size: book.state.position - 1), by: "coord") }
        let stranger = try NoteSigningKey.generate(name: Self.origin)
        #expect(throws: LedgerError.self) { try book.execute(try Self.checkpoint(book, stranger), by: "coord") }
        #expect(throws: LedgerError.self) { try book.execute(try Self.checkpoint(book, key), by: "police.lead") }
        // A root that is not the log's is refused when it is recorded.
        let size = book.state.position
        let wrong = Checkpoint(origin: Self.origin, size: size, root: try book.log.treeRoot(size: size - 1))
        #expect(throws: LedgerError.self) { try book.execute(.recordCheckpoint(try key.sign(wrong.text).serialized), by: "coord") }
    }

    @Test func aRevokedKeySignsNoLaterCheckpointButItsEarlierOnesStand() throws {
        var (book, key) = try Self.book()
        let signedAt = book.state.position
        try book.execute(try Self.checkpoint(book, key), by: "coord")
        try book.execute(.revokeLedgerKey(key.verifierKey.text, reason: "laptop lost"), by: "coord")
        let record = book.state.ledgerKeys[key.verifierKey.text]!
        #expect(record.signs(size: signedAt))
        #expect(!record.signs(size: book.state.position))
        #expect(throws: LedgerError.self) { try book.execute(try Self.checkpoint(book, key), by: "coord") }
        #expect(throws: LedgerError.self) { try book.execute(.revokeLedgerKey(key.verifierKey.text, reason: nil), by: "coord") }
        // The fold's snapshot keeps the keys.
        #expect(try PlanState(snapshotBytes: book.state.snapshotBytes) == book.state)
    }
}
