import LedgerAudit
import Testing

/// Outputs that other programs interpret carry stored text as inert text: no formula
/// for a spreadsheet, no HTML, image or link for a Markdown renderer, no control
/// character for a terminal.
@Suite struct DisplayTextTests {
    static let formulas = ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(1)", "\tlead"]

    @Test func csvCellsThatLookLikeFormulasGetALeadingApostrophe() {
        let table = TextTable(title: "T", columns: ["text"], rows: (Self.formulas + ["\rcr", "a=b", "plain"]).map { [$0] })
        #expect(
            table.csv
                == "text\r\n'=cmd|' /C calc'!A0\r\n'+1\r\n'-2\r\n'@SUM(1)\r\n'\tlead\r\n'U+000Dcr\r\na=b\r\nplain\r\n")
    }

    @Test func csvQuotesCommasQuotesAndLineBreaks() {
        let table = TextTable(title: "T", columns: ["a", "b", "c"], rows: [["x, y", "say \"hi\"", "one\ntwo"], ["=1,2", "", "-"]])
        #expect(table.csv == "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"one\ntwo\"\r\n\"'=1,2\",,'-\r\n")
    }

    static let markup = [
        ("<script>alert(1)</script>", #"&lt;script&gt;alert\(1\)&lt;/script&gt;"#),
        ("![x](https://tracker.example/p.png)", #"\!\[x\]\(https\://tracker.example/p.png\)"#),
        ("[click](javascript:alert(1))", #"\[click\]\(javascript:alert\(1\)\)"#),
        (#"\[x](y)"#, #"\\\[x\]\(y\)"#),
        ("a | b & `c`", #"a \| b &amp; \`c\`"#),
    ]

    @Test func markdownCellsAreInertText() {
        let table = TextTable(title: "T", columns: ["text"], rows: Self.markup.map { [$0.0] })
        let lines = table.markdown.split(separator: "\n").dropFirst(3).map(String.init)
        #expect(lines == Self.markup.map { "| \($0.1) |" })
    }

    @Test func markdownReportsEscapeTitlesMetaAndNotesToo() {
        let document = ReportDocument(
            title: "<img src=x>", meta: ["Partnership: [p](javascript:x)"],
            sections: [.init(TextTable(title: "![t](http://t.example/t.png)", columns: ["a"], rows: []), note: "<b>scope</b>")])
        let markdown = document.markdown
        #expect(markdown.contains("# &lt;img src=x&gt;\n"))
        #expect(markdown.contains(#"- Partnership: \[p\]\(javascript:x\)"#))
        #expect(markdown.contains(#"## \!\[t\]\(http\://t.example/t.png\)"#))
        #expect(markdown.contains("&lt;b&gt;scope&lt;/b&gt;"))
        #expect(!markdown.contains("<") && !markdown.contains("]("))
    }

    @Test func htmlReportsEscapeMarkup() {
        let document = ReportDocument(
            title: "T", meta: [], sections: [.init(TextTable(title: "S", columns: ["note"], rows: [["<script>alert(1)</script>"]]))])
        #expect(document.html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"))
        #expect(!document.html.contains("<script"))
    }

    static let controls = "bell\u{7} csi\u{9B}2J del\u{7F} esc\u{1B}[2J line\nnext\ttab"

    @Test func tablesAndMarkdownShowControlCharactersInsteadOfSendingThem() {
        let table = TextTable(title: "T\u{7}", columns: ["note"], rows: [[Self.controls]])
        let shown = "bellU+0007 csiU+009B2J delU+007F escU+001B[2J line↵next→tab"
        #expect(table.aligned.hasSuffix("\n" + shown))
        #expect(table.aligned.hasPrefix("TU+0007\n"))
        #expect(table.markdown.hasSuffix(#"| bellU+0007 csiU+009B2J delU+007F escU+001B\[2J line↵next→tab |"#))
        for output in [table.aligned, table.markdown] {
            #expect(!output.unicodeScalars.contains { $0 != "\n" && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) })
        }
    }

    @Test func csvAndHTMLKeepLineFeedsAndTabsButShowOtherControls() {
        let table = TextTable(title: "T", columns: ["note"], rows: [[Self.controls]])
        #expect(table.csv == "note\r\n\"bellU+0007 csiU+009B2J delU+007F escU+001B[2J line\nnext\ttab\"\r\n")
        let html = ReportDocument(title: "T", meta: [], sections: [.init(table)]).html
        #expect(html.contains("<td>bellU+0007 csiU+009B2J delU+007F escU+001B[2J line<br>next\ttab</td>"))
    }

    /// GitHub-flavoured Markdown links bare addresses by itself; escaped, they stay text.
    @Test func markdownBreaksTheLinksARendererWouldMakeOnItsOwn() {
        let table = TextTable(
            title: "T", columns: ["text"],
            rows: [["https://evil.example/login"], ["see www.evil.example or WWW.Evil.example"], ["x@evil.example"]])
        let lines = table.markdown.split(separator: "\n").dropFirst(3).map(String.init)
        #expect(
            lines == [
                #"| https\://evil.example/login |"#, #"| see www\.evil.example or WWW\.Evil.example |"#, #"| x\@evil.example |"#,
            ])
    }

    /// Characters that reorder what a terminal shows are shown as their code points.
    @Test func bidirectionalControlsNeverReachATerminal() {
        let table = TextTable(title: "T", columns: ["text"], rows: [["invoice\u{202E}gnp.exe"], ["a\u{2066}b\u{2069}c\u{2028}d"]])
        #expect(table.markdown.contains("invoiceU+202Egnp.exe"))
        #expect(table.markdown.contains("aU+2066bU+2069cU+2028d"))
        #expect(table.csv.contains("invoiceU+202Egnp.exe"))
    }
}
