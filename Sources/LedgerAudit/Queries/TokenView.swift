import CanonicalJSON
import LedgerCore

/// The partnership's access tokens as `token list` prints them: who holds each, what
/// it is for, when it was issued and expires, and whether it still signs anyone in.
/// Never their hashes: a list is for people managing access, and the hash is of no use
/// to them.
public struct TokenView: Sendable {
    public var tokens: [TokenRecord]
    /// The time the statuses are given for.
    public var now: Instant
    public var clock: ReportClock

    public init(state: PlanState, now: Instant, clock: ReportClock) {
        self.tokens = state.tokens.values.sorted { ($0.issuedAt, $0.id) < ($1.issuedAt, $1.id) }
        (self.now, self.clock) = (now, clock)
    }

    /// `live`, `expired`, `revoked`, or `ended` (its actor was deactivated).
    public func status(_ token: TokenRecord) -> String {
        if let ended = token.ended { return ended.byDeactivation ? "ended" : "revoked" }
        return token.isLive(at: now) ? "live" : "expired"
    }

    public var json: JSONValue {
        .array(
            tokens.map { t in
                .object([
                    "id": .string(t.id.rawValue), "actor": .string(t.actor.rawValue), "label": .optional(t.label),
                    "issuedBy": .string(t.issuedBy.rawValue), "issuedAt": .string(t.issuedAt.iso8601),
                    "expiresAt": .string(t.expiresAt.iso8601), "status": .string(status(t)),
                    "endedAt": .optional(t.ended?.at.iso8601), "reason": .optional(t.ended?.reason),
                ])
            })
    }

    public var table: TextTable {
        TextTable(
            title: "Access tokens (\(tokens.count), status at \(clock.text(now)))",
            columns: ["id", "actor", "label", "issued", "issued by", "expires", "status", "ended"],
            rows: tokens.map { t in
                [
                    t.id.rawValue, t.actor.rawValue, t.label ?? "", clock.text(t.issuedAt), t.issuedBy.rawValue, clock.text(t.expiresAt),
                    status(t), t.ended.map { clock.text($0.at) } ?? "",
                ]
            })
    }
}
