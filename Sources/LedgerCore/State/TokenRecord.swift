/// An access token as the fold leaves it: whom it signs in as, until when, and
/// whether it has ended.
public struct TokenRecord: Equatable, Sendable {
    public var id: TokenID
    public var actor: ActorID
    /// `hex(SHA-256(ascii(token text)))`: what a presented token is compared with.
    public var sha256: String
    public var label: String?
    /// The coordinator who issued it, and when.
    public var issuedBy: ActorID
    public var issuedAt: Instant
    public var expiresAt: Instant
    /// How the token ended before its expiry, if it did.
    public var ended: TokenEnd?

    /// Whether the token authorises anything at `instant`: not ended, and not yet
    /// expired (a token expires at `expiresAt` exactly).
    public func isLive(at instant: Instant) -> Bool { ended == nil && instant < expiresAt }
}

/// The end of a token before its expiry: revoked, or its actor deactivated.
public struct TokenEnd: Equatable, Sendable {
    public var at: Instant
    /// The revocation's reason; nil for a revocation without one and for a deactivation.
    public var reason: String?
    /// Ended because its actor was deactivated, not by a revocation.
    public var byDeactivation: Bool

    public init(at: Instant, reason: String?, byDeactivation: Bool) {
        (self.at, self.reason, self.byDeactivation) = (at, reason, byDeactivation)
    }
}
