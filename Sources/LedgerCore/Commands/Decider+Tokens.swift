/// Issuing and revoking access tokens: a coordinator's work, which
/// ``Decider/decide(_:in:)`` has checked.
extension Decider {
    static func issueToken(
        _ id: TokenID, actor: ActorID, sha256: String, expiresAt: Instant?, label: String?, in context: Decision
    ) throws(LedgerError) -> [Event] {
        let state = context.now
        guard TokenRules.isTokenID(id.rawValue) else {
            throw .invalid("token id '\(id)' is not valid: a token id is \(TokenRules.idLength) lowercase hexadecimal digits")
        }
        guard state.tokens[id] == nil else { throw .duplicate("token '\(id)' is already issued; issue it under another id") }
        guard TokenRules.isSHA256(sha256) else {
            throw .invalid("a token's hash is 64 lowercase hexadecimal digits (SHA-256); this one is not")
        }
        guard let holder = state.actors[actor] else {
            throw .unknown("actor '\(actor)' is not registered; a token is issued to a registered actor", hint: .listActors)
        }
        guard holder.active else { throw .transition("actor '\(actor)' is deactivated; a token is issued to an active actor only") }
        let expiry = expiresAt ?? context.recordedAt.adding(milliseconds: TokenRules.defaultLifetime)
        guard expiry > context.recordedAt else {
            throw .invalid("the token would expire at \(expiry), not after its issue at \(context.recordedAt); give a later expiry")
        }
        guard expiry <= context.recordedAt.adding(milliseconds: TokenRules.longestLifetime) else {
            throw .invalid("the token would expire at \(expiry), more than 366 days after its issue; give an earlier expiry")
        }
        return [
            .tokenIssued(
                TokenIssued(
                    token: id, actor: actor, sha256: sha256, expiresAt: expiry,
                    label: try context.textIfGiven(label, "token label", as: .name)))
        ]
    }

    static func revokeToken(_ id: TokenID, reason: String?, in context: Decision) throws(LedgerError) -> [Event] {
        guard let token = context.now.tokens[id] else { throw .unknown("token '\(id)' was never issued") }
        if let ended = token.ended {
            throw .transition(
                ended.byDeactivation
                    ? "token '\(id)' ended when actor '\(token.actor)' was deactivated; it needs no revocation"
                    : "token '\(id)' is already revoked")
        }
        return [.tokenRevoked(TokenRevoked(token: id, reason: try context.textIfGiven(reason, "reason")))]
    }
}

/// The rules of tokens that events and credentials are checked against.
public enum TokenRules {
    /// A token lasts 90 days unless its issuer says otherwise.
    public static let defaultLifetime: Int64 = 90 * 86_400_000
    /// No token lasts more than 366 days: a leaked token stops working within a year
    /// even if nobody revokes it.
    public static let longestLifetime: Int64 = 366 * 86_400_000
    /// The length of a token id: 16 lowercase hexadecimal digits (64 random bits), so
    /// that the token text splits into its parts without ambiguity.
    public static let idLength = 16

    /// Whether `text` has the shape of a token id.
    public static func isTokenID(_ text: String) -> Bool { isLowercaseHex(text, count: idLength) }

    /// Whether `text` has the shape of a SHA-256 in hex.
    public static func isSHA256(_ text: String) -> Bool { isLowercaseHex(text, count: 64) }

    private static func isLowercaseHex(_ text: String, count: Int) -> Bool {
        text.utf8.count == count
            && text.utf8.allSatisfy {
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
            }
    }
}

extension PlanState {
    /// Checks that token `id` authorises a write by `actor` recorded at `instant`:
    /// issued to that actor, neither revoked nor ended by a deactivation, and not
    /// expired. The one check of a credential, for the decider and for `verify`.
    /// - Throws: ``LedgerError`` `.forbidden`, saying only that the credential does not
    ///   authorise the write, never which of these failed.
    public func checkCredential(_ id: TokenID, for actor: ActorID, at instant: Instant) throws(LedgerError) {
        guard let token = tokens[id], token.actor == actor, token.isLive(at: instant), actors[actor]?.active == true else {
            throw .forbidden("credential '\(id)' does not authorise a write by '\(actor)' now; sign in with a valid token")
        }
    }
}

extension PlanState {
    /// Checks that `reader` may read the partnership's token metadata (ids, holders,
    /// labels, issue and expiry times): an active coordinator or auditor.
    /// - Throws: ``LedgerError`` `.forbidden` for anyone else.
    public func requireTokenReader(_ reader: ActorID) throws(LedgerError) {
        guard let actor = actors[reader], actor.active else {
            throw .forbidden("actor '\(reader)' is not a registered, active actor; use the id of one", hint: .listActors)
        }
        guard actor.role == .coordinator || actor.role == .auditor else {
            throw .forbidden("actor '\(reader)' is a \(actor.role.rawValue); only coordinators and auditors read the list of tokens")
        }
    }
}
