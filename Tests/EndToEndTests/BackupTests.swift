import Foundation
import LedgerStore
import LedgerTestSupport
import Testing

/// `backup`: a live copy, verified, never over an existing file; and the restore drill
/// the operations section of the README describes.
@Suite(.enabled(if: which("sqlite3") != nil || runsInCI, "needs sqlite3; .ci/run installs it"))
struct BackupTests {
    let directory = TemporaryDirectory()
    var cli: CLI { CLI(db: directory.file("ledger.sqlite")) }

    static func head(of path: String) throws -> Digest { try Ledger.open(at: path, access: .readOnly).digest() }

    @Test func aBackupVerifiesAndHoldsTheLedgersHead() throws {
        try cli.initialiseStandard(reportingProgress: [10, 20, 30])
        let copy = directory.file("copy.sqlite")
        let result = try cli("backup", "--output", copy)
        #expect(result.status == 0, "\(result)")
        let head = try Ledger.open(at: cli.db, access: .readOnly).digest()
        #expect(result.stdout.contains("the copy verifies and its head \(head.text) is this ledger's"), "\(result)")
        #expect(try Ledger.open(at: copy, access: .readOnly).digest() == head)
        #expect(try CLI(db: copy)("verify").status == 0)
        // Nothing is left beside the copy but the copy.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test func anExistingFileIsNeverReplaced() throws {
        try cli.initialiseStandard()
        let existing = directory.file("minutes.txt")
        try "board minutes".write(toFile: existing, atomically: true, encoding: .utf8)
        for target in [existing, cli.db] {
            let before = try Data(contentsOf: URL(fileURLWithPath: target))
            let result = try cli("backup", "--output", target)
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr.contains("already exists; backup writes a new file"), "\(result)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == before)
        }
        #expect(try cli("backup").status == 64, "--output is required")
    }

    /// A copy of a damaged ledger is kept, since it is faithful, and the command says
    /// that it does not verify.
    @Test func aDamagedLedgersCopyIsKeptAndNamedAsFailingVerify() throws {
        try cli.initialiseStandard()
        #expect(try run(which("sqlite3")!, [cli.db, "UPDATE actions SET rag = 'green' WHERE id = 'A-2';"]).status == 0)
        let copy = directory.file("copy.sqlite")
        let result = try cli("backup", "--output", copy)
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains("is faithful, but does not verify: the projection tables differ"), "\(result)")
        #expect(FileManager.default.fileExists(atPath: copy))
    }

    /// The restore drill: a backup taken while another process writes verifies, the
    /// ledger's log up to the copy's head is unchanged, and the copy, put in place,
    /// takes writes.
    @Test func aBackupTakenWhileWritesRunRestoresAndTakesWrites() async throws {
        try cli.initialiseStandard()
        let cli = self.cli
        let writer = Task.detached {
            var written = 0
            for percent in 1...60 {
                let step = ["action", "progress", "A-1", "--status", "on-track", "--percent", String(percent), "--actor", "police.lead"]
                if try cli.run(step).status == 0 { written += 1 }
            }
            return written
        }
        // Backups taken at several moments of the writing, each of one committed state.
        var copies: [String] = []
        for i in 0..<4 {
            try await Task.sleep(for: .milliseconds(150))
            let copy = directory.file("copy-\(i).sqlite")
            let result = try cli("backup", "--output", copy)
            #expect(result.status == 0, "\(result)")
            copies.append(copy)
        }
        #expect(try await writer.value == 60, "every write landed beside the backups")
        for copy in copies {
            let head = try Self.head(of: copy)
            let verified = try cli("verify", "--digest", head.text)
            #expect(verified.status == 0, "the log up to \(head.text) is unchanged: \(verified)")
        }
        // Restore the last copy in the ledger's place: it is a ledger that takes writes.
        let restored = directory.file("restored.sqlite")
        try FileManager.default.copyItem(atPath: copies.last!, toPath: restored)
        let again = CLI(db: restored)
        #expect(try again("action", "progress", "A-1", "--status", "at-risk", "--actor", "police.lead").status == 0)
        #expect(try again("verify").status == 0)
    }
}
