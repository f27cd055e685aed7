/// What an actor may do: coordinators record the plan, leads and contributors report
/// progress on their partner's actions, auditors only read.
public enum Role: String, Codable, Sendable, CaseIterable {
    case coordinator, lead, contributor, auditor
}

/// Where an action stands. A new action is `notStarted` until its first progress report.
public enum ActionStatus: String, Codable, Sendable, CaseIterable {
    case notStarted = "not-started"
    case onTrack = "on-track"
    case atRisk = "at-risk"
    case offTrack = "off-track"
    case completed
    case withdrawn

    /// The RAG colour follows from the status alone, so reports never disagree with it.
    public var rag: RAG {
        switch self {
        case .notStarted, .withdrawn: .grey
        case .onTrack: .green
        case .atRisk: .amber
        case .offTrack: .red
        case .completed: .blue
        }
    }
}

/// Red, amber, green (plus blue for done and grey for not begun or withdrawn).
public enum RAG: String, Codable, Sendable, CaseIterable {
    case red, amber, green, blue, grey
}

/// What a review decided. `complete` and `withdraw` close the action.
public enum ReviewOutcome: String, Codable, Sendable, CaseIterable {
    case `continue`, amend, complete, withdraw
    case carryForward = "carry-forward"

    /// The status a closing outcome sets; nil for outcomes that leave it as it is.
    public var closingStatus: ActionStatus? {
        switch self {
        case .complete: .completed
        case .withdraw: .withdrawn
        case .continue, .amend, .carryForward: nil
        }
    }
}
