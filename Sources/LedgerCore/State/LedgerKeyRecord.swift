/// A ledger key as the log registered it, and when it was revoked.
public struct LedgerKeyRecord: Equatable, Sendable {
    public var key: NoteVerifierKey
    /// The position of its registration.
    public var registeredAt: Int64
    /// The position of its revocation, if revoked.
    public var revokedAt: Int64?

    /// Whether a checkpoint of the first `size` events may carry its signature: it was
    /// registered within them and not revoked within them.
    public func signs(size: Int64) -> Bool {
        registeredAt <= size && (revokedAt.map { $0 > size } ?? true)
    }
}

extension PlanState {
    /// The registered ledger key of one of `note`'s signatures that may sign a
    /// checkpoint of `size` events, and whose signature is valid; nil for none.
    public func ledgerKey(signing note: SignedNote, size: Int64) -> LedgerKeyRecord? {
        ledgerKeys.values.sorted { $0.registeredAt < $1.registeredAt }.first { $0.signs(size: size) && note.isSigned(by: $0.key) }
    }
}

extension PlanState {
    /// Writes the ledger keys, by text, in the binary form of a snapshot.
    ///
    /// The keys are registered and revoked in the partnership's stream, so they are
    /// stored as part of the partnership's record in the versioned projection, and
    /// after the tokens in a snapshot.
    func writeLedgerKeys(to out: inout SnapshotWriter) {
        out.int(Int64(ledgerKeys.count))
        for (text, record) in ledgerKeys.sorted(by: { $0.key < $1.key }) {
            out.string(text)
            out.int(record.registeredAt)
            out.optional(record.revokedAt) { $0.int($1) }
        }
    }

    /// Reads the keys ``writeLedgerKeys(to:)`` wrote.
    /// - Throws: ``SnapshotError`` for bytes that are not such keys.
    static func ledgerKeys(from r: inout SnapshotReader) throws -> [String: LedgerKeyRecord] {
        var keys: [String: LedgerKeyRecord] = [:]
        for _ in 0..<(try r.count()) {
            let text = try r.string()
            guard let key = try? NoteVerifierKey(text: text) else { throw SnapshotError() }
            keys[text] = LedgerKeyRecord(key: key, registeredAt: try r.int(), revokedAt: try r.optional { try $0.int() })
        }
        return keys
    }
}
