import LedgerAudit
import LedgerCore
import LedgerTestSupport
import Testing

@Suite struct StateViewTests {
    @Test func everyKeyIsPresentAndArraysAreSortedByID() throws {
        let fixture = try Fixture()
        let view = StateView(state: try fixture.ledger.state(), asOf: fixture.clock.now, effective: nil)
        guard case .object(let root) = view.json else { Issue.record("not an object"); return }
        #expect(Set(root.keys) == ["position", "asOf", "effective", "partners", "actors", "plans", "priorities", "actions"])
        #expect(root["effective"] == .null)
        guard case .array(let actions) = root["actions"], case .object(let unassigned) = actions[1] else {
            Issue.record("no actions"); return
        }
        for key in ["id", "priority", "title", "status", "rag", "lead", "supporting", "owner", "due", "version"] {
            #expect(unassigned[key] != nil, "\(key)")
        }
        #expect(unassigned["lead"] == .null)
        #expect(unassigned["supporting"] == .array([]))
        guard case .array(let partners) = root["partners"] else { return }
        let ids = partners.compactMap { p -> String? in if case .object(let o) = p, case .string(let id) = o["id"] { id } else { nil } }
        #expect(ids == ["council", "fire", "police"])
    }

    @Test func tablesEscapeForEachFormat() {
        let table = TextTable(title: "T", columns: ["a", "b"], rows: [["x, y", "say \"hi\"\nthen | go"]])
        #expect(table.csv == "a,b\r\n\"x, y\",\"say \"\"hi\"\"\nthen | go\"\r\n")
        #expect(table.markdown.contains("| x, y | say \"hi\"↵then \\| go |"))
        #expect(table.aligned.split(separator: "\n").count == 4)
    }
}
