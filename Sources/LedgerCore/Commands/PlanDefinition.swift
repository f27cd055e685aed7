/// A whole plan in one file (Schemas/plan.schema.json): the partners and actors it
/// needs, the plan, its priorities, their actions and assignments. `plan import`
/// appends it as one batch.
public struct PlanDefinition: Codable, Equatable, Sendable {
    public var partners: [Partner]?
    public var actors: [Actor]?
    public var assessment: Assessment?
    public var plan: Plan

    public init(partners: [Partner]? = nil, actors: [Actor]? = nil, assessment: Assessment? = nil, plan: Plan) {
        self.partners = partners
        self.actors = actors
        self.assessment = assessment
        self.plan = plan
    }

    public struct Partner: Codable, Equatable, Sendable {
        public var id: PartnerID
        public var name: String
        public var responsibleAuthority: Bool?

        public init(id: PartnerID, name: String, responsibleAuthority: Bool? = nil) {
            self.id = id
            self.name = name
            self.responsibleAuthority = responsibleAuthority
        }
    }

    public struct Actor: Codable, Equatable, Sendable {
        public var id: ActorID
        public var name: String
        public var partner: PartnerID
        public var role: Role

        public init(id: ActorID, name: String, partner: PartnerID, role: Role) {
            self.id = id
            self.name = name
            self.partner = partner
            self.role = role
        }
    }

    public struct Assessment: Codable, Equatable, Sendable {
        public var id: AssessmentID
        public var year: Int
        public var title: String
        public var summary: String?

        public init(id: AssessmentID, year: Int, title: String, summary: String? = nil) {
            self.id = id
            self.year = year
            self.title = title
            self.summary = summary
        }
    }

    public struct Plan: Codable, Equatable, Sendable {
        public var id: PlanID
        public var title: String
        public var from: LocalDate
        public var to: LocalDate
        public var assessment: AssessmentID?
        public var priorities: [Priority]?

        public init(
            id: PlanID, title: String, from: LocalDate, to: LocalDate, assessment: AssessmentID? = nil, priorities: [Priority]? = nil
        ) {
            self.id = id
            self.title = title
            self.from = from
            self.to = to
            self.assessment = assessment
            self.priorities = priorities
        }
    }

    public struct Priority: Codable, Equatable, Sendable {
        public var id: PriorityID
        public var title: String
        public var scope: String?
        public var actions: [Action]?

        public init(id: PriorityID, title: String, scope: String? = nil, actions: [Action]? = nil) {
            self.id = id
            self.title = title
            self.scope = scope
            self.actions = actions
        }
    }

    public struct Action: Codable, Equatable, Sendable {
        public var id: ActionID
        public var title: String
        public var due: LocalDate?
        public var lead: PartnerID?
        public var support: [PartnerID]?
        public var owner: ActorID?

        public init(
            id: ActionID, title: String, due: LocalDate? = nil, lead: PartnerID? = nil, support: [PartnerID]? = nil, owner: ActorID? = nil
        ) {
            self.id = id
            self.title = title
            self.due = due
            self.lead = lead
            self.support = support
            self.owner = owner
        }
    }
}
