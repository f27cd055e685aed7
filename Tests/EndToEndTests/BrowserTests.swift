import Foundation
import LedgerTestSupport
import Testing

/// The HTML reports in a real headless browser: they load without console errors,
/// the chart is drawn, and a screenshot and an A4 PDF come out with real content.
@Suite(.enabled(if: chromium != nil, "needs Chromium (Debian package chromium), which .ci/run installs; it could not be found"))
struct BrowserTests {
    let directory = TemporaryDirectory()

    func browse(_ arguments: [String], _ page: String) throws -> ProcessResult {
        try run(
            "/usr/bin/timeout",
            [
                "120", chromium!, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--enable-logging=stderr", "--v=0", "--user-data-dir=\(directory.file("profile"))",
            ]
                + arguments + ["file://\(page)"])
    }

    func report(_ arguments: String...) throws -> String {
        let db = directory.file("demo.sqlite")
        if !FileManager.default.fileExists(atPath: db) {
            #expect(try CLI(db: db).run(["demo", "--db", db], withDB: false).status == 0)
        }
        let result = try CLI(db: db).run(["report"] + arguments)
        #expect(result.status == 0, "\(result)")
        let page = directory.file("\(arguments[0]).html")
        try Data(result.stdout.utf8).write(to: URL(fileURLWithPath: page))
        return page
    }

    func expectCleanLoad(_ page: String) throws {
        let dom = try browse(["--dump-dom"], page)
        #expect(dom.status == 0, "\(dom.stderr.suffix(2000))")
        let consoleProblems = dom.stderr.split(separator: "\n").filter {
            $0.contains(":CONSOLE") || $0.contains("Uncaught") || $0.contains("Failed to load resource")
        }
        #expect(consoleProblems.isEmpty, "\(consoleProblems)")
        let screenshot = directory.file("shot.png")
        let shot = try browse(["--window-size=1100,1500", "--screenshot=\(screenshot)"], page)
        #expect(shot.status == 0, "\(shot.stderr.suffix(2000))")
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 30_000, "a page with content, not a blank one: \(png.count) bytes")
        let pdfPath = directory.file("page.pdf")
        let print = try browse(["--no-pdf-header-footer", "--print-to-pdf=\(pdfPath)"], page)
        #expect(print.status == 0, "\(print.stderr.suffix(2000))")
        let pdf = try Data(contentsOf: URL(fileURLWithPath: pdfPath))
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        #expect(pdf.count > 20_000, "\(pdf.count) bytes")
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.contains("MediaBox [0 0 594.9") && text.contains(" 841.9"), "A4 pages")
    }

    @Test func thePlanReportRendersItsChart() throws {
        let page = try report("plan", "--as-of", "2024-03-31", "--format", "html")
        let dom = try browse(["--dump-dom"], page)
        #expect(dom.stdout.contains("<svg"))
        #expect(dom.stdout.components(separatedBy: "<rect").count > 100, "the bars of the chart are in the page")
        #expect(dom.stdout.contains("RAG summary"))
        try expectCleanLoad(page)
    }

    @Test func theGovernanceReportLoadsAndPrints() throws {
        let page = try report("governance", "--from", "2023-04-01", "--to", "2023-06-30", "--format", "html")
        let dom = try browse(["--dump-dom"], page)
        #expect(dom.stdout.contains("Back-dated changes"))
        try expectCleanLoad(page)
    }
}

let chromium: String? = which("chromium") ?? which("chromium-browser") ?? which("google-chrome")
