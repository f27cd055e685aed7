import CanonicalJSON
import LedgerTestSupport
import Testing

/// `state --plan`, `--priority`, `--partner` and `--action` through the command line:
/// the state's JSON shape narrowed to the scope, one scope at a time, and an id never
/// recorded refused in one line with the one most likely meant.
@Suite struct ScopedStateCommandTests {
    let directory = TemporaryDirectory()
    var cli: CLI { CLI(db: directory.file("ledger.sqlite")) }

    /// The ids of one array of a state's JSON.
    func ids(_ state: JSONValue, _ key: String) -> [String] {
        guard case .object(let root) = state, case .array(let items) = root[key] else { return ["missing \(key)"] }
        return items.map { item in
            if case .object(let record) = item, case .string(let id) = record["id"] { id } else { "?" }
        }
    }

    @Test func eachScopeKeepsTheStateShapeAndOnlyItsRecords() throws {
        try cli.initialiseStandard()
        let whole = try json(try cli("state", "--format", "json"))
        let police = try json(try cli("state", "--partner", "police", "--format", "json"))
        guard case .object(let root) = police, case .object(let all) = whole else {
            Issue.record("state --format json prints an object")
            return
        }
        #expect(Set(root.keys) == Set(all.keys), "the state schema's keys")
        #expect(root["position"] == all["position"])
        #expect(ids(police, "actions") == ["A-1"] && ids(police, "partners") == ["police"])
        #expect(ids(police, "actors") == ["police.helper", "police.lead"] && ids(police, "plans") == [])
        for arguments in [["--plan", "P-1"], ["--priority", "PR-1"], ["--plan", "P-1", "--fold"]] {
            let scoped = try json(try cli.run(["state", "--format", "json"] + arguments))
            #expect(ids(scoped, "actions") == ["A-1", "A-2"], "\(arguments)")
            #expect(ids(scoped, "partners") == ["council", "police"] && ids(scoped, "actors") == ["police.lead"], "\(arguments)")
        }
        let action = try json(try cli("state", "--action", "A-2", "--as-of", "2023-04-03T09:00:00Z", "--format", "json"))
        #expect(ids(action, "actions") == ["A-2"] && ids(action, "priorities") == ["PR-1"] && ids(action, "plans") == ["P-1"])
        let table = try cli("state", "--partner", "fire")
        #expect(table.status == 0 && table.stdout.contains("fire.lead") && !table.stdout.contains("police.lead"), "\(table)")
    }

    @Test func anUnknownIDOrTwoScopesAreRefusedInOneLine() throws {
        try cli.initialiseStandard()
        let unknown = try cli("state", "--partner", "polise")
        #expect(unknown.status == 1, "\(unknown)")
        #expect(unknown.stderr == "Error: partner 'polise' does not exist; did you mean 'police'?\n", "\(unknown)")
        #expect(unknown.stdout.isEmpty)
        let twice = try cli("state", "--plan", "P-1", "--action", "A-1")
        #expect(twice.status == 64, "\(twice)")
        #expect(twice.stderr.contains("give one of --plan, --priority, --partner or --action"), "\(twice)")
    }
}
