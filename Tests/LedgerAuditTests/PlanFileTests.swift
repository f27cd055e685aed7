import Foundation
import LedgerAudit
import LedgerCore
import LedgerDemo
import LedgerTestSupport
import Testing

@Suite struct PlanFileTests {
    func parse(_ text: String) throws -> PlanDefinition { try PlanFile.parse(Data(text.utf8), name: "test.yaml") }

    let minimal = """
        plan:
          id: P-1
          title: Plan
          from: 2023-04-01
          to: 2024-03-31
        """

    /// The plan ships three times, and each copy must stay where it is: the demo's
    /// resource inside its target (SwiftPM bundles only a target's own files), the
    /// example the README imports from `Examples/`, and a seed in the fuzzing corpus,
    /// a folder of inputs that libFuzzer reads and writes. They are one file in three
    /// places, kept byte-identical by this test.
    @Test func theThreeCopiesOfTheCanterburyPlanAreIdentical() throws {
        let example = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Examples/canterbury-2022-23.yaml"))
        #expect(DemoLedger.canterburyPlan == example)
        #expect(try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tools/fuzz-corpus/plan/canterbury.yaml")) == example)
    }

    @Test func theShippedCanterburyPlanHasEveryPriorityAndAction() throws {
        let plan = try PlanFile.parse(DemoLedger.canterburyPlan, name: "canterbury-2022-23.yaml")
        let priorities = plan.plan.priorities ?? []
        #expect(
            priorities.map(\.title) == [
                "Disrupt serious and organised crime", "Safeguarding and focus on vulnerable people", "Support young people",
                "Night-time economy and violence", "Disrupt anti-social behaviour",
            ])
        #expect(priorities.map { $0.actions?.count ?? 0 } == [7, 8, 5, 8, 7])
        let names = Set((plan.partners ?? []).map(\.name))
        for name in [
            "Kent Police", "Kent Fire and Rescue Service", "Kent County Council", "Canterbury Business Improvement District", "Viola House",
        ] {
            #expect(names.contains(name))
        }
        #expect(plan.plan.from.iso8601 == "2022-04-01")
    }

    @Test func datesInYAMLStayDates() throws {
        let plan = try parse(minimal)
        #expect(plan.plan.from.iso8601 == "2023-04-01")
        #expect(plan.plan.priorities == nil)
    }

    @Test func jsonFilesAreReadToo() throws {
        let plan = try PlanFile.parse(
            Data(#"{"plan":{"id":"P-1","title":"Plan","from":"2023-04-01","to":"2024-03-31"}}"#.utf8), name: "p.json")
        #expect(plan.plan.id.rawValue == "P-1")
    }

    @Test(arguments: [
        ("plan:\n  id: P-1\n  title: Plan\n  from: 2023-04-01\n  to: 2024-03-31\n  priorites: []\n", "unknown key 'plan.priorites'"),
        ("plan:\n  id: P-1\n  id: P-2\n  title: Plan\n  from: 2023-04-01\n  to: 2024-03-31\n", "duplicated key"),
        ("plan:\n  id: P 1\n  title: Plan\n  from: 2023-04-01\n  to: 2024-03-31\n", "plan.id"),
        ("plan:\n  id: P-1\n  title: Plan\n  from: 2023-02-30\n  to: 2024-03-31\n", "plan.from"),
        ("plan:\n  id: P-1\n  title: [1, 2]\n  from: 2023-04-01\n  to: 2024-03-31\n", "plan.title: expected a string"),
        ("plan:\n  id: P-1\n  from: 2023-04-01\n  to: 2024-03-31\n", "the key 'title' is required"),
        ("partners: []\n", "the key 'plan' is required"),
        ("assessment: {id: SA, year: 2022.5, title: T}\nplan: {id: P-1, title: Plan, from: 2023-04-01, to: 2024-03-31}\n", "whole numbers"),
        ("plan: {id: P-1, title: Plan, from: 2023-04-01, to: 2024-03-31\n", "invalid YAML"),
        ("", "empty"),
        (
            "assessment: {id: SA, year: 1:59:59:59:59:59:59:59:59:59:59:59:59, title: T}\nplan: {id: P, title: T, from: 2023-04-01, to: 2024-03-31}\n",
            "plain decimal"
        ),
        ("assessment: {id: SA, year: 0x7E6, title: T}\nplan: {id: P, title: T, from: 2023-04-01, to: 2024-03-31}\n", "plain decimal"),
        ("{\"plan\": {\"id\": \"P-1\", \"id\": \"P-2\"}}", "appears twice"),
        ("{\"plan\": ", "invalid JSON"),
        (String(repeating: "[", count: 200), "invalid"),
    ])
    func malformedFilesAreRefusedWithWhereAndWhy(_ text: String, _ expected: String) {
        #expect { try parse(text) } throws: { error in
            guard let error = error as? LedgerError else { return false }
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(!error.message.contains("\n"))
            return true
        }
    }

    @Test func nulAndInvalidUTF8AreRefused() {
        #expect(throws: LedgerError.self) { try PlanFile.parse(Data("plan: {id: P\u{0}}".utf8), name: "x") }
        #expect(throws: LedgerError.self) { try PlanFile.parse(Data([0x70, 0x6C, 0xFF, 0xFE]), name: "x") }
    }

    /// Anchors and aliases in every place YAML allows them, including the forms that
    /// got past an earlier, tokenizing scan: after a tag, after a fake quote, after a
    /// comment ended by a carriage return, U+2028 or NEL.
    @Test(arguments: [
        ("plan: &p {id: P, title: T, from: 2023-04-01, to: 2024-03-31}", 1, "&p"),
        ("partners:\n  - &first {id: a, name: A}\n  - *first", 2, "&first"),
        ("a: [1, &x 2]", 1, "&x"), ("a: {b: 1, c: &y [3]}", 1, "&y"), ("? &k key\n: v", 1, "&k"),
        ("a: !!seq &t [1]", 1, "&t"), ("title: a:'b\nl0: &q [1]", 2, "&q"), ("# c\r&c [1]", 1, "&c"),
        ("# c\u{2028}&l [1]", 1, "&l"), ("# c\u{85}&n [1]", 1, "&n"), ("a:\t*alias", 1, "*alias"),
        ("\u{FEFF}&b [1]", 1, "&b"), ("a: '&quoted'", 1, "&quoted'"), ("note: see *this*", 1, "*this*"),
    ])
    func anchorsAndAliasesAreRefusedBeforeTheParserSeesThem(_ text: String, _ line: Int, _ name: String) {
        #expect { try parse(text) } throws: { error in
            (error as? LedgerError)?.message.contains("line \(line): '\(name)' reads as a YAML anchor or alias") == true
        }
    }

    @Test func ampersandsAndAsterisksInTextAreNotAnchors() throws {
        let text = """
            partners:
              - {id: fire, name: Fire & Rescue}   # & in a comment
              - {id: rd, name: "R&D, Q&A and 5*3"}
              - {id: star, name: '* bullet'}
            plan:
              id: P-1
              title: Safety&Security
              from: 2023-04-01
              to: 2024-03-31
            """
        let plan = try parse(text)
        #expect(plan.partners?.map(\.name) == ["Fire & Rescue", "R&D, Q&A and 5*3", "* bullet"])
        #expect(plan.plan.title == "Safety&Security")
    }
}
