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
