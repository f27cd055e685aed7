import Foundation
import LedgerTestSupport
import Testing

/// A full disk and read-only media, on a small filesystem of the test's own (tmpfs).
@Suite(.serialized, .enabled(if: canMountTmpfs, "needs to mount a small tmpfs (root); .ci/run runs as root"))
struct DatabaseFaultTests {
    /// Runs `body` with a fresh tmpfs of `size` mounted at a temporary folder.
    func withSmallFilesystem(_ size: String, _ body: (String) throws -> Void) throws {
        let directory = TemporaryDirectory()
        let mountPoint = directory.file("fs")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        #expect(try run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", mountPoint]).status == 0)
        defer { _ = try? run("/bin/umount", [mountPoint]) }
        try body(mountPoint)
    }

    @Test func aFullDiskRefusesTheWriteInOneLineAndLosesNothing() throws {
        try withSmallFilesystem("600k") { folder in
            let cli = CLI(db: folder + "/ledger.sqlite")
            try cli.initialiseStandard()
            let note = String(repeating: "n", count: 9000)
            var appended = 0
            var failure: ProcessResult?
            for _ in 0..<200 {
                let result = try cli("action", "progress", "A-1", "--status", "on-track", "--note", note, "--actor", "police.lead")
                if result.status != 0 {
                    failure = result
                    break
                }
                appended += 1
            }
            let refused = try #require(failure, "the disk never filled")
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("is full; nothing was written"), "\(refused)")
            #expect(refused.stderr.filter { $0 == "\n" }.count == 1)
            let verify = try cli("verify")
            #expect(verify.status == 0, "\(verify)")
            #expect(verify.stdout.hasPrefix("ok: \(15 + appended) events"), "every append that succeeded is there")
        }
    }

    /// An import stages the lines it has checked in SQLite's temporary folder, not
    /// beside its target: when that folder's disk fills, it says which disk in one line,
    /// and the new target is not left behind.
    @Test func anImportWhoseTemporaryFolderFillsNamesItAndLeavesNoTarget() throws {
        let directory = TemporaryDirectory()
        let source = directory.file("source.sqlite")
        let generator = URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().appendingPathComponent("csp-ledger-generate").path
        #expect(try run(generator, ["--events", "3000", "--db", source, "--seed", "5"]).status == 0)
        let export = directory.file("source.jsonl")
        #expect(try CLI(db: source)("export", "--output", export).status == 0)
        try withSmallFilesystem("256k") { folder in
            let target = CLI(db: directory.file("target.sqlite"))
            let refused = try target("import", export, environment: ["SQLITE_TMPDIR": folder])
            #expect(refused.status == 1, "\(refused)")
            #expect(refused.stderr.contains("the disk of the temporary folder where an import stages"), "\(refused)")
            #expect(refused.stderr.filter { $0 == "\n" }.count == 1)
            #expect(!FileManager.default.fileExists(atPath: target.db), "a new target is not left behind")
        }
    }

    @Test func aLedgerOnReadOnlyMediaReadsButRefusesWrites() throws {
        try withSmallFilesystem("2m") { folder in
            let cli = CLI(db: folder + "/ledger.sqlite")
            try cli.initialiseStandard()
            let before = try cli("state", "--format", "json").stdout
            #expect(try run("/bin/mount", ["-o", "remount,ro", folder]).status == 0)
            #expect(try cli("state", "--format", "json").stdout == before)
            #expect(try cli("verify").status == 0)
            let write = try cli("action", "progress", "A-1", "--status", "on-track", "--actor", "police.lead")
            #expect(write.status == 1)
            #expect(write.stderr.hasPrefix("Error: cannot open the ledger") || write.stderr.contains("read-only"), "\(write)")
            #expect(write.stderr.filter { $0 == "\n" }.count == 1)
        }
    }
}

let canMountTmpfs: Bool = {
    let directory = TemporaryDirectory()
    let point = directory.file("probe")
    try? FileManager.default.createDirectory(atPath: point, withIntermediateDirectories: true)
    guard (try? run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", point]).status) == 0 else { return false }
    _ = try? run("/bin/umount", [point])
    return true
}()
