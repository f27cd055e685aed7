extension LedgerError {
    /// Which remedy puts a refusal right, where the code alone does not say: a
    /// ``Code/unknown`` assessment is put right by recording it, an unknown action by
    /// checking its id.
    ///
    /// The domain names the remedy; a front end says how to apply it (the command line
    /// names its command or flag). Like ``Code``, a struct wrapping a private enum with
    /// a stable name (`record-assessment`), so remedies can be added without breaking
    /// callers.
    public struct Hint: Hashable, Sendable, CustomStringConvertible, CaseIterable {
        private enum Kind: String, CaseIterable {
            case initialise
            case initialiseOnce = "initialise-once"
            case backDating = "back-dating"
            case planPeriod = "plan-period"
            case recordAssessment = "record-assessment"
            case alreadyRetired = "already-retired"
            case adoptPlan = "adopt-plan"
            case registerPartner = "register-partner"
            case addPriority = "add-priority"
            case findEvent = "find-event"
            case listActors = "list-actors"
            case listPartners = "list-partners"
            case listActions = "list-actions"
            case leadNotSupporting = "lead-not-supporting"
            case withdrawByReview = "withdraw-by-review"
            case closingReview = "closing-review"
            case effectiveAfterCreation = "effective-after-creation"
            case assignFirst = "assign-first"
            case expectedVersion = "expected-version"
            case digestForm = "digest-form"
        }

        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }

        /// The ledger has no partnership yet: set it up first.
        public static let initialise = Hint(.initialise)
        /// A ledger is set up once; this one already is.
        public static let initialiseOnce = Hint(.initialiseOnce)
        /// Only assignments, progress reports, reviews, amendments and corrections may be
        /// back-dated.
        public static let backDating = Hint(.backDating)
        /// A plan's period must start before it ends.
        public static let planPeriod = Hint(.planPeriod)
        /// Record the assessment first.
        public static let recordAssessment = Hint(.recordAssessment)
        /// Leave an already retired priority out of those to retire.
        public static let alreadyRetired = Hint(.alreadyRetired)
        /// Adopt the plan first.
        public static let adoptPlan = Hint(.adoptPlan)
        /// Register the partner first.
        public static let registerPartner = Hint(.registerPartner)
        /// Add the priority first.
        public static let addPriority = Hint(.addPriority)
        /// Copy the event's id from the action's history.
        public static let findEvent = Hint(.findEvent)
        /// The registered actors can be listed.
        public static let listActors = Hint(.listActors)
        /// The registered partners can be listed.
        public static let listPartners = Hint(.listPartners)
        /// The actions can be listed.
        public static let listActions = Hint(.listActions)
        /// Leave the lead out of the supporting partners.
        public static let leadNotSupporting = Hint(.leadNotSupporting)
        /// An action is withdrawn by a coordinator's review, not by a progress report.
        public static let withdrawByReview = Hint(.withdrawByReview)
        /// A review that closes the action takes no next review date: leave it out.
        public static let closingReview = Hint(.closingReview)
        /// Back-date the change to a time after the action was created.
        public static let effectiveAfterCreation = Hint(.effectiveAfterCreation)
        /// A coordinator assigns the action first.
        public static let assignFirst = Hint(.assignFirst)
        /// An expected version applies only to a command that writes one stream.
        public static let expectedVersion = Hint(.expectedVersion)
        /// A digest is written `POSITION:HASH`, as the ledger prints it.
        public static let digestForm = Hint(.digestForm)

        public static var allCases: [Hint] { Kind.allCases.map(Hint.init) }

        public var description: String { kind.rawValue }
    }
}
