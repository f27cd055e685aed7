import LedgerCore
import Testing

@Suite struct ImportDecisionTests {
    func definition(title: String = "Hubs") throws -> PlanDefinition {
        PlanDefinition(
            partners: [.init(id: try PartnerID("nhs"), name: "NHS", responsibleAuthority: true)],
            actors: [.init(id: try ActorID("nhs.lead"), name: "Nia", partner: try PartnerID("nhs"), role: .lead)],
            assessment: nil,
            plan: .init(
                id: try PlanID("P-2"), title: "Next plan", from: try LocalDate(iso8601: "2024-04-01"),
                to: try LocalDate(iso8601: "2025-03-31"), assessment: nil,
                priorities: [
                    .init(
                        id: try PriorityID("PR-2"), title: "Health", scope: nil,
                        actions: [
                            .init(
                                id: try ActionID("H-1"), title: title, due: nil, lead: try PartnerID("nhs"),
                                support: [try PartnerID("police")], owner: try ActorID("nhs.lead"))
                        ])
                ]))
    }

    @Test func importingTheSameFileTwiceIsANoOp() throws {
        var book = try Book.standard()
        let events = try book.execute(.importPlan(definition()), by: "coord")
        #expect(
            events.map(\.typeName) == [
                "PartnerRegistered", "ActorRegistered", "PlanAdopted", "PriorityAdded", "ActionCreated", "ActionAssigned",
            ])
        #expect(try book.execute(.importPlan(definition()), by: "coord").isEmpty)
    }

    @Test func aDifferentDefinitionOfAnExistingPartIsRefused() throws {
        var book = try Book.standard()
        try book.execute(.importPlan(definition()), by: "coord")
        #expect(throws: LedgerError.self) { try book.decide(.importPlan(definition(title: "Changed")), by: "coord") }
    }

    @Test func oneBadPartRefusesTheWholeFile() throws {
        let book = try Book.standard()
        var bad = try definition()
        bad.plan.priorities![0].actions![0].owner = try ActorID("ghost")
        #expect(throws: LedgerError.self) { try book.decide(.importPlan(bad), by: "coord") }
        #expect(throws: LedgerError.self) { try book.decide(.importPlan(definition()), by: "police.lead") }
    }
}
