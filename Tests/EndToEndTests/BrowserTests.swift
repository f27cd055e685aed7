import Foundation
import LedgerTestSupport
import Testing

/// The HTML reports in a real headless browser: they load without console errors,
/// the chart is drawn, and a screenshot and an A4 PDF come out with real content.
/// In CI (`CI` set) a missing Chromium fails these tests instead of skipping them.
@Suite(.enabled(if: runsInCI || chromium != nil, "needs Chromium (Debian package chromium), which .ci/run installs; it could not be found"))
struct BrowserTests {
    let directory = TemporaryDirectory()

    func browse(_ arguments: [String], _ page: String) throws -> ProcessResult {
        try run(
            "/usr/bin/timeout",
            [
                "120", try #require(chromium, "Chromium (Debian package chromium) is not installed"), "--headless=new", "--no-sandbox",
                "--disable-gpu", "--hide-scrollbars",
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
        let pdf = try Data(contentsOf: URL(fileURLWithPath: directory.file("page.pdf")))
        #expect(String(decoding: pdf, as: UTF8.self).contains("MediaBox [0 0 841.9"), "every change is printed on landscape pages")
        #expect(try elementsWiderThanA4(page, pageWidth: 210, in: "body *:not(section.wide, section.wide *)").isEmpty)
        #expect(try elementsWiderThanA4(page, pageWidth: 297, in: "section.wide *").isEmpty)
    }

    /// The elements (of those `selector` picks) that would be cut off at the right edge of
    /// an A4 page `pageWidth` millimetres wide: the page is laid out at the width of its
    /// content box (less the report's 12 mm margins each side, in CSS pixels) with the
    /// print margin and type size on the body, and a script lists every element whose
    /// right edge passes it.
    func elementsWiderThanA4(_ page: String, pageWidth: Double, in selector: String) throws -> [String] {
        let html = try String(contentsOfFile: page, encoding: .utf8)
        let script = """
            <script>
            document.body.style.margin = "0";
            const limit = document.documentElement.clientWidth + 0.5;
            const wide = [...document.body.querySelectorAll("\(selector)")].filter(e => e.getBoundingClientRect().right > limit)
              .map(e => e.tagName + ":" + Math.round(e.getBoundingClientRect().right) + ":" + e.textContent.slice(0, 40));
            const out = document.createElement("pre");
            out.id = "too-wide";
            out.textContent = "limit " + limit + "\\n" + wide.join("\\n");
            document.body.prepend(out);
            </script>
            """
        let probe = directory.file("probe.html")
        try Data(html.replacingOccurrences(of: "</body>", with: script + "</body>").utf8).write(to: URL(fileURLWithPath: probe))
        let contentWidth = Int(((pageWidth - 2 * 12) / 25.4 * 96).rounded(.down))
        let dom = try browse(["--window-size=\(contentWidth),1200", "--dump-dom"], probe)
        #expect(dom.status == 0, "\(dom.stderr.suffix(2000))")
        let start = try #require(dom.stdout.range(of: "<pre id=\"too-wide\">"))
        let end = try #require(dom.stdout.range(of: "</pre>", range: start.upperBound..<dom.stdout.endIndex))
        let lines = dom.stdout[start.upperBound..<end.lowerBound].split(separator: "\n").map(String.init)
        #expect(lines.first == "limit \(Double(contentWidth) + 0.5)", "the page is as wide as A4's content box")
        return Array(lines.dropFirst())
    }
}

let chromium: String? = which("chromium") ?? which("chromium-browser") ?? which("google-chrome")
