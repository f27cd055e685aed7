import Foundation
import LedgerTestSupport
import Testing

/// Both HTML reports of the demo, as a board member meets them: printed from Chromium to
/// A4 and read by assistive technology. `Tools/check_report_page.py` drives Chromium
/// through chromedriver with Selenium, runs axe-core 4.12 (WCAG 2.0, 2.1 and 2.2, A and
/// AA), computes the contrast of every colour pair the CSS declares and the distance of
/// the RAG fills under deuteranopia and protanopia, lays the page out at the width of
/// A4's content box, prints it, and reads the PDF's pages back.
///
/// The printed pages are kept, as PDF and one PNG a page, in `.build/report-prints/`
/// (README, "Reports"), for a person to look at.
@Suite(.enabled(if: runsInCI || chromium != nil, "needs chromium, chromium-driver, poppler-utils, selenium and axe-playwright-python"))
struct PrintedReportTests {
    let directory = TemporaryDirectory()
    static let prints = packageRoot + "/.build/report-prints"

    /// The checker's findings for `report ARGUMENTS --format html` on the demo.
    func check(_ name: String, _ arguments: [String]) throws -> [String: Any] {
        let db = directory.file("demo.sqlite")
        #expect(try CLI(db: db).run(["demo", "--db", db], withDB: false).status == 0)
        let result = try CLI(db: db).run(["report"] + arguments + ["--format", "html"])
        #expect(result.status == 0, "\(result)")
        let page = directory.file("\(name).html")
        try Data(result.stdout.utf8).write(to: URL(fileURLWithPath: page))
        let python = try #require(which("python3"), "python3 is needed")
        let checked = try run(python, [packageRoot + "/Tools/check_report_page.py", page, Self.prints])
        try #require(checked.status == 0, "\(checked)")
        return try #require(JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [String: Any])
    }

    func expectPasses(_ found: [String: Any]) {
        #expect(found["axeVersion"] as? String == "4.12.1")
        for key in ["axe", "contrast", "colourBlind", "tooWide", "headingAtFoot"] {
            #expect((found[key] as? [Any])?.isEmpty == true, "\(key): \(found[key] ?? "missing")")
        }
        #expect((found["axePasses"] as? Int ?? 0) > 5, "axe-core ran its rules")
        #expect(found["ragFills"] as? Int == 5, "the five RAG fills were read from the CSS")
        #expect(found["portraitBox"] as? Int == 702 && found["landscapeBox"] as? Int == 1031)
    }

    @Test func thePlanReportPrintsOnA4AndPassesWCAG() throws {
        let found = try check("plan", ["plan", "--as-of", "2024-03-31"])
        expectPasses(found)
        #expect((found["pages"] as? Int ?? 0) >= 5, "\(found)")
        #expect(FileManager.default.fileExists(atPath: Self.prints + "/plan-01.png"))
    }

    @Test func theGovernanceReportPrintsOnA4AndPassesWCAG() throws {
        let found = try check("governance", ["governance", "--from", "2023-04-01", "--to", "2023-06-30"])
        expectPasses(found)
        #expect(FileManager.default.fileExists(atPath: Self.prints + "/governance-01.png"))
    }
}

/// The checker itself finds what it looks for: a page with the old RAG colours (white on
/// a mid green) and a heading left at the foot of a printed page fails it.
@Suite(.enabled(if: runsInCI || chromium != nil, "needs chromium, chromium-driver, poppler-utils, selenium and axe-playwright-python"))
struct ReportPageCheckerTests {
    @Test func itFindsLowContrastCloseFillsAndAHeadingAtAPageFoot() throws {
        // The heading fits at the foot of the first page; the table it heads, which may
        // not be split, does not.
        let directory = TemporaryDirectory()
        let page = """
            <!DOCTYPE html><html lang="en"><head><title>Bad page</title><style>
            @page { size: A4; margin: 14mm 12mm; } body { color: #1a1a1a; } p { margin: 0 0 2px; }
            .rag-red { background: #d9534f; color: #fff; } .rag-green { background: #5cb85c; color: #fff; }
            .rag-amber { background: #f0ad4e; } .rag-blue { background: #428bca; color: #fff; } .rag-grey { background: #bbb; }
            </style></head><body><main><h1>Bad page</h1><div style="height: 235mm">Most of the first page.</div><h2>A heading left alone</h2>
            <div style="break-inside: avoid; height: 200px"><table><tr><th>rag</th></tr><tr><td class="rag-green">green</td></tr></table></div>
            </main></body></html>
            """
        let path = directory.file("bad.html")
        try Data(page.utf8).write(to: URL(fileURLWithPath: path))
        let checked = try run(try #require(which("python3")), [packageRoot + "/Tools/check_report_page.py", path, directory.file("out")])
        try #require(checked.status == 0, "\(checked)")
        let found = try #require(JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [String: Any])
        #expect((found["axe"] as? [[String: Any]])?.contains { $0["id"] as? String == "color-contrast" } == true, "\(found)")
        #expect((found["contrast"] as? [String])?.contains { $0.hasPrefix(".rag-green") } == true, "\(found)")
        #expect((found["colourBlind"] as? [String])?.contains { $0.contains("deuteranopia") } == true, "\(found)")
        #expect((found["headingAtFoot"] as? [String])?.contains { $0.contains("A heading left alone") } == true, "\(found)")
    }
}
