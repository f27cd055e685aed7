/// A "We will" action under a priority.
public struct ActionCreated: ActionEventPayload {
    public static let typeName = "ActionCreated"
    public var event: Event { .actionCreated(self) }

    public var action: ActionID
    public var priority: PriorityID
    public var title: String
    public var due: LocalDate?
    public init(action: ActionID, priority: PriorityID, title: String, due: LocalDate?) {
        (self.action, self.priority, self.title, self.due) = (action, priority, title, due)
    }
}

/// The whole assignment of an action; it replaces the one before.
public struct ActionAssigned: ActionEventPayload {
    public static let typeName = "ActionAssigned"
    public var event: Event { .actionAssigned(self) }

    public var action: ActionID
    public var lead: PartnerID
    /// Supporting partners, sorted, never including the lead.
    public var supporting: [PartnerID]
    public var owner: ActorID?
    public init(action: ActionID, lead: PartnerID, supporting: [PartnerID], owner: ActorID?) {
        (self.action, self.lead, self.supporting, self.owner) = (action, lead, supporting, owner)
    }
}

/// A progress report: where the action stands now.
///
/// Schema version 2 added `evidence`: what the report rests on (a document, a link, a
/// minute reference), in the order given. Version 1 reports are read as version 2 with
/// no evidence (see ``ActionProgressedV1``); the log keeps them as written.
public struct ActionProgressed: ActionEventPayload {
    public static let typeName = "ActionProgressed"
    public static let schemaVersion = 2
    public var event: Event { .actionProgressed(self) }

    public var action: ActionID
    public var status: ActionStatus
    public var note: String?
    public var percent: Int?
    public var evidence: [String]
    public init(action: ActionID, status: ActionStatus, note: String?, percent: Int?, evidence: [String] = []) {
        (self.action, self.status, self.note, self.percent, self.evidence) = (action, status, note, percent, evidence)
    }
}

/// A coordinator's review of an action.
public struct ActionReviewed: ActionEventPayload {
    public static let typeName = "ActionReviewed"
    public var event: Event { .actionReviewed(self) }

    public var action: ActionID
    public var outcome: ReviewOutcome
    public var note: String?
    public var nextReview: LocalDate?
    public init(action: ActionID, outcome: ReviewOutcome, note: String?, nextReview: LocalDate?) {
        (self.action, self.outcome, self.note, self.nextReview) = (action, outcome, note, nextReview)
    }
}

/// A change of an action's title or due date.
public struct ActionAmended: ActionEventPayload {
    public static let typeName = "ActionAmended"
    public var event: Event { .actionAmended(self) }

    public var action: ActionID
    public var title: String?
    public var due: LocalDate?
    public init(action: ActionID, title: String?, due: LocalDate?) {
        (self.action, self.title, self.due) = (action, title, due)
    }
}
