import CanonicalJSON
import Foundation
import LedgerTestSupport
import Testing

/// `--format xlsx --output FILE` on `state`, `log`, `diff`, `report governance` and
/// `report plan`: every workbook is opened with openpyxl (PyPI, through
/// `Tools/check_xlsx.py`) and every sheet's cells compared with the same command's JSON,
/// whose UTC instants are converted to the partnership's wall time first. `.ci/run`
/// installs openpyxl; under `CI=1` a missing one fails instead of skipping.
@Suite struct XlsxOutputTests {
    let directory = TemporaryDirectory()
    static let checker = packageRoot + "/Tools/check_xlsx.py"
    static let python: String? = {
        guard let python = which("python3"), (try? run(python, ["-c", "import openpyxl"]))?.status == 0 else { return nil }
        return python
    }()

    /// Python with openpyxl, or nil (after failing under CI) without it.
    static func openpyxl() -> String? {
        if python == nil { #expect(!runsInCI, "python3 with openpyxl is needed; .ci/run installs it") }
        return python
    }

    /// Writes the command's JSON and its workbook, and has the checker compare them.
    func expectWorkbookMatchesJSON(
        _ cli: CLI, _ kind: String, _ arguments: [String], state: [String]? = nil, environment: [String: String] = [:]
    ) throws {
        guard let python = Self.openpyxl() else { return }
        let name = kind + "-" + UUID().uuidString
        let json = directory.file(name + ".json"), book = directory.file(name + ".xlsx")
        let printed = try cli.run(arguments + ["--format", "json"], environment: environment)
        #expect(printed.status == 0, "\(printed)")
        try Data(printed.stdout.utf8).write(to: URL(fileURLWithPath: json))
        let written = try cli.run(arguments + ["--format", "xlsx", "--output", book], environment: environment)
        #expect(written.status == 0 && written.stdout.isEmpty && written.stderr.isEmpty, "\(written)")
        var checkArguments = [Self.checker, kind, book, "Europe/London", json]
        if let state {
            let stateFile = directory.file(name + "-state.json")
            let stateJSON = try cli.run(state + ["--format", "json"], environment: environment)
            try Data(stateJSON.stdout.utf8).write(to: URL(fileURLWithPath: stateFile))
            checkArguments.append(stateFile)
        }
        let checked = try run(python, checkArguments)
        #expect(checked.status == 0 && checked.stdout.hasPrefix("ok: "), "\(kind): \(checked)")
    }

    /// The demo's two years, in every workbook the issue names, cell for cell.
    @Test func everyWorkbookOfTheDemoHoldsWhatItsJSONSays() throws {
        let cli = CLI(db: directory.file("demo.sqlite"), now: "2024-06-01T10:00:00Z")
        let made = try cli("demo")
        #expect(made.status == 0, "\(made)")
        try expectWorkbookMatchesJSON(cli, "state", ["state"])
        try expectWorkbookMatchesJSON(cli, "state", ["state", "--as-of", "2023-03-31"])
        try expectWorkbookMatchesJSON(cli, "log", ["log"])
        try expectWorkbookMatchesJSON(cli, "diff", ["diff", "--from", "2022-10-01", "--to", "2023-09-30"])
        try expectWorkbookMatchesJSON(
            cli, "governance", ["report", "governance", "--from", "2022-04-01", "--to", "2024-05-31"],
            state: ["state", "--as-of", "2024-05-31"])
        try expectWorkbookMatchesJSON(cli, "plan", ["report", "plan", "--as-of", "2023-12-31"], state: ["state", "--as-of", "2023-12-31"])
    }

    static let formulas = ["=HYPERLINK(\"http://example.invalid\",\"click\")", "+1+1", "-2", "@SUM(A1:A2)", "=cmd|' /C calc'!A0"]

    /// A note of the ledger's greatest length that holds what XML and spreadsheets treat
    /// specially: line breaks, tabs, markup, references, CDATA's end, emoji.
    static let oddNote: String = {
        let piece = "line one\nline\ttwo <b>&amp; ]]> \"quoted\" 'single' 👩🏽‍🚒 🇬🇧 é "
        let scalars = Array(String(repeating: piece, count: 10_000 / piece.unicodeScalars.count + 1).unicodeScalars.prefix(9_990))
        var note = ""
        note.unicodeScalars.append(contentsOf: scalars)
        // End on whole characters: a cut emoji sequence could leave a joiner the ledger refuses.
        while let last = note.unicodeScalars.last, !last.properties.isAlphabetic { note.unicodeScalars.removeLast() }
        return note
    }()

    /// Notes that begin like formulas come back from the workbook as text, exactly; so
    /// does a long note full of markup, line breaks and emoji. The checker also compares
    /// the whole state and log workbooks with their JSON.
    @Test func formulaLikeAndOddNotesComeBackAsTheSameText() throws {
        guard let python = Self.openpyxl() else { return }
        let cli = CLI(db: directory.file("notes.sqlite"))
        try cli.initialiseStandard()
        let notes = Self.formulas + [Self.oddNote]
        for (index, note) in notes.enumerated() {
            let id = "N-\(index)"
            for step in [
                [
                    "action", "create", id, "--priority", "PR-1", "--title", note.hasPrefix("=") ? note : "Action \(index)", "--actor",
                    "coord",
                ],
                ["action", "assign", id, "--lead", "police", "--actor", "coord"],
                ["action", "progress", id, "--status", "on-track", "--note=\(note)", "--actor", "police.lead"],
            ] {
                let result = try cli.run(step)
                #expect(result.status == 0, "\(step): \(result)")
            }
        }
        let book = directory.file("notes.xlsx")
        #expect(try cli("state", "--format", "xlsx", "--output", book).status == 0)
        let dump = try run(python, [Self.checker, "dump", book])
        #expect(dump.status == 0, "\(dump)")
        guard case .object(let sheets) = try JSONValue.parse(dump.stdout), case .object(let actions)? = sheets["Actions"],
            case .array(let rows)? = actions["rows"], case .array(let header)? = rows.first
        else {
            Issue.record("no Actions sheet: \(dump.stdout.prefix(300))")
            return
        }
        let noteColumn = try #require(header.firstIndex(of: .array([.string("s"), .string("last progress note")])))
        let titleColumn = try #require(header.firstIndex(of: .array([.string("s"), .string("title")])))
        for (index, note) in notes.enumerated() {
            guard case .array(let row)? = rows.first(where: { $0.arrayValue?.first == .array([.string("s"), .string("N-\(index)")]) })
            else {
                Issue.record("no row for N-\(index)")
                continue
            }
            #expect(row[noteColumn] == .array([.string("s"), .string(note)]), "note \(index) is the same text, typed as text")
            if note.hasPrefix("=") { #expect(row[titleColumn] == .array([.string("s"), .string(note)]), "a title too") }
        }
        try expectWorkbookMatchesJSON(cli, "state", ["state"])
        try expectWorkbookMatchesJSON(cli, "log", ["log"])
        try expectWorkbookMatchesJSON(cli, "governance", ["report", "governance", "--from", "2023-04-01"], state: ["state"])
    }

    static let readCommands: [[String]] = [
        ["state"], ["log"], ["diff", "--from", "2023-04-01"], ["report", "governance", "--from", "2023-04-01"], ["report", "plan"],
    ]

    /// Without `--output` a workbook is refused in one line, exit 64, before anything is
    /// written, in a pipe and on a terminal; the ledger is unchanged.
    @Test func aWorkbookNeedsAnOutputFile() throws {
        let cli = CLI(db: directory.file("refuse.sqlite"))
        try cli.initialiseStandard()
        let before = try cli.fingerprint()
        for command in Self.readCommands {
            let piped = try cli.run(command + ["--format", "xlsx"])
            #expect(piped.status == 64, "\(command): \(piped)")
            #expect(piped.stdout.isEmpty, "\(command) writes nothing")
            #expect(
                piped.stderr
                    == "Error: --format xlsx writes a workbook file; give --output FILE.xlsx (it is never written to standard output)\n",
                "\(command): \(piped.stderr)")
            let json = try cli.run(command + ["--format", "xlsx", "--error-format", "json"])
            #expect(json.status == 64 && json.stderr.contains("\"code\":\"usage\""), "\(json)")
        }
        #expect(try cli.fingerprint() == before)
        guard which("script") != nil else {
            #expect(!runsInCI, "script (bsdutils) is needed for a pseudo-terminal; .ci/run installs it")
            return
        }
        let screen = try cli.onATerminal(["state", "--format", "xlsx", "--db", cli.db])
        #expect(screen.stdout.contains("Error: --format xlsx writes a workbook file"), "\(screen)")
        #expect(!screen.stdout.contains("PK"), "no zip bytes on the terminal")
    }

    /// A workbook goes to a new file only, like every `--output`: an existing file is
    /// refused and kept; no partial file is left beside it.
    @Test func aWorkbookNeverReplacesAFile() throws {
        let cli = CLI(db: directory.file("exists.sqlite"))
        try cli.initialiseStandard()
        let book = directory.file("taken.xlsx")
        try Data("mine".utf8).write(to: URL(fileURLWithPath: book))
        let refused = try cli("state", "--format", "xlsx", "--output", book)
        #expect(refused.status == 1 && refused.stderr.contains("already exists"), "\(refused)")
        #expect(try String(contentsOfFile: book, encoding: .utf8) == "mine")
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".partial") }
        #expect(left.isEmpty, "\(left)")
    }

    /// The same ledger gives the same bytes: no part records when it was written.
    @Test func theSameLedgerGivesTheSameWorkbook() throws {
        let cli = CLI(db: directory.file("same.sqlite"))
        try cli.initialiseStandard(reportingProgress: [10, 40])
        let (first, second) = (directory.file("first.xlsx"), directory.file("second.xlsx"))
        #expect(try cli("report", "governance", "--from", "2023-04-01", "--format", "xlsx", "--output", first).status == 0)
        Thread.sleep(forTimeInterval: 1.1)
        #expect(try cli("report", "governance", "--from", "2023-04-01", "--format", "xlsx", "--output", second).status == 0)
        let (a, b) = (try Data(contentsOf: URL(fileURLWithPath: first)), try Data(contentsOf: URL(fileURLWithPath: second)))
        #expect(a == b && a.starts(with: Array("PK".utf8)))
    }

    /// `state --format csv` has what a spreadsheet user asks about: percent, the last
    /// progress report and its time (UTC, as CSV gives every instant), the next review,
    /// closed, the owner's name and the due date.
    @Test func stateCSVHasWhatASpreadsheetUserAsksAbout() throws {
        let cli = CLI(db: directory.file("csv.sqlite"))
        try cli.initialiseStandard()
        #expect(
            try cli(
                "action", "progress", "A-1", "--status", "at-risk", "--percent", "40", "--note", "Late, sorry", "--actor", "police.lead"
            ).status == 0)
        #expect(try cli("action", "review", "A-1", "--outcome", "continue", "--next-review", "2023-07-01", "--actor", "coord").status == 0)
        let lines = try cli("state", "--format", "csv").stdout.components(separatedBy: "\r\n")
        #expect(
            lines[0]
                == "id,priority,status,rag,lead,supporting,owner,due,version,title,percent,owner name,next review,closed,last progress,last progress note"
        )
        #expect(
            lines[1]
                == "A-1,PR-1,at-risk,amber,police,council,police.lead,2024-03-31,4,Do the thing,40,Pat Lead,2023-07-01,no,2023-04-03T09:00:00.000Z,\"Late, sorry\""
        )
        #expect(lines[2] == "A-2,PR-1,not-started,grey,,,,,1,Another thing,,,,no,,")
    }
}

extension JSONValue {
    fileprivate var arrayValue: [JSONValue]? {
        if case .array(let items) = self { items } else { nil }
    }
}
