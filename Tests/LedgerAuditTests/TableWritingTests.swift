import LedgerAudit
import Testing

/// Tables and report documents are written a row at a time (a table's rows may be made
/// only when read): the pieces join into exactly the text each format has always had.
@Suite struct TableWritingTests {
    static let stored = TextTable(title: "F", columns: ["a", "b"], rows: [["1", "xy"], ["22", "z"]])
    /// The same rows, made when read.
    static let made = TextTable(title: "F", columns: ["a", "b"], count: 2) { index in
        [["1", "xy"], ["22", "z"]][index].map(TextTable.Cell.text)
    }
    static let document = ReportDocument(
        title: "T", meta: ["m1"],
        sections: [.init(TextTable(title: "E", columns: ["a"], rows: []), note: "n1"), .init(made, note: "n2")])

    @Test func aTableMadeWhenReadIsTheTableItsRowsMake() {
        #expect(Self.made == Self.stored)
        #expect(Self.made.count == 2 && Self.made.rows == [["1", "xy"], ["22", "z"]])
        #expect(Self.made.csv == "a,b\r\n1,xy\r\n22,z\r\n")
        #expect(Self.made.markdown == "## F\n\n| a | b |\n| --- | --- |\n| 1 | xy |\n| 22 | z |")
        #expect(Self.made.aligned == "F\na   b\n--  --\n1   xy\n22  z")
    }

    @Test func aDocumentIsWrittenInPiecesWithEachNoteUnderItsHeading() {
        var pieces: [String] = []
        Self.document.writeMarkdown { pieces.append($0) }
        #expect(pieces.count > 6, "written in pieces")
        #expect(
            pieces.joined()
                == "# T\n\n- m1\n\n## E\n\nn1\n\n| a |\n| --- |\n\n_None._\n\n## F\n\nn2\n\n| a | b |\n| --- | --- |\n| 1 | xy |\n| 22 | z |\n"
        )
        #expect(Self.document.markdown == pieces.joined())
        #expect(Self.document.aligned == "T\n  m1\n\nE\nn1\nNone.\n\nF\nn2\na   b\n--  --\n1   xy\n22  z\n")
        let html = Self.document.html
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</section>\n</body>\n</html>\n"))
        #expect(html.contains("<h2>E</h2>\n<p class=\"note\">n1</p>\n<p class=\"none\">None.</p>\n</section>"))
        #expect(html.contains("<tbody>\n<tr><td>1</td><td>xy</td></tr>\n<tr><td>22</td><td>z</td></tr>\n</tbody>"))
    }
}
