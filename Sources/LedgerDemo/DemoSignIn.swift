import LedgerAudit
import LedgerCore
import LedgerStore

/// The access tokens `demo` issues after its story, so that a new user can sign in to
/// `csp-ledger serve` at once: a partner lead's and an auditor's, each valid for 30
/// days of real time.
///
/// They are recorded by the system clock after the deterministic story (positions 1 to
/// 765, whose digest never changes), so the head after them differs on every run.
public struct DemoSignIn: Sendable {
    public var lead: IssuedToken
    public var auditor: IssuedToken

    /// How long the demo's tokens last.
    static let lifetime: Int64 = 30 * 86_400_000

    /// Issues the two tokens on the ledger at `path`, by the demo's coordinator.
    static func issue(at path: String) throws -> DemoSignIn {
        let ledger = try Ledger.open(at: path, access: .readWrite)
        let state = try ledger.state()
        // The first active lead, by id, whose partner leads an open action: someone with
        // progress to report.
        let leading = Set(state.actions.values.filter { !$0.closed }.compactMap(\.lead))
        guard
            let lead = state.actors.values.filter({ $0.active && $0.role == .lead && leading.contains($0.partner) }).map(\.id).min(),
            let auditor = state.actors.values.filter({ $0.active && $0.role == .auditor }).map(\.id).min()
        else { preconditionFailure("the demo's story has an active lead and an auditor") }
        let expiry = ledger.clock.now.adding(milliseconds: lifetime)
        return DemoSignIn(
            lead: try ledger.issueToken(to: lead, by: DemoScript.coordinator, expiresAt: expiry, label: "demo: a partner lead"),
            auditor: try ledger.issueToken(to: auditor, by: DemoScript.coordinator, expiresAt: expiry, label: "demo: an auditor"))
    }

    /// The lines the tour ends with: the tokens and how to use them.
    func lines(db: String, clock: ReportClock) -> [String] {
        [
            "Use the partnership's server with these tokens (valid until \(clock.text(lead.expiresAt))):",
            "  csp-ledger serve --db \(db)",
            "  as \(lead.actor) (a partner lead, who reports progress): \(lead.token.text)",
            "  as \(auditor.actor) (an auditor, who reads): \(auditor.token.text)",
            "  and send one to its JSON API (README, \"The JSON API\"), for example:",
            "  curl -H 'Authorization: Bearer \(lead.token.text)' http://127.0.0.1:8080/api/actions/ASB-1",
            "  The ledger keeps only each token's SHA-256 (TokenIssued at positions \(lead.entries.last!.position) and \(auditor.entries.last!.position)); list them with",
            "  csp-ledger token list --db \(db) --actor \(DemoScript.coordinator)",
        ]
    }
}
