import Foundation
import LedgerTestSupport
import Testing

@testable import csp_ledger

/// `--from` and `--to` are dates on every command; `export`, `replay` and `follow` take
/// positions as `--from-position` and `--to-position`, and their old position flags are
/// refused (exit 64) naming the new ones.
@Suite struct PositionFlagTests {
    let directory = TemporaryDirectory()

    @Test func thePositionFlagsParse() throws {
        let export = try #require(try CSPLedger.parseAsRoot(["export", "--from-position", "3", "--to-position", "9"]) as? ExportCommand)
        #expect((export.fromPosition, export.toPosition) == (3, 9))
        let replay = try #require(try CSPLedger.parseAsRoot(["replay", "--to-position", "4", "--output", "x"]) as? ReplayCommand)
        #expect(replay.toPosition == 4)
        let follow = try #require(try CSPLedger.parseAsRoot(["follow", "--from-position", "700"]) as? FollowCommand)
        #expect(follow.fromPosition == 700)
    }

    @Test func exportTakesARangeOfPositions() throws {
        let cli = CLI(db: directory.file("ledger.sqlite"))
        try cli.initialiseStandard()
        let result = try cli("export", "--from-position", "3", "--to-position", "5")
        #expect(result.status == 0, "\(result)")
        let positions = try result.stdout.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["position"] as? Int)
        }
        #expect(positions == [3, 4, 5])
        let copy = directory.file("copy.sqlite")
        #expect(try cli("replay", "--to-position", "4", "--output", copy).stdout.hasPrefix("replayed positions 1-4 into"))
    }

    @Test(arguments: [
        (["export", "--from", "2"], "--from takes a date, never a position; give a position with --from-position 2"),
        (["export", "--to", "9"], "--to takes a date, never a position; give a position with --to-position 9"),
        (["export", "--from", "2023-04-01"], "--from takes a date, never a position; give a position with --from-position 2023-04-01"),
        (["replay", "--to", "3", "--output", "copy.sqlite"], "--to takes a date, never a position; give a position with --to-position 3"),
        (["replay", "--from", "3", "--output", "copy.sqlite"], "--from takes a date, never a position; this command takes no --from"),
        (["follow", "--from", "700"], "--from takes a date, never a position; give a position with --from-position 700"),
        (["follow", "--to", "700"], "--to takes a date, never a position; this command takes no --to"),
    ])
    func theOldPositionFlagsAreRefusedNamingTheNewOnes(_ arguments: [String], _ message: String) throws {
        let cli = CLI(db: directory.file("ledger.sqlite"))
        try cli.initialiseStandard()
        let before = try cli.fingerprint()
        let result = try cli.run(arguments)
        #expect(result.status == 64, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("Error: \(message)\n"), "\(result)")
        #expect(try cli.fingerprint() == before)
        #expect(!FileManager.default.fileExists(atPath: "copy.sqlite"))
        let json = try cli.run(arguments + ["--error-format", "json"])
        #expect(json.stderr.contains("\"code\":\"usage\""), "\(json)")
    }

    @Test func theOldNamesAreNotOfferedInHelp() throws {
        for command in ["export", "replay", "follow"] {
            let help = try CLI(db: directory.file("none.sqlite")).run([command, "--help"], withDB: false).stdout
            #expect(help.contains("-position"), "\(command): \(help)")
            #expect(!help.contains("--from <") && !help.contains("--to <"), "\(command): \(help)")
        }
    }
}
