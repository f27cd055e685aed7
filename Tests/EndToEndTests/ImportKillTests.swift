import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

/// An `import` of a generated ledger's export, killed again and again during its check
/// and during its move into the log, and run again after each kill, ends with the
/// source's head; a file whose last line is bad leaves the target as it was.
///
/// The export holds 20,000 events here (about two minutes in a debug build); set
/// `CSP_LEDGER_IMPORT_KILL_EVENTS=200000` for the size the performance issue names.
@Suite(.serialized) struct ImportKillTests {
    let directory = TemporaryDirectory()
    static let seed: UInt64 = 21

    static var events: Int {
        Int(ProcessInfo.processInfo.environment["CSP_LEDGER_IMPORT_KILL_EVENTS"] ?? "") ?? 20_000
    }

    @Test func anImportKilledDuringItsCheckAndItsWritingAndRunAgainEndsWithTheSourceHead() throws {
        let (export, hashes) = try generatedExport()
        print("ImportKillTests: seed \(Self.seed), \(hashes.count) events")

        // One whole import, its check timed: the target's log first holds events when
        // the whole export has checked out and the move begins.
        let reference = directory.file("reference.sqlite")
        let check = try Self.timedCheck(export, into: reference)
        #expect(try Ledger.open(at: reference, access: .readOnly).digest().hash == hashes.last)

        var random = SeededGenerator(seed: Self.seed)
        let target = CLI(db: directory.file("target.sqlite"))
        var duringCheck = 0
        var duringWriting: [Int] = []
        for round in 0..<12 where duringCheck < 2 || duringWriting.count < 2 {
            let before = try Self.count(target.db)
            let inCheck = round % 2 == 0
            if inCheck {
                try Self.killedImport(export, into: target.db, after: Double.random(in: 0.2...0.8, using: &random) * check)
            } else {
                // The move commits 5,000 events at a time: the kill comes a random moment
                // after a run's first batch is seen committed, whatever the machine's pace
                // (a time taken from the timed import misses when the load changes).
                try Self.killedImport(export, into: target.db, growingFrom: before, then: Double.random(in: 0...0.2, using: &random))
            }
            let after = try Self.count(target.db)
            #expect(after >= before, "round \(round): a kill never removes imported events")
            if after > 0 {
                let head = try Ledger.open(at: target.db, access: .readOnly).digest()
                #expect(head.hash == hashes[Int(head.position) - 1], "round \(round): a true prefix of the source")
            }
            if after == before, before < hashes.count {
                duringCheck += 1
            } else if after > before, after < hashes.count {
                duringWriting.append(after)
            }
        }
        print("ImportKillTests: \(duringCheck) kills changed nothing, \(duringWriting.count) left a longer prefix: \(duringWriting)")
        #expect(duringCheck >= 2, "kills during the check")
        #expect(duringWriting.count >= 2, "kills during the writing")

        let finished = try target("import", export)
        #expect(finished.status == 0, "\(finished)")
        #expect(try Ledger.open(at: target.db, access: .readOnly).digest().hash == hashes.last)
        #expect(try target("verify").status == 0)
    }

    @Test func aBadLastLineLeavesTheTargetAsItWas() throws {
        let (export, hashes) = try generatedExport()
        var lines = try String(contentsOfFile: export, encoding: .utf8).split(separator: "\n").map(String.init)
        // A prefix imported whole is an ordinary ledger, the target.
        let half = directory.file("half.jsonl")
        try Data((lines.prefix(hashes.count / 2).joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: half))
        let target = CLI(db: directory.file("target.sqlite"))
        #expect(try target("import", half).status == 0)
        let before = try target("digest").stdout

        lines[lines.count - 1] = lines[lines.count - 1].replacingOccurrences(of: "\"position\":", with: "\"positon\":")
        let bad = directory.file("bad.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: bad))
        for into in [target, CLI(db: directory.file("fresh.sqlite"))] {
            let refused = try into("import", bad)
            #expect(refused.status == 1, "\(refused)")
            #expect(refused.stderr.contains("line \(lines.count)"), "names the last line: \(refused.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.file("fresh.sqlite")), "a new target is not left behind")
        #expect(try target("digest").stdout == before)
        #expect(try target("verify").status == 0, "no unfinished import is left in the target")
    }

    /// A ledger of ``events`` events from `csp-ledger-generate` (seed ``seed``), its
    /// export, and the hash at each position.
    func generatedExport() throws -> (file: String, hashes: [String]) {
        let source = directory.file("generated.sqlite")
        let generator = URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().appendingPathComponent("csp-ledger-generate").path
        let generated = try run(generator, ["--events", String(Self.events), "--db", source, "--seed", String(Self.seed)])
        #expect(generated.status == 0, "\(generated)")
        let export = directory.file("generated.jsonl")
        let exported = try CLI(db: source)("export", "--output", export)
        #expect(exported.status == 0, "\(exported)")
        return (export, try Ledger.open(at: source, access: .readOnly).entries().map(\.hash))
    }

    /// Imports `export` into the new file `target`, and says when its log first held
    /// events (the check's end), in seconds from its start.
    static func timedCheck(_ export: String, into target: String) throws -> TimeInterval {
        let process = try importProcess(export, into: target)
        let started = Date()
        var check: TimeInterval?
        while process.isRunning {
            if check == nil, (try? Self.count(target)) ?? 0 > 0 { check = Date().timeIntervalSince(started) }
            Thread.sleep(forTimeInterval: 0.005)
        }
        #expect(process.terminationStatus == 0)
        return check ?? Date().timeIntervalSince(started)
    }

    static func killedImport(_ export: String, into target: String, after delay: TimeInterval) throws {
        let process = try importProcess(export, into: target)
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Kills an import of `export` into `target` `delay` seconds after the target is
    /// seen holding more than `count` events (or leaves it when it ends first).
    static func killedImport(_ export: String, into target: String, growingFrom count: Int, then delay: TimeInterval) throws {
        let process = try importProcess(export, into: target)
        while process.isRunning, (try? Self.count(target)) ?? count <= count { Thread.sleep(forTimeInterval: 0.01) }
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    static func importProcess(_ export: String, into target: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["import", export, "--db", target]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The events in the ledger at `path`, 0 when there is no file. Opened for
    /// verification: a kill before the first batch was written leaves a target with no
    /// events, which an ordinary open refuses (``importIncomplete``).
    static func count(_ path: String) throws -> Int {
        FileManager.default.fileExists(atPath: path) ? try Ledger.open(at: path, access: .verification).count() : 0
    }
}
