import Foundation
import LedgerTestSupport
import Testing

/// Recording time is the ledger's, not the writer's: a set clock only on a test-clock
/// ledger, and a clock far behind refused or accepted by a coordinator, on the record.
@Suite struct ClockTests {
    let directory = TemporaryDirectory()
    var cli: CLI { CLI(db: directory.file("ledger.sqlite")) }

    /// `csp-ledger ARGUMENTS --db DB` with the system clock (no `CSP_LEDGER_NOW`).
    func real(_ arguments: String...) throws -> ProcessResult {
        try run(CLI.binary, arguments + ["--db", cli.db])
    }

    static let initialise = [
        "init", "--partnership", "Real CSP", "--coordinator", "coord", "--coordinator-name", "Casey", "--partner", "council",
        "--partner-name", "Council",
    ]

    @Test func initWithASetClockNeedsTestClock() throws {
        let refused = try cli.run(Self.initialise)
        #expect(refused.status == 1)
        #expect(
            refused.stderr
                == "Error: a set clock is refused: a new ledger records the system clock's time unless it is made as a test-clock ledger; unset CSP_LEDGER_NOW or add --test-clock\n"
        )
        #expect(!FileManager.default.fileExists(atPath: cli.db), "nothing created")
        let made = try cli.run(Self.initialise + ["--test-clock"])
        #expect(made.status == 0, "\(made)")
        #expect(made.stdout.contains("test clock"))
        let verify = try cli("verify")
        #expect(verify.stdout.contains("test clock: this ledger was made with init --test-clock"), "\(verify)")
        #expect(try cli("report", "plan", "--format", "markdown").stdout.contains("Test-clock ledger"))
    }

    @Test func aLedgerOnTheSystemClockRefusesEveryCommandWithASetClock() throws {
        #expect(try run(CLI.binary, Self.initialise + ["--db", cli.db]).status == 0)
        #expect(try real("partner", "add", "police", "--name", "Police", "--actor", "coord").status == 0)
        let before = try real("digest").stdout
        for command in [
            ["state"], ["log"], ["digest"], ["verify"], ["history", "A-1"],
            ["partner", "add", "fire", "--name", "Fire", "--actor", "coord"],
            ["actor", "add", "x", "--name", "X", "--partner", "police", "--role", "lead", "--actor", "coord"],
        ] {
            let result = try cli.run(command)
            #expect(result.status == 1, "\(command): \(result)")
            #expect(
                result.stderr.hasPrefix("Error: a set clock is refused") && result.stderr.filter { $0 == "\n" }.count == 1, "\(command)")
        }
        #expect(try real("digest").stdout == before, "nothing appended")
        let verify = try real("verify")
        #expect(verify.status == 0 && !verify.stdout.contains("test clock"), "\(verify)")
    }

    @Test func aClockFarBehindIsRefusedUnlessACoordinatorAcceptsIt() throws {
        try cli.initialiseStandard()
        var later = cli
        later.now = "2023-04-03T12:00:00Z"
        #expect(try later("action", "progress", "A-1", "--status", "on-track", "--actor", "police.lead").status == 0)
        let before = try cli.fingerprint()
        var behind = cli
        behind.now = "2023-04-03T11:49:59Z"
        let refused = try behind("action", "progress", "A-1", "--status", "at-risk", "--actor", "police.lead")
        #expect(refused.status == 1)
        #expect(
            refused.stderr
                == "Error: this machine's clock reads 2023-04-03T11:49:59.000Z, more than 10 minutes before the ledger's last recording time 2023-04-03T12:00:00.000Z; correct the clock, or have a coordinator accept it with --accept-clock-behind\n"
        )
        let lead = try behind("action", "progress", "A-1", "--status", "at-risk", "--actor", "police.lead", "--accept-clock-behind")
        #expect(lead.status == 1 && lead.stderr.contains("only a coordinator may accept a clock that is behind"), "\(lead)")
        #expect(try cli.fingerprint() == before, "nothing appended")

        let accepted = try behind("action", "review", "A-1", "--outcome", "continue", "--actor", "coord", "--accept-clock-behind")
        #expect(accepted.status == 0, "\(accepted)")
        let log = try cli("log", "--type", "ClockBehindAccepted", "--format", "json")
        #expect(
            log.stdout.contains("\"clockAt\": \"2023-04-03T11:49:59.000Z\"")
                && log.stdout.contains("\"recordedAt\": \"2023-04-03T12:00:00.000Z\""), "\(log.stdout)")
        let report = try later("report", "governance", "--from", "2023-04-01", "--to", "2023-04-30", "--format", "markdown")
        #expect(report.stdout.contains("Clocks accepted although behind"), "\(report)")
        #expect(report.stdout.contains("| coord |"), "\(report)")
        #expect(try cli("verify").status == 0)
    }

    /// A machine whose clock ran ahead stamps the future; verify says so on a ledger
    /// that records real time.
    @Test func aRecordingTimeAheadOfTheClockIsNamedByVerify() throws {
        #expect(try run(CLI.binary, Self.initialise + ["--db", cli.db]).status == 0)
        let future = Int64((Date().timeIntervalSince1970 + 86_400) * 1000)
        let python = """
            import sqlite3, sys
            sys.path.insert(0, sys.argv[2])
            import verify_ledger as v
            db = sqlite3.connect(sys.argv[1])
            db.row_factory = sqlite3.Row
            trigger = db.execute("SELECT sql FROM sqlite_master WHERE name = 'events_no_update'").fetchone()[0]
            db.executescript("DROP TRIGGER events_no_update;")
            prev = v.GENESIS
            for row in db.execute("SELECT * FROM events ORDER BY position").fetchall():
                r = dict(row)
                r["recorded_at"] = r["effective_at"] = \(future)
                h = v.hashlib.sha256((prev + v.envelope(r)).encode()).hexdigest()
                db.execute("UPDATE events SET recorded_at = ?, effective_at = ?, prev_hash = ?, hash = ? WHERE position = ?",
                           (r["recorded_at"], r["effective_at"], prev, h, r["position"]))
                prev = h
            db.execute(trigger)
            db.commit()
            """
        #expect(try run(which("python3")!, ["-c", python, cli.db, packageRoot + "/Tools"]).status == 0)
        let verify = try real("verify")
        #expect(verify.status == 65 && verify.stderr.contains("is more than 10 minutes after this machine's clock"), "\(verify)")
    }
}
