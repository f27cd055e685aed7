import Foundation
import LedgerTestSupport
import Testing

/// A command offers `--effective` and `--expect-version` only where DESIGN.md lists them:
/// back-dating on action assign, progress, review, amend and correct; an expected
/// version on every command that writes one stream. Elsewhere they are unknown options
/// (exit 64), where they used to be accepted and then always refused.
@Suite struct OfferedOptionTests {
    let directory = TemporaryDirectory()

    static let notBackDatable: [[String]] = [
        ["partner", "add", "x", "--name", "X"],
        ["actor", "add", "x", "--name", "X", "--partner", "council", "--role", "lead"],
        ["actor", "deactivate", "fire.lead"],
        ["assessment", "record", "SA-9", "--year", "2024", "--title", "T"],
        ["plan", "adopt", "P-9", "--title", "T", "--from", "2024-04-01", "--to", "2025-03-31"],
        ["plan", "review", "P-1", "--note", "N"],
        ["priority", "add", "PR-9", "--plan", "P-1", "--title", "T"],
        ["action", "create", "A-9", "--priority", "PR-1", "--title", "T"],
    ]

    @Test(arguments: notBackDatable)
    func creationsAndRegistrationsDoNotOfferEffective(_ arguments: [String]) throws {
        let cli = CLI(db: directory.file("ledger.sqlite"))
        try cli.initialiseStandard()
        let before = try cli.fingerprint()
        let refused = try cli.run(arguments + ["--actor", "coord", "--effective", "2023-04-01"])
        #expect(refused.status == 64, "\(refused)")
        #expect(refused.stderr.hasPrefix("Error: Unknown option '--effective'"), "\(refused)")
        #expect(try cli.fingerprint() == before)
        // Each writes one stream, so it states the version it expects (0: new, or the
        // stream's current version).
        let expecting = arguments[1] == "deactivate" ? "1" : arguments[0] == "plan" && arguments[1] == "review" ? "1" : "0"
        let accepted = try cli.run(arguments + ["--actor", "coord", "--expect-version", expecting])
        #expect(accepted.status == 0, "\(accepted)")
    }

    @Test func planImportOffersNeither() throws {
        let cli = CLI(db: directory.file("ledger.sqlite"))
        try cli.initialiseStandard()
        let before = try cli.fingerprint()
        for option in ["--expect-version", "--effective"] {
            let value = option == "--effective" ? "2023-04-01" : "0"
            let result = try cli("plan", "import", "plan.yaml", "--actor", "coord", option, value)
            #expect(result.status == 64, "\(result)")
            #expect(result.stderr.hasPrefix("Error: Unknown option '\(option)'"), "\(result)")
        }
        #expect(try cli.fingerprint() == before)
    }

    @Test func changesToAnActionsLifeOfferBoth() throws {
        try CLI(db: directory.file("ledger.sqlite")).initialiseStandard()
        let cli = CLI(db: directory.file("ledger.sqlite"), now: "2023-04-05T09:00:00Z")
        let result = try cli(
            "action", "progress", "A-1", "--status", "on-track", "--actor", "coord", "--effective", "2023-04-04", "--expect-version", "2")
        #expect(result.stdout.contains("(version 3)"), "\(result)")
        #expect(result.status == 0, "\(result)")
        let stale = try cli("action", "amend", "A-1", "--title", "T", "--actor", "coord", "--expect-version", "2")
        #expect(stale.status == 1 && stale.stderr.contains("version"), "\(stale)")
    }
}
