import CanonicalJSON
import Foundation
import LedgerTestSupport
import Testing

/// Tables for people at a terminal: a first line naming the as-of time, position and
/// digest (the table format only), and wide columns cut to the terminal's width with `…`
/// on a terminal, never in a pipe, a file or with `--wide`.
@Suite struct TerminalTableTests {
    let directory = TemporaryDirectory()
    static let note = "Campaign launched across every ward of the district with posters, leaflets and a social media push"

    /// The standard ledger with a long progress note, recorded at 10:00 in London on
    /// 10 May 2023 (position 16).
    func ledger() throws -> CLI {
        try CLI(db: directory.file("ledger.sqlite")).initialiseStandard(
            reportingAt: "2023-05-10T09:00:00Z", ["--status", "at-risk", "--percent", "40", "--note", Self.note])
    }

    /// The read commands that print tables, each with what it needs.
    static let reads: [[String]] = [
        ["state"], ["history", "A-1"], ["log"], ["diff", "--from", "2023-04-01"], ["token", "list", "--actor", "coord"],
        ["report", "governance", "--from", "2023-04-01", "--format", "table"], ["report", "plan", "--format", "table"],
    ]

    /// The ledger's digest as `digest` prints it.
    func digest(_ cli: CLI) throws -> String {
        guard case .object(let head) = try json(try cli("digest", "--format", "json")), case .string(let text)? = head["digest"] else {
            return ""
        }
        return text
    }

    @Test func aTableStartsWithWhatIsShownAndOtherFormatsDoNot() throws {
        let cli = try ledger()
        let head = try digest(cli)
        #expect(head.hasPrefix("16:"))
        for arguments in Self.reads {
            let table = try cli.run(arguments)
            #expect(table.status == 0, "\(arguments): \(table)")
            #expect(
                table.stdout.hasPrefix("as of 2023-05-10 10:00 +01:00, ledger position 16, digest \(head)\n\n"),
                "\(arguments): \(table.stdout.prefix(300))")
            guard arguments[0] != "report" else { continue }
            for format in ["json", "csv", "markdown"] {
                let other = try cli.run(arguments + ["--format", format]).stdout
                #expect(!other.contains("ledger position 16, digest"), "\(arguments) \(format): \(other.prefix(300))")
            }
        }
        for format in ["json", "csv", "markdown", "html"] {
            let report = try cli("report", "governance", "--from", "2023-04-01", "--format", format).stdout
            #expect(!report.hasPrefix("as of "), "\(format): \(report.prefix(200))")
        }
    }

    /// An earlier time shows the head as recorded then, and a date reads as the day.
    @Test func theLineNamesTheTimeAskedAboutAndTheHeadThen() throws {
        let cli = try ledger()
        guard case .object(let plan) = try json(try cli("report", "plan", "--as-of", "2023-04-03", "--format", "json")),
            case .string(let earlier)? = plan["digest"]
        else { return }
        #expect(earlier.hasPrefix("15:"))
        for arguments in [
            ["state", "--as-of", "2023-04-03"], ["history", "A-1", "--as-of", "2023-04-03"], ["log", "--to", "2023-04-03"],
        ] {
            let table = try cli.run(arguments).stdout
            #expect(table.hasPrefix("as of 2023-04-03, ledger position 15, digest \(earlier)\n\n"), "\(arguments): \(table.prefix(300))")
        }
        let verified = try cli("verify", "--digest", earlier)
        #expect(verified.status == 0, "the digest the line names is one verify checks: \(verified)")
    }

    @Test func aPipeCutsNothingWhateverTheWidth() throws {
        let cli = try ledger()
        for arguments in Self.reads + [["history", "A-1", "--wide"]] {
            let table = try cli.run(arguments, environment: ["COLUMNS": "60"]).stdout
            #expect(!table.contains("…"), "\(arguments): \(table)")
            if arguments[0] == "history" || arguments[0] == "log" {
                #expect(table.contains(Self.note), "\(arguments): \(table)")
            }
        }
        let file = directory.file("history.txt")
        #expect(try cli("history", "A-1", "--output", file).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains(Self.note))
    }

    @Test(.enabled(if: runsInCI || which("script") != nil, "needs script (bsdutils, which .ci/run installs) for a pseudo-terminal"))
    func aTerminalCutsWideColumnsToItsWidthAndWideShowsThemWhole() throws {
        let cli = try ledger()
        let head = try digest(cli)
        for arguments in Self.reads {
            let screen = try cli.onATerminal(arguments + ["--db", cli.db])
            #expect(screen.status == 0, "\(arguments): \(screen)")
            let lines = Self.lines(screen.stdout)
            #expect(lines.first == "as of 2023-05-10 10:00 +01:00, ledger position 16, digest \(head)", "never cut: \(arguments)")
            let long = lines.dropFirst().filter { $0.count > 60 }
            #expect(long.isEmpty, "\(arguments): \(long)")
            let wide = try cli.onATerminal(arguments + ["--db", cli.db, "--wide"])
            #expect(wide.status == 0 && !wide.stdout.contains("…"), "\(arguments): \(wide.stdout)")
            let cut = Self.lines(wide.stdout).dropFirst().contains { $0.count > 60 }
            #expect(screen.stdout.contains("…") == cut, "\(arguments): \(screen.stdout)")
            #expect(cut || arguments[0] == "token", "\(arguments) has wide columns to cut: \(wide.stdout)")
        }
        let history = try cli.onATerminal(["history", "A-1", "--db", cli.db]).stdout
        #expect(history.contains("@16 "), "the position stays whole: \(history)")
        let narrow = try cli.onATerminal(["history", "A-1", "--db", cli.db], columns: 100).stdout
        #expect(Self.lines(narrow).dropFirst().allSatisfy { $0.count <= 100 } && narrow.contains("…"), "\(narrow)")
    }

    /// The lines a terminal received.
    static func lines(_ screen: String) -> [Substring] {
        screen.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
    }

    @Test func onlyCommandsThatPrintTablesOfferWide() throws {
        let cli = try ledger()
        for arguments in [["digest"], ["verify"], ["export"]] {
            let refused = try cli.run(arguments + ["--wide"])
            #expect(refused.status == 64 && refused.stderr.hasPrefix("Error: Unknown option '--wide'"), "\(arguments): \(refused)")
        }
    }
}
