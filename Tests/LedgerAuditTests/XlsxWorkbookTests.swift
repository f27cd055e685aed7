import CanonicalJSON
import Foundation
import LedgerCore
import LedgerTestSupport
import Testing

@testable import LedgerAudit

/// The workbook writer's own rules: sheet names a spreadsheet accepts, text that XML can
/// hold, date serials, and the limits of a sheet; and a table holding what the ledger
/// never stores but an edited file could (control characters, U+FFFE) still makes a
/// workbook that openpyxl reads.
@Suite struct XlsxWorkbookTests {
    let london = try! PartnershipCalendar(timeZoneIdentifier: "Europe/London")

    @Test func sheetNamesAreShortUniqueAndAllowed() {
        let names = XlsxText.sheetNames([
            "Log (12 events)", "SOC-1: Reduce harm", "Changes from 2023-04-01 (position 3)", "a[b]c:d*e?f/g\\h", "'quoted'",
            "Actions without a progress report for more than 90 days", "Actions without a progress report for more than 30 days",
            "actions without a progress report for more than 9 days", "History", "", String(repeating: "É", count: 34), "\u{7}bell",
        ])
        #expect(
            names == [
                "Log", "SOC-1", "Changes", "abcdefgh", "quoted", "Actions without a progress rep…", "Actions without a progress r… 2",
                "actions without a progress r… 3", "History of actions", "Sheet 10", String(repeating: "É", count: 30) + "…", "bell",
            ])
        for name in names {
            #expect(name.utf16.count <= 31 && !name.contains(where: { "[]:*?/\\".contains($0) }), "\(name)")
        }
        #expect(Set(names.map { $0.lowercased() }).count == names.count)
    }

    @Test func textIsEscapedAndWhatXMLCannotHoldIsShown() {
        #expect(XlsxText.escaped("<a href=\"x\">&</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;")
        #expect(XlsxText.shown("bell\u{7} line\nfeed\ttab \u{1B}[2J") == "bellU+0007 line\nfeed\ttab U+001B[2J")
        #expect(XlsxText.escaped("not a character \u{FFFE}\u{FFFF}") == "not a character U+FFFEU+FFFF")
        let long = String(repeating: "👩🏽‍🚒", count: 5_000)
        let cut = XlsxText.shown(long)
        #expect(cut.utf16.count <= XlsxText.cellLimit && cut.hasSuffix("…") && cut.dropLast().allSatisfy { $0 == "👩🏽‍🚒" })
    }

    @Test func columnsAndSerials() throws {
        #expect([0, 25, 26, 701, 702, 16_383].map(XlsxText.column) == ["A", "Z", "AA", "ZZ", "AAA", "XFD"])
        // 9 June 2023 10:00 BST is 09:00 UTC; Excel's serial for 2023-06-09 10:00 is 45086.41666….
        let instant = try Instant(iso8601: "2023-06-09T09:00:00Z")
        let serial = try #require(XlsxText.serial(localMilliseconds: XlsxText.localMilliseconds(instant, in: london)))
        #expect(abs(serial - (45_086 + 10.0 / 24)) < 1e-9)
        #expect(XlsxText.serial(localMilliseconds: try LocalDate(iso8601: "1900-03-01").daysSince1970 * 86_400_000) == 61)
        #expect(XlsxText.serial(localMilliseconds: try LocalDate(iso8601: "1900-02-28").daysSince1970 * 86_400_000) == nil)
    }

    /// A date the 1900 date system cannot hold is written as its text, not as a wrong day.
    @Test func datesBeforeMarch1900StayText() throws {
        let old = try LocalDate(iso8601: "1066-10-14")
        let table = TextTable(title: "T", columns: ["due"], cells: [[.date(old, old.iso8601)]])
        let xml = XlsxSheet(table: table, calendar: london).xml
        #expect(xml.contains("<c r=\"A2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">1066-10-14</t></is></c>"), "\(xml)")
    }

    @Test func aTableLongerThanASheetIsRefusedByName() throws {
        let rows = [[TextTable.Cell]](repeating: [.integer(1)], count: XlsxSheet.rowLimit)
        let workbook = XlsxWorkbook(tables: [TextTable(title: "Log", columns: ["position"], cells: rows)], calendar: london)
        #expect {
            try workbook.data()
        } throws: { error in
            (error as? LedgerError)?.code == .invalidInput && "\(error)".contains("'Log' has 1048576 rows")
        }
    }

    /// Control characters and noncharacters from an edited file, and formula-like text:
    /// openpyxl reads the workbook, every text cell as text.
    @Test func textFromAnEditedFileStillMakesAReadableWorkbook() throws {
        guard let python = which("python3"), try run(python, ["-c", "import openpyxl"]).status == 0 else {
            #expect(!runsInCI, "python3 with openpyxl is needed; .ci/run installs it")
            return
        }
        let texts = ["bell\u{7}", "nul\u{0}", "escape\u{1B}[31m", "nonchar\u{FFFE}", "cr\rlf", "=1+1", "line\nbreak"]
        let table = TextTable(title: "Notes: odd", columns: ["note"], rows: texts.map { [$0] })
        let directory = TemporaryDirectory()
        let path = directory.file("odd.xlsx")
        try XlsxWorkbook(tables: [table], calendar: london).data().write(to: URL(fileURLWithPath: path))
        let dump = try run(python, [packageRoot + "/Tools/check_xlsx.py", "dump", path])
        #expect(dump.status == 0, "\(dump)")
        let expected: JSONValue = .object([
            "Notes": .object([
                "frozen": .string("A2"),
                "rows": .array(
                    [.array([.array([.string("s"), .string("note")])])]
                        + ["bellU+0007", "nulU+0000", "escapeU+001B[31m", "noncharU+FFFE", "crU+000Dlf", "=1+1", "line\nbreak"].map {
                            .array([.array([.string("s"), .string($0)])])
                        }),
            ])
        ])
        #expect(try JSONValue.parse(dump.stdout) == expected, "\(dump.stdout)")
    }
}
