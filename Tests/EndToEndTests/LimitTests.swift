import CanonicalJSON
import Foundation
import LedgerTestSupport
import Testing

/// `--limit N` on `log` and `history`: the first N rows after the other filters, in the
/// order printed.
@Suite struct LimitTests {
    let directory = TemporaryDirectory()

    /// The standard ledger with three progress reports on A-1.
    func ledger() throws -> CLI {
        let cli = CLI(db: directory.file("ledger.sqlite"))
        try cli.initialiseStandard(reportingProgress: [10, 20, 30])
        return cli
    }

    func events(_ result: ProcessResult) throws -> [JSONValue] {
        #expect(result.status == 0, "\(result)")
        guard case .array(let events) = try JSONValue.parse(result.stdout) else {
            Issue.record("not an array: \(result.stdout)")
            return []
        }
        return events
    }

    @Test func logPrintsTheFirstNEventsItsFiltersMatch() throws {
        let cli = try ledger()
        let all = try events(cli("log", "--format", "json"))
        #expect(all.count == 18)
        #expect(try events(cli("log", "--limit", "5", "--format", "json")) == Array(all.prefix(5)))
        #expect(try events(cli("log", "--limit", "500", "--format", "json")) == all)

        let reports = try events(cli("log", "--type", "ActionProgressed", "--format", "json"))
        #expect(reports.count == 3)
        #expect(try events(cli("log", "--type", "ActionProgressed", "--limit", "2", "--format", "json")) == Array(reports.prefix(2)))

        let table = try cli("log", "--type", "ActionProgressed", "--limit", "2")
        #expect(table.status == 0, "\(table)")
        let lines = table.stdout.split(separator: "\n")
        #expect(lines[1] == "Log (first 2 of 3 events)")
        #expect(lines.count == 6, "the as-of line, title, header, rule and two rows: \(table.stdout)")
        #expect(try cli("log", "--type", "ActionProgressed", "--limit", "3").stdout.contains("\n\nLog (3 events)\n"))
        let csv = try cli("log", "--limit", "1", "--format", "csv")
        #expect(csv.stdout.split(whereSeparator: \.isNewline).count == 2, "a header and one row")
    }

    @Test func historyPrintsTheFirstNEventsOfTheAction() throws {
        let cli = try ledger()
        let all = try events(cli("history", "A-1", "--format", "json"))
        #expect(all.count == 5)
        #expect(try events(cli("history", "A-1", "--limit", "2", "--format", "json")) == Array(all.prefix(2)))
        #expect(try cli("history", "A-1", "--limit", "2").stdout.contains("\n\nHistory of action A-1 (first 2 of 5 events)\n"))
        #expect(try cli("history", "A-1", "--limit", "5").stdout.contains("\n\nHistory of action A-1\n"))
        let early = try events(cli("history", "A-1", "--as-of", "2023-04-03", "--limit", "1", "--format", "json"))
        #expect(early == Array(all.prefix(1)))
    }

    @Test func aLimitBelowOneOrNotANumberIsAnArgumentError() throws {
        let cli = try ledger()
        let before = try cli.fingerprint()
        for (command, value, message) in [
            ("log", "0", "Error: --limit must be 1 or more, not 0"), ("history", "=-3", "Error: --limit must be 1 or more, not -3"),
            ("log", "ten", "Error: The value 'ten' is invalid for '--limit <n>'"),
        ] {
            var arguments = [command]
            if command == "history" { arguments.append("A-1") }
            // `--limit=-3`: a separate `-3` would be read as an option.
            let result = try cli.run(arguments + (value.hasPrefix("=") ? ["--limit" + value] : ["--limit", value]))
            #expect(result.status == 64, "\(result)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.split(separator: "\n").first.map(String.init) == message, "\(result.stderr)")
        }
        #expect(try cli.fingerprint() == before)
    }
}
