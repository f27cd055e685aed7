import LedgerCore

/// Who a presented token proves the caller to be: the result of
/// ``Ledger/authenticate(token:)``, and what a write made through the server is
/// authorised by (``Ledger/execute(_:by:effective:expectVersion:acceptClockBehind:)``).
///
/// It holds no secret: only the token's id, which every event it authorises records.
public struct Credential: Sendable, Equatable {
    /// The token's id, recorded in the `credential` field of every event it authorises.
    public var token: TokenID
    /// The actor the token was issued to; events it authorises are theirs.
    public var actor: ActorID
    /// The actor's partner and role, as the log had them when the token was checked.
    public var partner: PartnerID
    public var role: Role
    public var expiresAt: Instant

    public init(token: TokenID, actor: ActorID, partner: PartnerID, role: Role, expiresAt: Instant) {
        (self.token, self.actor, self.partner, self.role, self.expiresAt) = (token, actor, partner, role, expiresAt)
    }
}
