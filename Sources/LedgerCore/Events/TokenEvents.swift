/// Credentials as events: a token is issued and revoked in the log like any other
/// change, so that who could sign in, when, and who allowed it is audited.
///
/// The log never holds a token itself, only its SHA-256: whoever reads the file (an
/// auditor, a backup) learns nothing that would let them write.

/// A coordinator issued an access token to `actor`, valid until `expiresAt` unless
/// revoked first or the actor is deactivated.
public struct TokenIssued: EventPayload {
    public static let typeName = "TokenIssued"
    public var streamID: StreamID { .token(token) }
    public var event: Event { .tokenIssued(self) }

    /// The token's id, which the token text carries so that it is looked up by id.
    public var token: TokenID
    /// The actor the token signs in as; events it authorises are theirs.
    public var actor: ActorID
    /// `hex(SHA-256(ascii(token text)))`, lowercase: never the token itself.
    public var sha256: String
    public var expiresAt: Instant
    /// What the token is for, as the coordinator put it (`browser, Kent Police office`).
    public var label: String?

    public init(token: TokenID, actor: ActorID, sha256: String, expiresAt: Instant, label: String?) {
        (self.token, self.actor, self.sha256, self.expiresAt, self.label) = (token, actor, sha256, expiresAt, label)
    }
}

/// A coordinator revoked a token: from this event on it authorises nothing.
public struct TokenRevoked: EventPayload {
    public static let typeName = "TokenRevoked"
    public var streamID: StreamID { .token(token) }
    public var event: Event { .tokenRevoked(self) }

    public var token: TokenID
    public var reason: String?

    public init(token: TokenID, reason: String?) { (self.token, self.reason) = (token, reason) }
}
