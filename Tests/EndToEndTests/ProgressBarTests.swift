import Foundation
import LedgerTestSupport
import Testing

/// The progress bars of the commands that walk the whole log: drawn on a terminal (a
/// pseudo-terminal from `script`, 60 columns wide), fitted to it and erased at the end;
/// never in a pipe.
@Suite(.enabled(if: which("script") != nil, "needs script (util-linux's bsdutils) for a pseudo-terminal"))
struct ProgressBarTests {
    let directory = TemporaryDirectory()

    /// A small ledger with a few reports, and its export.
    func ledger() throws -> (cli: CLI, export: String) {
        let cli = CLI(db: directory.file("ledger.sqlite"))
        try cli.initialiseStandard(reportingProgress: [10, 20, 30])
        let export = directory.file("ledger.jsonl")
        #expect(try cli("export", "--output", export).status == 0)
        return (cli, export)
    }

    /// The commands with bars, each with the labels its bar shows and a line of what it
    /// prints when done. Outputs are new files in `directory`, named after `round`.
    func commands(_ cli: CLI, _ export: String, round: String) -> [(arguments: [String], labels: [String], done: String)] {
        [
            (["verify", "--db", cli.db], ["verifying"], "ok: 18 events"),
            (["export", "--db", cli.db, "--output", directory.file("\(round).jsonl")], ["exporting"], "exported 18 events"),
            (["import", export, "--db", directory.file("\(round)-import.sqlite")], ["checking", "importing"], "imported 18 events"),
            (
                ["replay", "--to-position", "17", "--db", cli.db, "--output", directory.file("\(round)-replay.sqlite")],
                ["checking", "replaying"],
                "replayed positions 1-17"
            ),
            (["rebuild", "--db", cli.db], ["rebuilding"], "rebuilt the projection"),
        ]
    }

    /// Runs `csp-ledger ARGUMENTS` on a 60-column pseudo-terminal, and returns
    /// everything the terminal received.
    func onATerminal(_ arguments: [String], _ cli: CLI) throws -> String {
        let result = try cli.onATerminal(arguments)
        #expect(result.status == 0, "\(arguments): \(result)")
        return result.stdout
    }

    @Test func aTerminalSeesABarThatFitsItsWidthAndIsErasedAtTheEnd() throws {
        let (cli, export) = try ledger()
        for (arguments, labels, done) in commands(cli, export, round: "terminal") {
            let screen = try onATerminal(arguments, cli)
            for label in labels {
                #expect(screen.contains("\r\(label) ["), "\(arguments[0]) draws its \(label) bar: \(screen.debugDescription)")
                #expect(screen.contains("] 100%"), "\(arguments[0]) reaches 100%")
            }
            // Every bar drawn fits 60 columns with one to spare, and nothing carries an
            // escape sequence (no colour either).
            let bars = screen.split(whereSeparator: { $0 == "\r" || $0 == "\n" }).filter { line in
                labels.contains { line.hasPrefix("\($0) [") }
            }
            #expect(bars.count >= 2 && bars.allSatisfy { $0.count <= 59 }, "\(arguments[0]): \(bars)")
            #expect(!screen.contains("\u{1B}"))
            // The bar is overwritten with blanks before the command's own line.
            let erased = try #require(screen.range(of: "\r" + String(repeating: " ", count: 59) + "\r"), "\(arguments[0]) erases its bar")
            #expect(screen[erased.upperBound...].hasPrefix(done), "\(screen.debugDescription)")
        }
    }

    @Test func aPipeGetsNoBar() throws {
        let (cli, export) = try ledger()
        for (arguments, labels, done) in commands(cli, export, round: "pipe") {
            let result = try run(CLI.binary, arguments, environment: ["COLUMNS": "60", "CSP_LEDGER_NOW": cli.now])
            #expect(result.status == 0, "\(result)")
            #expect(!(result.stdout + result.stderr).contains("\r"), "\(arguments[0]): \(result)")
            for label in labels { #expect(!result.stderr.contains(label)) }
            #expect((result.stdout + result.stderr).hasPrefix(done), "\(result)")
        }
    }

    /// Export lines printed to the terminal itself would be torn by a bar between them.
    @Test func anExportToTheTerminalItselfDrawsNoBar() throws {
        let (cli, _) = try ledger()
        let screen = try onATerminal(["export", "--db", cli.db], cli)
        #expect(!screen.contains("exporting"))
        #expect(screen.components(separatedBy: "\r\n").filter { $0.hasPrefix("{") }.count == 18)
    }
}
