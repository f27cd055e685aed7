import GRDB
import LedgerCore

/// A token just issued: the only time its text exists outside its holder's hands.
public struct IssuedToken: Sendable {
    /// The token to hand to its holder, once; the log keeps only its SHA-256.
    public var token: TokenText
    public var actor: ActorID
    public var expiresAt: Instant
    /// The appended events (a `TokenIssued`, after any the ledger adds).
    public var entries: [LogEntry]
}

extension EventLog {
    /// Issues a new access token to `actor`: generates it (``TokenText``) and appends a
    /// `TokenIssued` holding its SHA-256, never the token.
    /// - Parameters:
    ///   - actor: the active actor the token signs in as.
    ///   - issuer: the coordinator issuing it.
    ///   - expiresAt: when it expires; nil for 90 days after it is recorded.
    ///   - label: what it is for, for the coordinator's list.
    ///   - credential: the token that authorises the issuer, for a server's write.
    /// - Throws: `LedgerError` when the rules refuse it (``Decider``), ``StoreError`` for
    ///   a storage failure; nothing is written either way.
    public func issueToken(
        to actor: ActorID, by issuer: ActorID, expiresAt: Instant? = nil, label: String? = nil, credential: TokenID? = nil
    ) throws -> IssuedToken {
        let token = TokenText.generate()
        let entries = try execute(
            .issueToken(token.id, actor: actor, sha256: token.sha256, expiresAt: expiresAt, label: label), by: issuer,
            credential: credential)
        guard case .tokenIssued(let issued)? = entries.last?.recorded.event else {
            preconditionFailure("issuing a token appends its TokenIssued last")
        }
        return IssuedToken(token: token, actor: actor, expiresAt: issued.expiresAt, entries: entries)
    }
}

extension Ledger {
    /// Who `token` proves its bearer to be, now by this ledger's clock.
    ///
    /// The token is found by the id it carries; its SHA-256 is compared with the stored
    /// one in constant time. Only the token's own stream and its actor's are read, and
    /// folded by `PlanState.apply` like every other answer.
    /// - Throws: ``StoreError`` `.unauthenticated` for a token that is malformed,
    ///   unknown, expired or revoked, or whose actor was deactivated: the same error for
    ///   each, so that a caller learns nothing about which; ``StoreError`` for a storage
    ///   failure.
    public func authenticate(token text: String) async throws -> Credential {
        let presented = TokenText(parsing: text)
        let id = presented?.id ?? TokenID(trusted: "0")
        let state = try await read { db in try Ledger.tokenState(db, id) }
        guard let presented, let token = state.tokens[presented.id], presented.matches(token.sha256),
            token.isLive(at: clock.now), let actor = state.actors[token.actor], actor.active
        else {
            throw StoreError(
                .unauthenticated,
                "the token is not valid: it is unknown, expired or revoked, or its holder can no longer sign in; ask a coordinator for a new one"
            )
        }
        return Credential(token: token.id, actor: actor.id, partner: actor.partner, role: actor.role, expiresAt: token.expiresAt)
    }

    /// Appends the events of `command` as a write authorised by `credential`: the
    /// events are its actor's, for the actor's partner, and each records the token's id
    /// (envelope version 2). The decider checks again, inside the write, that the token
    /// is live and its actor active and allowed, so a token revoked since
    /// ``authenticate(token:)`` writes nothing.
    /// - Parameter ids: this write's own event ids (a server's `Idempotency-Key`).
    /// - Throws: as ``EventLog/execute(_:by:effective:expectVersion:acceptClockBehind:credential:)``.
    @discardableResult
    public func execute(
        _ command: Command, by credential: Credential, effective: Instant? = nil, expectVersion: Int? = nil,
        acceptClockBehind: Bool = false, ids: EventIDGenerator? = nil
    ) async throws -> [LogEntry] {
        try await execute(
            command, by: credential.actor, effective: effective, expectVersion: expectVersion, acceptClockBehind: acceptClockBehind,
            credential: credential.token, ids: ids)
    }

    /// The fold of token `id`'s stream and its actor's: all an authentication reads.
    private static func tokenState(_ db: Database, _ id: TokenID) throws -> PlanState {
        let stream = StreamID.token(id).text
        var state = PlanState()
        try EventRows.fold(db, into: &state, where: "stream_id = ?", [stream])
        guard let actor = state.tokens[id]?.actor else { return state }
        state = PlanState()
        try EventRows.fold(db, into: &state, where: "stream_id IN (?, ?)", [stream, StreamID.actor(actor).text])
        return state
    }
}
