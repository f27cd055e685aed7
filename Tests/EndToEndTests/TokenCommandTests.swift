import CanonicalJSON
import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

/// `token issue`, `token revoke` and `token list` through the built binary, the
/// governance report's account of credentials, and the demo's sign-in tokens.
@Suite struct TokenCommandTests {
    let directory = TemporaryDirectory()
    var cli: CLI { CLI(db: directory.file("ledger.sqlite")) }

    @Test func aCoordinatorIssuesATokenThatIsPrintedOnceAndListedWithoutItsHash() async throws {
        try cli.initialiseStandard()
        var call = cli
        call.now = "2023-05-10T09:00:00Z"
        let issued = try call("token", "issue", "police.lead", "--label", "Office PC", "--actor", "coord")
        #expect(issued.status == 0, "\(issued)")
        let lines = issued.stdout.split(separator: "\n").map(String.init)
        let token = lines[0]
        #expect(token.hasPrefix("csp_") && token.utf8.count == 64)
        #expect(lines[1].contains("expires 2023-08-08 10:00 +01:00"), "90 days, in the partnership's zone: \(lines[1])")
        #expect(lines[2].hasPrefix("recorded TokenIssued on token-"))
        let id = String(token.dropFirst(4).prefix(16))

        guard
            case .object(let second) = try json(
                try call("token", "issue", "auditor", "--expires", "2023-06-30", "--format", "json", "--actor", "coord"))
        else { Issue.record("not an object"); return }
        #expect(second["expiresAt"] == .string("2023-06-30T22:59:59.999Z"), "a date means the end of that day in Europe/London")
        #expect(second["actor"] == .string("auditor"))

        for reader in ["coord", "auditor"] {
            let list = try call("token", "list", "--actor", reader, "--format", "json")
            guard case .array(let rows) = try json(list) else { Issue.record("not an array"); return }
            #expect(rows.count == 2)
            #expect(!list.stdout.contains(token) && !list.stdout.contains("sha256"))
            #expect(
                rows.contains {
                    $0
                        == .object(
                            [
                                "id": .string(id), "actor": .string("police.lead"), "label": .string("Office PC"),
                                "issuedBy": .string("coord"),
                                "issuedAt": .string("2023-05-10T09:00:00.000Z"), "expiresAt": .string("2023-08-08T09:00:00.000Z"),
                                "status": .string("live"), "endedAt": .null, "reason": .null,
                            ])
                })
        }
        let table = try call("token", "list", "--actor", "coord")
        #expect(table.status == 0 && table.stdout.contains("Office PC") && !table.stdout.contains(token))
        let log = try call("log", "--type", "TokenIssued", "--format", "json")
        #expect(!log.stdout.contains(token), "the log never holds the token")

        let refused = try call("token", "list", "--actor", "police.lead")
        #expect(refused.status == 1 && refused.stderr.contains("only coordinators and auditors"), "\(refused)")
        let byLead = try call("token", "issue", "police.lead", "--actor", "police.lead")
        #expect(byLead.status == 1 && byLead.stderr.hasPrefix("Error: ") && byLead.stdout.isEmpty, "\(byLead)")

        let ledger = try Ledger.open(at: cli.db, access: .readOnly, clock: .constant(try Instant(iso8601: "2023-05-11T00:00:00Z")))
        #expect(try await ledger.authenticate(token: token).actor == (try ActorID("police.lead")))

        #expect(try call("token", "revoke", id, "--reason", "PC stolen", "--actor", "coord").status == 0)
        guard case .array(let after) = try json(try call("token", "list", "--actor", "auditor", "--format", "json")) else { return }
        #expect(
            after.contains { row in
                guard case .object(let r) = row else { return false }
                return r["id"] == .string(id) && r["status"] == .string("revoked") && r["reason"] == .string("PC stolen")
            })
        let again = try call("token", "revoke", id, "--actor", "coord")
        #expect(again.status == 1 && again.stderr.contains("already revoked"))
        await #expect { try await ledger.authenticate(token: token) } throws: { ($0 as? StoreError)?.code == .unauthenticated }
    }

    @Test func tokenIssueTakesNoBackDatingAndRefusesBadInputWritingNothing() throws {
        try cli.initialiseStandard()
        let before = try cli.fingerprint()
        for arguments in [
            ["token", "issue", "police.lead", "--effective", "2023-01-01", "--actor", "coord"],
            ["token", "issue", "police.lead", "--expect-version", "0", "--actor", "coord"],
            ["token", "issue", "police.lead", "--format", "csv", "--actor", "coord"],
        ] {
            #expect(try cli.run(arguments).status == 64, "\(arguments)")
        }
        for arguments in [
            ["token", "issue", "police.lead", "--expires", "2020-01-01", "--actor", "coord"],
            ["token", "issue", "police.lead", "--expires", "2099-01-01", "--actor", "coord"],
            ["token", "issue", "ghost", "--actor", "coord"],
            ["token", "issue", "police.lead", "--label", "\u{202E}gpj.exe", "--actor", "coord"],
            ["token", "revoke", "0123456789abcdef", "--actor", "coord"],
            ["token", "revoke", "not a token", "--actor", "coord"],
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 1 && result.stderr.hasPrefix("Error: ") && result.stdout.isEmpty, "\(arguments): \(result)")
        }
        #expect(try cli.fingerprint() == before)
    }

    @Test func theGovernanceReportSeparatesCredentialedWritesAndListsTokens() async throws {
        try cli.initialiseStandard()
        var call = cli
        call.now = "2023-05-10T09:00:00Z"
        let token = try call("token", "issue", "police.lead", "--actor", "coord").stdout.split(separator: "\n")[0]
        let ledger = try Ledger.open(at: cli.db, access: .readWrite, clock: .constant(try Instant(iso8601: "2023-05-10T10:00:00Z")))
        let credential = try await ledger.authenticate(token: String(token))
        try await ledger.execute(.reportProgress(try ActionID("A-1"), status: .onTrack, note: nil, percent: 10), by: credential)
        call.now = "2023-05-10T11:00:00Z"
        #expect(try call("action", "progress", "A-1", "--status", "at-risk", "--actor", "police.lead").status == 0)
        guard
            case .object(let report) = try json(
                try call("report", "governance", "--from", "2023-05-10", "--to", "2023-05-10", "--format", "json"))
        else { return }
        #expect(
            report["identified"]
                == .array([
                    .object(["actor": .string("coord"), "credentialed": .int(0), "declared": .int(1)]),
                    .object(["actor": .string("police.lead"), "credentialed": .int(1), "declared": .int(1)]),
                ]))
        guard case .array(let tokens)? = report["tokens"], case .object(let issued) = tokens.first else {
            Issue.record("no tokens in the report"); return
        }
        #expect(issued["type"] == .string("TokenIssued") && issued["actor"] == .string("police.lead") && issued["by"] == .string("coord"))
        let markdown = try call("report", "governance", "--from", "2023-05-10", "--to", "2023-05-10", "--format", "markdown")
        #expect(markdown.stdout.contains("How writers were identified") && markdown.stdout.contains("Access tokens issued and revoked"))
        guard case .array(let log) = try json(try call("log", "--type", "ActionProgressed", "--format", "json")) else { return }
        let credentials = log.compactMap { entry -> JSONValue? in
            guard case .object(let e) = entry else { return nil }
            return e["credential"]
        }
        #expect(credentials.suffix(2) == [.string(String(token.dropFirst(4).prefix(16))), .null])
        #expect(try cli("verify").status == 0)
    }

    @Test func theDemoPrintsALeadsAndAnAuditorsTokenAfterItsUnchangedStory() async throws {
        let db = directory.file("demo.sqlite")
        let demo = try CLI(db: db).run(["demo", "--db", db], withDB: false)
        #expect(demo.status == 0, "\(demo)")
        let tokens = demo.stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter {
            $0.hasPrefix("csp_") && $0.utf8.count == 64
        }
        #expect(tokens.count == 2, "\(demo.stdout)")
        let ledger = try Ledger.open(at: db, access: .readOnly)
        var roles: [Role] = []
        for token in tokens {
            let credential = try await ledger.authenticate(token: token)
            #expect(credential.expiresAt.millisecondsSince1970 - LedgerClock.system.now.millisecondsSince1970 > 29 * 86_400_000)
            roles.append(credential.role)
        }
        #expect(roles.sorted { $0.rawValue < $1.rawValue } == [.auditor, .lead])
        let story = "765:e03d56b69bc47b8a98872104a0f28be4ce19ae916d41ff9af9499cce44365612"
        #expect(try CLI(db: db)("verify", "--digest", story).status == 0, "the story's digest is unchanged")
        #expect(try await ledger.digest().position == 767)
    }
}
