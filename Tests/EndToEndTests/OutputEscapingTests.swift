import CanonicalJSON
import Foundation
import LedgerCore
import LedgerTestSupport
import Testing

/// Stored text that a spreadsheet, a Markdown renderer or a terminal would interpret
/// comes out of every command as inert text, and exactly as stored in JSON.
@Suite struct OutputEscapingTests {
    let directory = TemporaryDirectory()
    var cli: CLI { CLI(db: directory.file("ledger.sqlite")) }
    /// An hour after the set-up, for changes that a window can tell apart from it.
    var later: CLI { CLI(db: directory.file("ledger.sqlite"), now: "2023-04-03T10:00:00Z") }

    /// Creates one action per title under PR-1, as F-0, F-1, …
    func createActions(titled titles: [String]) throws {
        for (i, title) in titles.enumerated() {
            let result = try cli("action", "create", "F-\(i)", "--priority", "PR-1", "--title=\(title)", "--actor", "coord")
            #expect(result.status == 0, "\(title): \(result)")
        }
    }

    func stateActions() throws -> [String: [String: JSONValue]] {
        guard case .object(let state) = try JSONValue.parse(try cli("state", "--format", "json").stdout),
            case .array(let actions) = state["actions"]
        else { return [:] }
        var byID: [String: [String: JSONValue]] = [:]
        for case .object(let action) in actions { if case .string(let id) = action["id"] { byID[id] = action } }
        return byID
    }

    @Test func formulaTextGetsALeadingApostropheInEveryCSVAndStaysExactInJSON() throws {
        try cli.initialiseStandard()
        let titles = ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(1)"]
        try createActions(titled: titles)
        #expect(try cli("priority", "add", "PR-2", "--plan", "P-1", "--title", "=1+1", "--actor", "coord").status == 0)
        #expect(
            try later("action", "progress", "A-1", "--status", "on-track", "--note", "\tlead tab", "--actor", "police.lead").status == 0)

        let outputs = [
            "state": try cli("state", "--format", "csv").stdout,
            "diff": try later("diff", "--from", "2023-04-03", "--format", "csv").stdout,
            "governance": try later("report", "governance", "--from", "2023-04-03", "--format", "csv").stdout,
        ]
        for (command, csv) in outputs {
            for title in titles {
                #expect(csv.contains(",'\(title)"), "\(command) guards \(title)")
                #expect(!csv.contains(",\(title)"), "\(command) never prints \(title) bare")
            }
        }
        #expect(try later("diff", "--from", "2023-04-03T09:30:00Z", "--format", "csv").stdout.contains(",'\tlead tab,"))
        #expect(outputs["governance"]!.contains(",'\tlead tab,"))
        #expect(try cli("report", "plan", "--format", "csv").stdout.contains("\r\nPR-2,'=1+1,0,"))

        let actions = try stateActions()
        #expect(titles.indices.map { actions["F-\($0)"]?["title"] } == titles.map { .string($0) })
        #expect(actions["A-1"]?["lastProgressNote"] == .string("\tlead tab"))
    }

    static let markup = [
        ("<script>alert(1)</script>", #"&lt;script&gt;alert\(1\)&lt;/script&gt;"#),
        ("![x](https://tracker.example/p.png)", #"\!\[x\]\(https\://tracker.example/p.png\)"#),
        ("[click](javascript:alert(1))", #"\[click\]\(javascript:alert\(1\)\)"#),
    ]

    @Test func markupInStoredTextIsInertInMarkdownAndHTML() throws {
        try cli.initialiseStandard()
        try createActions(titled: Self.markup.map(\.0))
        let markdowns = [
            try cli("state", "--format", "markdown").stdout, try cli("diff", "--from", "2023-04-03", "--format", "markdown").stdout,
            try cli("report", "plan", "--format", "markdown").stdout,
        ]
        for markdown in markdowns {
            for (stored, escaped) in Self.markup { #expect(markdown.contains(escaped), "\(stored) in \(markdown)") }
            #expect(!markdown.contains("<") && !markdown.contains("]("), "\(markdown)")
        }
        let html = try cli("report", "plan", "--format", "html").stdout
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script"))
        let actions = try stateActions()
        #expect(Self.markup.indices.map { actions["F-\($0)"]?["title"] } == Self.markup.map { .string($0.0) })
    }

    @Test func lineFeedsAndTabsInANoteShowAsArrowsInATable() throws {
        try cli.initialiseStandard()
        let note = "line one\nline two\tthree"
        #expect(try later("action", "progress", "A-1", "--status", "on-track", "--note", note, "--actor", "police.lead").status == 0)
        let table = try later("diff", "--from", "2023-04-03T09:30:00Z").stdout
        #expect(table.contains("line one↵line two→three"))
        #expect(!table.contains("\t"))
        #expect(try stateActions()["A-1"]?["lastProgressNote"] == .string(note))
    }
}
