import LedgerAudit
import Testing

/// A table cut to a terminal's width: the widest columns give way first, cut cells and
/// titles end in `…`, and widths count the columns a terminal gives each character.
@Suite struct TableWidthTests {
    let table = TextTable(
        title: "A title much longer than the narrow terminal it is shown on", columns: ["id", "status", "note"],
        rows: [["A-1", "on-track", "Campaign launched across every ward"], ["A-22", "at-risk", "Venue lost"]])

    @Test func withoutAWidthNothingIsCut() {
        #expect(table.aligned(width: nil) == table.aligned)
        #expect(!table.aligned.contains("…"))
        #expect(table.aligned(width: 200) == table.aligned)
    }

    @Test func theWidestColumnGivesWayFirst() {
        let lines = table.aligned(width: 30).split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "A title much longer than the…", "id    status    note", "----  --------  --------------",
                "A-1   on-track  Campaign laun…", "A-22  at-risk   Venue lost",
            ])
        #expect(lines.allSatisfy { $0.count <= 30 })
    }

    @Test func aNarrowTerminalStillGetsLinesThatFit() {
        let lines = table.aligned(width: 10).split(separator: "\n").map(String.init)
        #expect(lines[3] == "A…  o…  C…", "\(lines)")
        #expect(lines.allSatisfy { $0.count <= 10 }, "\(lines)")
    }

    @Test func wideCharactersTakeTwoColumns() {
        let wide = TextTable(title: "T", columns: ["note", "by"], rows: [["会議は延期されました", "pat"], ["🚓 patrol", "sam"]])
        let lines = wide.aligned(width: 16).split(separator: "\n").map(String.init)
        // The note column gets 11 of the 14 columns left: 会議は延期 is 10, and the ellipsis 1.
        #expect(lines[3] == "会議は延期…  pat", "\(lines)")
        #expect(lines[4] == "🚓 patrol    sam", "\(lines)")
        let whole = wide.aligned.split(separator: "\n").map(String.init)
        #expect(whole[3] == "会議は延期されました  pat", "aligned by columns, not characters: \(whole)")
        #expect(whole[4] == "🚓 patrol" + String(repeating: " ", count: 13) + "sam", "\(whole)")
    }
}
