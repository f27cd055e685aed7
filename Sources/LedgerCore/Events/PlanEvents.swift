/// The annual strategic assessment a plan is written from.
public struct StrategicAssessmentRecorded: EventPayload {
    public static let typeName = "StrategicAssessmentRecorded"
    public var streamID: StreamID { .assessment(assessment) }
    public var event: Event { .strategicAssessmentRecorded(self) }

    public var assessment: AssessmentID
    public var year: Int
    public var title: String
    public var summary: String?
    public init(assessment: AssessmentID, year: Int, title: String, summary: String?) {
        (self.assessment, self.year, self.title, self.summary) = (assessment, year, title, summary)
    }
}

/// A plan for a period (usually a financial year), answering an assessment.
public struct PlanAdopted: EventPayload {
    public static let typeName = "PlanAdopted"
    public var streamID: StreamID { .plan(plan) }
    public var event: Event { .planAdopted(self) }

    public var plan: PlanID
    public var title: String
    public var from: LocalDate
    public var to: LocalDate
    public var assessment: AssessmentID?
    public init(plan: PlanID, title: String, from: LocalDate, to: LocalDate, assessment: AssessmentID?) {
        (self.plan, self.title, self.from, self.to, self.assessment) = (plan, title, from, to, assessment)
    }
}

/// A priority of a plan, which actions are created under.
public struct PriorityAdded: EventPayload {
    public static let typeName = "PriorityAdded"
    public var streamID: StreamID { .priority(priority) }
    public var event: Event { .priorityAdded(self) }

    public var priority: PriorityID
    public var plan: PlanID
    public var title: String
    public var scope: String?
    public init(priority: PriorityID, plan: PlanID, title: String, scope: String?) {
        (self.priority, self.plan, self.title, self.scope) = (priority, plan, title, scope)
    }
}

/// The annual review of a plan: which priorities stay and which are retired.
public struct PlanReviewed: EventPayload {
    public static let typeName = "PlanReviewed"
    public var streamID: StreamID { .plan(plan) }
    public var event: Event { .planReviewed(self) }

    public var plan: PlanID
    public var note: String
    /// The plan's priorities that stay open after this review, sorted.
    public var confirmed: [PriorityID]
    /// The priorities retired by this review, sorted; they take no new actions.
    public var retired: [PriorityID]
    public init(plan: PlanID, note: String, confirmed: [PriorityID], retired: [PriorityID]) {
        (self.plan, self.note, self.confirmed, self.retired) = (plan, note, confirmed, retired)
    }
}
