import LedgerCore

/// The ledger's vocabulary as a board member reads it: `not started`, not
/// `not-started`. The stored names stay in JSON and CSV, which scripts read.
extension ActionStatus {
    public var words: String { rawValue.replacingOccurrences(of: "-", with: " ") }
}

extension ReviewOutcome {
    public var words: String { rawValue.replacingOccurrences(of: "-", with: " ") }
}

extension RAG {
    /// What the colour says about an action (the report's legend).
    public var meaning: String {
        switch self {
        case .red: "off track"
        case .amber: "at risk"
        case .green: "on track"
        case .blue: "completed"
        case .grey: "not started or withdrawn"
        }
    }
}
