/// A whole plan in one file (Schemas/plan.schema.json): the partners and actors it
/// needs, the plan, its priorities, their actions and assignments. `plan import`
/// appends it as one batch.
public struct PlanDefinition: Codable, Equatable, Sendable {
    public var partners: [Partner]?
    public var actors: [Actor]?
    public var assessment: Assessment?
    public var plan: Plan

    public struct Partner: Codable, Equatable, Sendable {
        public var id: PartnerID
        public var name: String
        public var responsibleAuthority: Bool?
    }

    public struct Actor: Codable, Equatable, Sendable {
        public var id: ActorID
        public var name: String
        public var partner: PartnerID
        public var role: Role
    }

    public struct Assessment: Codable, Equatable, Sendable {
        public var id: AssessmentID
        public var year: Int
        public var title: String
        public var summary: String?
    }

    public struct Plan: Codable, Equatable, Sendable {
        public var id: PlanID
        public var title: String
        public var from: LocalDate
        public var to: LocalDate
        public var assessment: AssessmentID?
        public var priorities: [Priority]?
    }

    public struct Priority: Codable, Equatable, Sendable {
        public var id: PriorityID
        public var title: String
        public var scope: String?
        public var actions: [Action]?
    }

    public struct Action: Codable, Equatable, Sendable {
        public var id: ActionID
        public var title: String
        public var due: LocalDate?
        public var lead: PartnerID?
        public var support: [PartnerID]?
        public var owner: ActorID?
    }
}
