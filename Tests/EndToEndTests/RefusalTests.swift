import Foundation
import LedgerTestSupport
import Testing

/// Every refusal prints one `Error:` line on stderr, exits non-zero, and leaves the
/// ledger exactly as it was (same head digest, same event count).
@Suite struct RefusalTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let message: String
        var status: Int32 = 1
        var now: String? = nil
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["action", "progress", "A-9", "--status", "on-track", "--actor", "coord"], message: "action 'A-9' does not exist"),
        Case(arguments: ["action", "progress", "A-2", "--status", "on-track", "--actor", "coord"], message: "not assigned yet"),
        Case(
            arguments: ["action", "progress", "A-1", "--status", "on-track", "--actor", "fire.lead"],
            message: "neither the lead nor a supporting partner"),
        Case(arguments: ["action", "progress", "A-1", "--status", "on-track", "--actor", "auditor"], message: "auditors never write"),
        Case(arguments: ["action", "progress", "A-1", "--status", "on-track", "--actor", "nobody"], message: "'nobody' is not registered"),
        Case(arguments: ["action", "progress", "A-1", "--status", "on-track"], message: "no actor given"),
        Case(arguments: ["action", "progress", "A-1", "--status", "withdrawn", "--actor", "coord"], message: "cannot report 'withdrawn'"),
        Case(
            arguments: ["action", "progress", "A-1", "--status", "on-track", "--percent", "101", "--actor", "coord"],
            message: "percent 101 is out of range"),
        Case(
            arguments: ["action", "progress", "A-1", "--status", "on-track", "--percent=-5", "--actor", "coord"],
            message: "percent -5 is out of range"),
        Case(arguments: ["action", "progress", "A-1", "--status", "sideways", "--actor", "coord"], message: "sideways", status: 64),
        Case(
            arguments: ["action", "progress", "A-1", "--status", "on-track", "--actor", "coord", "--effective", "2023-04-04"],
            message: "later than the recording time"),
        Case(
            arguments: ["action", "progress", "A-1", "--status", "on-track", "--actor", "coord", "--effective", "2023-04-03T12:00:00"],
            message: "is not a valid instant"),
        Case(
            arguments: ["action", "progress", "A-1", "--status", "on-track", "--actor", "coord", "--effective", "2023-02-30"],
            message: "2023-02-30 is not a date"),
        Case(
            arguments: ["action", "progress", "A-1", "--status", "on-track", "--actor", "coord", "--effective", "2023-03-01"],
            message: "did not exist yet"),
        Case(
            arguments: ["action", "progress", "A-1", "--status", "on-track", "--actor", "coord", "--expect-version", "7"],
            message: "is at version 2, not 7"),
        Case(
            arguments: ["action", "progress", "A-1", "--status", "on-track", "--note", "bad\u{1B}[2J", "--actor", "coord"],
            message: "control character U+001B"),
        Case(
            arguments: ["action", "create", "A-1", "--priority", "PR-1", "--title", "Again", "--actor", "coord"], message: "already exists"),
        Case(
            arguments: ["action", "create", "A 3", "--priority", "PR-1", "--title", "Bad id", "--actor", "coord"],
            message: "action id 'A 3' is not valid"),
        Case(
            arguments: [
                "action", "create", "A-3", "--priority", "PR-1", "--title", String(repeating: "t", count: 301), "--actor", "coord",
            ], message: "301 characters long"),
        Case(
            arguments: ["action", "create", "A-3", "--priority", "PR-1", "--title", "Rtl \u{202E}evil", "--actor", "coord"],
            message: "bidirectional"),
        Case(
            arguments: ["action", "create", "A-3", "--priority", "PR-1", "--title", "New", "--actor", "police.lead"],
            message: "only a coordinator may action create"),
        Case(
            arguments: [
                "action", "create", "A-3", "--priority", "PR-1", "--title", "New", "--actor", "coord", "--effective", "2023-04-01",
            ], message: "Unknown option '--effective'", status: 64),
        Case(
            arguments: ["action", "create", "A-3", "--priority", "PR-1", "--title", "New", "--due", "2023-13-01", "--actor", "coord"],
            message: "is not a date"),
        Case(
            arguments: ["action", "assign", "A-2", "--lead", "police", "--support", "police", "--actor", "coord"],
            message: "cannot also be supporting"),
        Case(
            arguments: ["action", "assign", "A-2", "--lead", "police", "--owner", "fire.lead", "--actor", "coord"],
            message: "neither the lead nor a supporting partner"),
        Case(
            arguments: ["action", "review", "A-1", "--outcome", "continue", "--next-review", "2023-04-03", "--actor", "coord"],
            message: "must be after the day of this review"),
        Case(arguments: ["action", "review", "A-1", "--outcome", "maybe", "--actor", "coord"], message: "maybe", status: 64),
        Case(arguments: ["action", "amend", "A-1", "--actor", "coord"], message: "changes nothing"),
        Case(arguments: ["actor", "deactivate", "coord", "--actor", "coord"], message: "last active coordinator"),
        Case(
            arguments: ["actor", "add", "x", "--name", "X", "--partner", "nowhere", "--role", "lead", "--actor", "coord"],
            message: "partner 'nowhere' is not registered"),
        Case(
            arguments: ["actor", "add", "x", "--name", "X", "--partner", "council", "--role", "boss", "--actor", "coord"], message: "boss",
            status: 64),
        Case(
            arguments: ["plan", "adopt", "P-2", "--title", "T", "--from", "2024-04-02", "--to", "2024-04-01", "--actor", "coord"],
            message: "starts (2024-04-02) after it ends"),
        Case(
            arguments: ["plan", "review", "P-1", "--note", "N", "--retire", "PR-9", "--actor", "coord"],
            message: "not a priority of plan 'P-1'"),
        Case(arguments: ["plan", "import", "/nonexistent/plan.yaml", "--actor", "coord"], message: "cannot read the plan file"),
        Case(
            arguments: ["priority", "add", "PR-2", "--plan", "P-9", "--title", "T", "--actor", "coord"],
            message: "plan 'P-9' is not adopted"),
        Case(
            arguments: ["assessment", "record", "SA-1", "--year", "twenty", "--title", "T", "--actor", "coord"], message: "twenty",
            status: 64),
        Case(
            arguments: ["assessment", "record", "SA-1", "--year", "9223372036854775807", "--title", "T", "--actor", "coord"],
            message: "year 9223372036854775807 is out of range"),
        Case(arguments: ["log", "--type", "ActionTeleported"], message: "is not an event type"),
        Case(arguments: ["log", "--by", "nobody"], message: "actor 'nobody' was never registered"),
        Case(arguments: ["log", "--partner", "nowhere"], message: "partner 'nowhere' was never registered"),
        Case(
            arguments: ["action", "progress", "A-1", "--status", "on-track", "--expect-version=-1", "--actor", "coord"],
            message: "0 or more", status: 64),
        Case(
            arguments: ["action", "review", "A-1", "--outcome", "complete", "--next-review", "2023-09-30", "--actor", "coord"],
            message: "takes no next review date; leave out --next-review"),
        Case(
            arguments: ["action", "correct", "nope", "--reason", "r", "--percent", "5", "--actor", "coord"],
            message: "no event has the id 'nope'"),
        Case(arguments: ["verify", "--digest", "12:xyz"], message: "is not a digest"),
        Case(arguments: ["diff", "--from", "2023-05-01", "--to", "2023-04-01"], message: "--from is after --to"),
        Case(arguments: ["report", "governance", "--from", "2023-05-01", "--to", "2023-04-01"], message: "--from is after --to"),
        Case(arguments: ["log", "--from", "2023-04-03", "--to", "2023-04-02"], message: "--from is after --to"),
        Case(arguments: ["log", "--from", "2023-04-03T10:00:00+01:00", "--to", "2023-04-03T08:59:59Z"], message: "--from is after --to"),
        Case(arguments: ["export", "--from-position", "5", "--to-position", "3"], message: "--from-position is after --to-position"),
        Case(arguments: ["export", "--to-position", "0"], message: "--to-position must be 1 or more", status: 64),
        Case(
            arguments: ["report", "governance", "--from", "2023-04-01", "--stale-days", "106751991168"],
            message: "--stale-days must be from 0 to 36500", status: 64),
        Case(
            arguments: ["report", "governance", "--from", "2023-04-01", "--backdated-days=-1"],
            message: "--backdated-days must be from 0 to 36500", status: 64),
        Case(arguments: ["history", "A-9"], message: "action 'A-9' has no events"),
        Case(arguments: ["state", "--as-of", "last tuesday"], message: "is not a valid instant"),
        Case(arguments: ["state", "--bogus"], message: "Unknown option", status: 64),
        Case(
            arguments: [
                "init", "--partnership", "Again", "--coordinator", "c", "--coordinator-name", "C", "--partner", "p", "--partner-name", "P",
            ], message: "already a ledger"),
        Case(arguments: ["partner", "add", "nhs", "--name", "NHS", "--actor", "coord"], message: "CSP_LEDGER_NOW", now: "yesterday"),
    ]

    @Test(arguments: cases)
    func refusalsChangeNothing(_ refusal: Case) throws {
        let directory = TemporaryDirectory()
        let cli = CLI(db: directory.file("ledger.sqlite"))
        try cli.initialiseStandard()
        let before = try cli.fingerprint()
        var call = cli
        if let now = refusal.now { call.now = now }
        let result = try call.run(refusal.arguments)
        #expect(result.status == refusal.status, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.contains(refusal.message), "\(result)")
        if refusal.status == 1 {
            #expect(result.stderr.hasPrefix("Error: ") && result.stderr.filter { $0 == "\n" }.count == 1, "one line: \(result.stderr)")
        }
        #expect(try cli.fingerprint() == before)
    }

    @Test func readingAMissingLedgerCreatesNothing() throws {
        let directory = TemporaryDirectory()
        let cli = CLI(db: directory.file("absent.sqlite"))
        for arguments in [["state"], ["log"], ["verify"], ["history", "A-1"], ["partner", "add", "x", "--name", "X", "--actor", "coord"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 1)
            #expect(result.stderr.contains("no ledger at"), "\(result)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func aDirectoryGivenAsTheLedgerIsNamed() throws {
        let directory = TemporaryDirectory()
        let folder = directory.file("ledger.sqlite")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let cli = CLI(db: folder)
        let commands = [
            ["state"], ["log"], ["verify"], ["history", "A-1"], ["export"], ["partner", "add", "x", "--name", "X", "--actor", "coord"],
            [
                "init", "--partnership", "P", "--coordinator", "c", "--coordinator-name", "C", "--partner", "p", "--partner-name", "P",
                "--test-clock",
            ],
            ["import", directory.file("export.jsonl")], ["import", "--abandon"],
        ]
        for arguments in commands {
            let result = try cli.run(arguments)
            #expect(result.status == 1, "\(arguments): \(result)")
            #expect(result.stderr == "Error: \(folder) is a directory; give the path of a ledger file, not of a folder\n", "\(arguments)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func aWindowIsComparedAsInstantsInThePartnershipsZone() throws {
        let directory = TemporaryDirectory()
        let cli = CLI(db: directory.file("ledger.sqlite"))
        try cli.initialiseStandard()
        // 3 April starts at 2 April 23:00 UTC in London (summer time): not after 23:30 UTC.
        let result = try cli("log", "--from", "2023-04-03", "--to", "2023-04-02T23:30:00Z", "--format", "json")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "[]\n")
    }

    @Test func aFileThatIsNotALedgerIsNamed() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("notes.sqlite")
        try Data("just some notes, not a database at all\n".utf8).write(to: URL(fileURLWithPath: path))
        let result = try CLI(db: path)("state")
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("not a readable csp-ledger ledger") || result.stderr.contains("is not a csp-ledger ledger"), "\(result)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "just some notes, not a database at all\n")
    }

    @Test func everyCommandExplainsItself() throws {
        let commands = [
            [], ["init"], ["partner", "add"], ["actor", "add"], ["actor", "deactivate"], ["assessment", "record"], ["plan", "adopt"],
            ["plan", "import"], ["plan", "review"], ["priority", "add"], ["action", "create"], ["action", "assign"],
            ["action", "progress"],
            ["action", "review"], ["action", "amend"], ["state"], ["history"], ["log"], ["verify"], ["demo"],
        ]
        for command in commands {
            let result = try CLI(db: "unused").run(command + ["--help"], withDB: false)
            #expect(result.status == 0, "\(command)")
            #expect(result.stdout.contains("USAGE"), "\(command)")
        }
        let root = try CLI(db: "unused").run(["--help"], withDB: false)
        #expect(root.stdout.contains("65 verify found a mismatch"))
    }
}
