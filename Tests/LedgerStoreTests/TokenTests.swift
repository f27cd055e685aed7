import Foundation
import GRDB
import LedgerCore
import LedgerTestSupport
import Testing

@testable import LedgerStore

/// Access tokens as events, and writes that carry their credential: what a stolen,
/// expired, revoked or borrowed token can do (nothing), and what a forger who edits the
/// file can hide (nothing `verify` does not name).
@Suite struct TokenTests {
    static let police = try! PartnerID("police")
    static let fire = try! PartnerID("fire")

    func progress(_ action: ActionID = Fixture.action, note: String = "via a token") -> Command {
        .reportProgress(action, status: .onTrack, note: note, percent: 30)
    }

    func refusal(_ fixture: Fixture, _ token: String) async -> StoreError? {
        do {
            _ = try await fixture.ledger.authenticate(token: token)
            return nil
        } catch { return error as? StoreError }
    }

    @Test func anIssuedTokenSignsItsActorInAndTheLogHoldsOnlyItsHash() async throws {
        let fixture = try Fixture()
        let issued = try fixture.ledger.issueToken(to: Fixture.policeLead, by: Fixture.coordinator, label: "Browser")
        let text = issued.token.text
        #expect(text.utf8.count == 64 && text.hasPrefix("csp_\(issued.token.id)_"))
        #expect(issued.expiresAt == fixture.clock.now.adding(milliseconds: 90 * 86_400_000), "90 days by default")
        let credential = try await fixture.ledger.authenticate(token: text)
        #expect(
            credential
                == Credential(
                    token: issued.token.id, actor: Fixture.policeLead, partner: Self.police, role: .lead, expiresAt: issued.expiresAt))

        guard case .tokenIssued(let event) = issued.entries.last?.recorded.event else { Issue.record("no TokenIssued"); return }
        #expect(event.sha256 != text && event.sha256.count == 64)
        #expect(event.sha256 == issued.token.sha256)
        for suffix in ["", "-wal"] {
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: fixture.path + suffix))) ?? Data()
            #expect(bytes.range(of: Data(text.utf8)) == nil, "the token's text is nowhere in the file\(suffix)")
            #expect(bytes.range(of: Data(text.split(separator: "_").last!.utf8)) == nil, "nor its secret")
        }
        #expect(try fixture.ledger.verify().isSound)
    }

    @Test func twoTokensDiffer() throws {
        let texts = (0..<200).map { _ in TokenText.generate().text }
        #expect(Set(texts).count == texts.count)
        #expect(texts.allSatisfy { TokenText(parsing: $0)?.text == $0 })
    }

    @Test func unknownMalformedExpiredRevokedAndDeactivatedTokensAreRefusedAlike() async throws {
        let fixture = try Fixture()
        let ledger = fixture.ledger
        let live = try ledger.issueToken(to: Fixture.policeLead, by: Fixture.coordinator).token.text
        var wrongSecret = Array(live.utf8)
        wrongSecret[wrongSecret.count - 1] = wrongSecret.last == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let revoked = try ledger.issueToken(to: Fixture.policeHelper, by: Fixture.coordinator)
        try await ledger.execute(.revokeToken(revoked.token.id, reason: "laptop lost"), by: Fixture.coordinator)
        let deactivated = try ledger.issueToken(to: Fixture.fireLead, by: Fixture.coordinator).token.text
        try await ledger.execute(.deactivateActor(Fixture.fireLead, reason: "left"), by: Fixture.coordinator)
        let shortLived = try ledger.issueToken(
            to: Fixture.auditor, by: Fixture.coordinator, expiresAt: fixture.clock.now.adding(milliseconds: 60_000)
        ).token.text
        #expect(try await ledger.authenticate(token: shortLived).actor == Fixture.auditor)
        fixture.clock.advance(minutes: 1)

        let presented = [
            ("unknown", TokenText.generate().text), ("wrong secret", String(decoding: wrongSecret, as: UTF8.self)),
            ("revoked", revoked.token.text), ("deactivated actor", deactivated), ("expired at its expiry", shortLived),
            ("empty", ""), ("the hash instead of the token", revoked.token.sha256), ("a megabyte", String(repeating: "x", count: 1 << 20)),
            ("invisible characters", live + "\u{200B}"), ("upper-case id", live.uppercased()), ("an id alone", "csp_\(revoked.token.id)_"),
        ]
        var messages: Set<String> = []
        for (name, token) in presented {
            let error = await refusal(fixture, token)
            #expect(error?.code == .unauthenticated, "\(name)")
            messages.insert(error?.message ?? "")
        }
        #expect(messages.count == 1, "every refusal says the same, never which check failed")
        #expect(!messages.first!.contains(revoked.token.id.rawValue))
        #expect(try await ledger.authenticate(token: live).actor == Fixture.policeLead)
    }

    @Test func aCredentialedWriteIsTheTokensActorsAndCarriesItsCredential() async throws {
        let fixture = try Fixture()
        let issued = try fixture.ledger.issueToken(to: Fixture.policeLead, by: Fixture.coordinator)
        let credential = try await fixture.ledger.authenticate(token: issued.token.text)
        let written = try await fixture.ledger.execute(progress(), by: credential)
        #expect(written.count == 1)
        #expect(written[0].recorded.actor == Fixture.policeLead && written[0].recorded.partner == Self.police)
        #expect(written[0].recorded.credential == issued.token.id)
        let line = ExportLine.text(written[0])
        #expect(line.contains(#""actor":"police.lead","credential":"\#(issued.token.id)","effectiveAt""#))
        #expect(try ExportLine.parse(Data(line.utf8), number: 1) == written[0])
        let stored = try await fixture.ledger.entries(LogFilter(type: "ActionProgressed"))
        #expect(stored.last == written[0], "read back with its credential")
        #expect(try await fixture.ledger.entries(LogFilter(type: "TokenIssued")).allSatisfy { $0.recorded.credential == nil })
        #expect(try fixture.ledger.verify().isSound)

        // The export, imported, is the same log with the same digest.
        let export = fixture.directory.file("log.jsonl")
        var lines: [String] = []
        _ = try fixture.ledger.export { lines.append($0) }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: export))
        let imported = try Ledger.importExport(from: export, into: fixture.directory.file("imported.sqlite"))
        #expect(imported.digest.hash == (try await fixture.ledger.digest()).hash)
        let copy = try Ledger.open(at: fixture.directory.file("imported.sqlite"), access: .readOnly)
        #expect(try await copy.entries(LogFilter(type: "ActionProgressed")).last?.recorded.credential == issued.token.id)
    }

    @Test func anAuditorsTokenNeverWritesAndALeadsTokenOnlyForItsPartnersActions() async throws {
        let fixture = try Fixture()
        let auditor = try await fixture.ledger.authenticate(
            token: try fixture.ledger.issueToken(to: Fixture.auditor, by: Fixture.coordinator).token.text)
        let fireLead = try await fixture.ledger.authenticate(
            token: try fixture.ledger.issueToken(to: Fixture.fireLead, by: Fixture.coordinator).token.text)
        let lead = try await fixture.ledger.authenticate(
            token: try fixture.ledger.issueToken(to: Fixture.policeLead, by: Fixture.coordinator).token.text)
        let before = try fixture.fingerprint()
        for (credential, command) in [
            (auditor, progress()), (fireLead, progress()),
            (
                lead,
                .issueToken(
                    TokenID(trusted: "00000000000000ff"), actor: Fixture.policeLead, sha256: String(repeating: "a", count: 64),
                    expiresAt: nil, label: nil)
            ),
            (lead, .revokeToken(lead.token, reason: nil)),
        ] {
            await #expect { try await fixture.ledger.execute(command, by: credential) } throws: { ($0 as? LedgerError)?.code == .forbidden }
        }
        #expect(try fixture.fingerprint() == before, "nothing was written")
    }

    @Test func aTokenRevokedOrExpiredAfterSignInWritesNothing() async throws {
        let fixture = try Fixture()
        let issued = try fixture.ledger.issueToken(
            to: Fixture.policeLead, by: Fixture.coordinator, expiresAt: fixture.clock.now.adding(milliseconds: 3_600_000))
        let credential = try await fixture.ledger.authenticate(token: issued.token.text)
        fixture.clock.advance(minutes: 60)
        let before = try fixture.fingerprint()
        await #expect { try await fixture.ledger.execute(progress(), by: credential) } throws: { ($0 as? LedgerError)?.code == .forbidden }
        let second = try fixture.ledger.issueToken(to: Fixture.policeLead, by: Fixture.coordinator)
        let signedIn = try await fixture.ledger.authenticate(token: second.token.text)
        try await fixture.ledger.execute(.revokeToken(second.token.id, reason: nil), by: Fixture.coordinator)
        let afterRevoking = try fixture.fingerprint()
        await #expect { try await fixture.ledger.execute(progress(), by: signedIn) } throws: { ($0 as? LedgerError)?.code == .forbidden }
        #expect(try fixture.fingerprint() == afterRevoking)
        #expect(before != afterRevoking)
        // A credential naming a token of another actor is refused too.
        let other = Credential(
            token: second.token.id, actor: Fixture.fireLead, partner: Self.fire, role: .lead, expiresAt: second.expiresAt)
        await #expect { try await fixture.ledger.execute(progress(), by: other) } throws: { ($0 as? LedgerError)?.code == .forbidden }
    }

    @Test func issuingAndRevokingFollowTheRules() throws {
        let fixture = try Fixture()
        let ledger = fixture.ledger
        let now = fixture.clock.now
        let before = try fixture.fingerprint()
        func refused(_ code: LedgerError.Code, _ body: () throws -> Void) {
            #expect { try body() } throws: { ($0 as? LedgerError)?.code == code }
        }
        refused(.invalidInput) { _ = try ledger.issueToken(to: Fixture.policeLead, by: Fixture.coordinator, expiresAt: now) }
        refused(.invalidInput) {
            _ = try ledger.issueToken(
                to: Fixture.policeLead, by: Fixture.coordinator, expiresAt: now.adding(milliseconds: 367 * 86_400_000))
        }
        refused(.unknown) { _ = try ledger.issueToken(to: try ActorID("ghost"), by: Fixture.coordinator) }
        refused(.forbidden) { _ = try ledger.issueToken(to: Fixture.policeLead, by: Fixture.policeLead) }
        refused(.invalidInput) { _ = try ledger.issueToken(to: Fixture.policeLead, by: Fixture.coordinator, label: "\u{202E}evil") }
        refused(.unknown) { try ledger.execute(.revokeToken(TokenID(trusted: "0123456789abcdef"), reason: nil), by: Fixture.coordinator) }
        refused(.invalidInput) {
            try ledger.execute(
                .issueToken(
                    TokenID(trusted: "NOT-HEX"), actor: Fixture.policeLead, sha256: String(repeating: "a", count: 64), expiresAt: nil,
                    label: nil),
                by: Fixture.coordinator)
        }
        #expect(try fixture.fingerprint() == before)

        let issued = try ledger.issueToken(
            to: Fixture.fireLead, by: Fixture.coordinator, expiresAt: now.adding(milliseconds: 366 * 86_400_000))
        refused(.duplicate) {
            try ledger.execute(
                .issueToken(issued.token.id, actor: Fixture.fireLead, sha256: issued.token.sha256, expiresAt: nil, label: nil),
                by: Fixture.coordinator)
        }
        try ledger.execute(.deactivateActor(Fixture.fireLead, reason: "left"), by: Fixture.coordinator)
        let token = try ledger.state().tokens[issued.token.id]
        #expect(token?.ended?.byDeactivation == true, "deactivating an actor ends their tokens")
        refused(.invalidTransition) { try ledger.execute(.revokeToken(issued.token.id, reason: nil), by: Fixture.coordinator) }
        refused(.invalidTransition) { _ = try ledger.issueToken(to: Fixture.fireLead, by: Fixture.coordinator) }
        #expect(try ledger.verify().isSound)
    }

    /// Stripping a credential from a server's write, or adding one to a command line's,
    /// changes the hashed envelope, which `verify` names at that position.
    @Test(arguments: [true, false])
    func aRowWhoseCredentialWasStrippedOrAddedIsNamed(_ strip: Bool) async throws {
        let fixture = try Fixture()
        let issued = try fixture.ledger.issueToken(to: Fixture.policeLead, by: Fixture.coordinator)
        let credentialed = try await fixture.ledger.execute(progress(), by: try await fixture.ledger.authenticate(token: issued.token.text))
        let declared = try await fixture.ledger.execute(progress(note: "declared"), by: Fixture.policeLead)
        let position = strip ? credentialed[0].position : declared[0].position
        let value = strip ? "NULL" : "'\(issued.token.id)'"
        try await DatabaseQueue(path: fixture.path).write { db in
            try db.execute(
                sql: """
                    DROP TRIGGER events_no_update;
                    UPDATE events SET credential = \(value) WHERE position = \(position);
                    """)
        }
        let report = try Ledger.open(at: fixture.path, access: .verification).verify()
        #expect(report.problem?.position == position, "\(String(describing: report.problem))")
        #expect(report.problem?.message.contains("hash does not match") == true)
    }

    /// Correctly chained events whose credential does not authorise them, appended below
    /// the decider as someone with write access to the file could: `verify` names each.
    @Test func aForgedCredentialIsNamedByVerify() throws {
        for forgery in ["another actor's token", "a revoked token", "an expired token", "an unknown token", "on a set-up event"] {
            let fixture = try Fixture()
            let ledger = fixture.ledger
            let issued = try ledger.issueToken(
                to: Fixture.fireLead, by: Fixture.coordinator, expiresAt: fixture.clock.now.adding(milliseconds: 3_600_000))
            var credential = issued.token.id
            var actor = Fixture.policeLead, partner = Self.police
            switch forgery {
            case "a revoked token", "an expired token":
                (actor, partner) = (Fixture.fireLead, Self.fire)
                if forgery == "a revoked token" {
                    try ledger.execute(.revokeToken(credential, reason: nil), by: Fixture.coordinator)
                } else {
                    fixture.clock.advance(minutes: 61)
                }
            case "an unknown token": credential = TokenID(trusted: "0123456789abcdef")
            default: break
            }
            let event = Event.actionProgressed(.init(action: Fixture.action, status: .onTrack, note: nil, percent: 5))
            let pending = PendingEvent(
                eventID: UUID().uuidString.lowercased(), event: event, actor: actor, partner: partner, effectiveAt: fixture.clock.now,
                credential: credential)
            if forgery == "on a set-up event" {
                // Checked apart: the first events of a ledger carry no credential.
                var first = try ledger.entries(from: 1, to: 1)[0].recorded
                first.credential = credential
                #expect(throws: LedgerError.self) {
                    try Rules.check(
                        first,
                        in: Decision(
                            now: PlanState(), atEffective: PlanState(), actor: first.actor, recordedAt: first.recordedAt,
                            effectiveAt: first.effectiveAt, calendar: ledger.calendar),
                        later: [])
                }
                continue
            }
            let position = try ledger.append([pending])[0].position
            let report = try ledger.verify()
            #expect(report.problem?.position == position, "\(forgery): \(String(describing: report.problem))")
            #expect(report.problem?.message.contains("does not authorise") == true, "\(forgery): \(String(describing: report.problem))")
        }
    }
}
