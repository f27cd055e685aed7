import Foundation
import LedgerTestSupport
import Testing

/// An unknown id is answered with the id most likely meant, in the error line and in
/// its JSON form, and the ledger is unchanged.
@Suite struct NearMatchTests {
    let directory = TemporaryDirectory()

    @Test(arguments: [
        (
            ["action", "progress", "a-1", "--status", "on-track", "--actor", "coord"], "action 'a-1' does not exist; did you mean 'A-1'?",
            "A-1"
        ),
        (
            ["action", "assign", "A-2", "--lead", "polise", "--actor", "coord"],
            "partner 'polise' is not registered; did you mean 'police'?", "police"
        ),
        (
            ["action", "create", "A-9", "--priority", "pr-1", "--title", "T", "--actor", "coord"],
            "priority 'pr-1' does not exist; did you mean 'PR-1'?", "PR-1"
        ),
        (
            ["action", "progress", "A-1", "--status", "on-track", "--actor", "Coord"],
            "actor 'Coord' is not registered; did you mean 'coord'?", "coord"
        ),
        (["history", "a-2"], "action 'a-2' has no events; did you mean 'A-2'?", "A-2"),
        (["log", "--by", "police.lede"], "actor 'police.lede' was never registered; did you mean 'police.lead'?", "police.lead"),
        (
            ["priority", "add", "PR-2", "--plan", "p-1", "--title", "T", "--actor", "coord"],
            "plan 'p-1' is not adopted; did you mean 'P-1'?", "P-1"
        ),
    ])
    func anUnknownIdSuggestsTheNearMatch(_ arguments: [String], _ message: String, _ suggestion: String) throws {
        let cli = CLI(db: directory.file("ledger.sqlite"))
        try cli.initialiseStandard()
        let before = try cli.fingerprint()
        let text = try cli.run(arguments)
        #expect(text.status == 1, "\(text)")
        #expect(text.stderr.hasPrefix("Error: \(message)"), "\(text)")
        let json = try cli.run(arguments + ["--error-format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stderr.utf8)) as? [String: [String: String]])
        #expect(object["error"]?["message"] == message, "\(json)")
        #expect(object["error"]?.keys.sorted() == ["code", "message"], "\(json)")
        #expect(text.stderr == "Error: \(message)\n", "\(text)")
        #expect(try cli.fingerprint() == before)
    }

    @Test func nothingNearSuggestsNothing() throws {
        let cli = CLI(db: directory.file("ledger.sqlite"))
        try cli.initialiseStandard()
        let result = try cli("action", "progress", "ZZZ-99", "--status", "on-track", "--actor", "coord", "--error-format", "json")
        #expect(result.status == 1)
        #expect(!result.stderr.contains("did you mean"), "\(result)")
    }
}
