extension LedgerError {
    /// The kind of a refusal, for callers that react differently to each.
    ///
    /// A struct wrapping a private enum, not a public enum, so that a kind added later
    /// does not break a caller's `switch`. Each kind's ``description`` is a stable,
    /// printable name (`invalid-input`): scripts and the server's API match on it.
    public struct Code: Hashable, Sendable, CustomStringConvertible, CaseIterable {
        private enum Kind: String, CaseIterable {
            case invalidInput = "invalid-input"
            case unknown
            case duplicate
            case forbidden
            case invalidTransition = "invalid-transition"
            case clockBehind = "clock-behind"
        }

        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }

        /// An id, text, date or number breaks the ledger's input rules.
        public static let invalidInput = Code(.invalidInput)
        /// Something named does not exist.
        public static let unknown = Code(.unknown)
        /// Something with that id exists already.
        public static let duplicate = Code(.duplicate)
        /// The writer may not do this.
        public static let forbidden = Code(.forbidden)
        /// The plan's current facts do not allow this change.
        public static let invalidTransition = Code(.invalidTransition)
        /// The writer's clock is too far behind the ledger's last recording time.
        public static let clockBehind = Code(.clockBehind)

        public static var allCases: [Code] { Kind.allCases.map(Code.init) }

        public var description: String { kind.rawValue }
    }
}
