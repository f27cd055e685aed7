import Foundation
import LedgerTestSupport
import Testing

/// Published digests: a digest taken at position N proves the log up to N later on.
@Suite(.enabled(if: which("sqlite3") != nil && which("python3") != nil, "needs sqlite3 and python3; .ci/run installs them"))
struct DigestTests {
    let directory = TemporaryDirectory()
    var cli: CLI { CLI(db: directory.file("ledger.sqlite")) }

    func pythonVerify(_ arguments: String...) throws -> ProcessResult {
        try run(which("python3")!, [packageRoot + "/Tools/verify_ledger.py", cli.db] + arguments)
    }

    /// Rewrites every hash from position 1 after a change, as a forger would, so the
    /// chain is internally consistent again.
    func forgeChain() throws {
        let script = """
            import sqlite3, sys
            sys.path.insert(0, sys.argv[2])
            import verify_ledger as v
            db = sqlite3.connect(sys.argv[1]); db.row_factory = sqlite3.Row
            db.execute("DROP TRIGGER IF EXISTS events_no_update"); db.execute("DROP TRIGGER IF EXISTS events_append_at_head")
            prev = v.GENESIS
            for row in db.execute("SELECT * FROM events ORDER BY position").fetchall():
                h = v.hashlib.sha256((prev + v.envelope(row)).encode()).hexdigest()
                db.execute("UPDATE events SET prev_hash = ?, hash = ? WHERE position = ?", (prev, h, row["position"]))
                prev = h
            db.commit()
            """
        let result = try run(which("python3")!, ["-c", script, cli.db, packageRoot + "/Tools"])
        #expect(result.status == 0, "\(result)")
    }

    @Test func aDigestStillVerifiesAfterMoreAppends() throws {
        try cli.initialiseStandard()
        let digest = try cli("digest")
        #expect(digest.status == 0)
        let published = String(digest.stdout.split(separator: " ")[0])
        #expect(published.hasPrefix("15:"))
        #expect(try cli("action", "progress", "A-1", "--status", "on-track", "--actor", "police.lead").status == 0)
        let swift = try cli("verify", "--digest", published)
        #expect(swift.status == 0, "\(swift)")
        #expect(swift.stdout.contains("matches \(published); 1 later events chain from it"))
        let python = try pythonVerify("--digest", published)
        #expect(python.status == 0, "\(python)")
        // The whole line as printed is accepted too.
        #expect(try cli("verify", "--digest", digest.stdout.trimmingCharacters(in: .whitespacesAndNewlines)).status == 0)
    }

    @Test func aForgedChainFailsAgainstAnEarlierDigest() throws {
        try cli.initialiseStandard()
        let published = String(try cli("digest").stdout.split(separator: " ")[0])
        #expect(try cli("action", "progress", "A-1", "--status", "on-track", "--actor", "police.lead").status == 0)
        let sqlite = try run(
            which("sqlite3")!,
            [
                cli.db,
                "DROP TRIGGER events_no_update; UPDATE events SET payload = replace(payload, 'Test Fire', 'Test Firf') WHERE position = 5;",
            ])
        #expect(sqlite.status == 0, "\(sqlite)")
        try forgeChain()
        // Without the digest the forged chain looks sound...
        #expect(try pythonVerify().status == 0)
        // ...but not against the digest published before the change.
        let swift = try cli("verify", "--digest", published)
        #expect(swift.status == 65, "\(swift)")
        #expect(swift.stderr.contains("position 15: it does not match the published digest"))
        let python = try pythonVerify("--digest", published)
        #expect(python.status == 65, "\(python)")
        #expect(python.stderr.contains("position 15"))
    }

    @Test func truncationAfterADigestIsFound() throws {
        try cli.initialiseStandard()
        #expect(try cli("action", "progress", "A-1", "--status", "on-track", "--actor", "police.lead").status == 0)
        let published = String(try cli("digest").stdout.split(separator: " ")[0])
        #expect(published.hasPrefix("16:"))
        #expect(try run(which("sqlite3")!, [cli.db, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE position = 16;"]).status == 0)
        let swift = try cli("verify", "--digest", published)
        #expect(swift.status == 65)
        #expect(swift.stderr.contains("ends at position 15, before the published digest's position 16"), "\(swift)")
        #expect(try pythonVerify("--digest", published).stderr.contains("ends at position 15"))
    }

    @Test func aMalformedDigestIsRefused() throws {
        try cli.initialiseStandard()
        let result = try cli("verify", "--digest", "15:abc")
        #expect(result.status == 1)
        #expect(result.stderr.contains("is not a digest"))
        #expect(try pythonVerify("--digest", "nonsense").status == 64)
    }
}
