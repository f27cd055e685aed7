extension StoreError {
    /// The kind of a storage failure, for callers that react differently to each.
    ///
    /// A struct wrapping a private enum, so that a kind added later does not break a
    /// caller's `switch`; each kind's ``description`` is a stable, printable name
    /// (`missing-file`) that scripts and the server's API match on. The domain's
    /// refusals have codes of their own (`LedgerError.Code`, in LedgerCore).
    public struct Code: Hashable, Sendable, CustomStringConvertible, CaseIterable {
        private enum Kind: String, CaseIterable {
            case missingFile = "missing-file"
            case notALedger = "not-a-ledger"
            case exists
            case newerSchema = "newer-schema"
            case readOnly = "read-only"
            case busy
            case conflict
            case eventIDReused = "event-id-reused"
            case unreadable
            case unprotected
            case importIncomplete = "import-incomplete"
            case setClock = "set-clock"
            case unauthenticated
            case served
            case file
            case database
        }

        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }

        /// There is no ledger file at the path.
        public static let missingFile = Code(.missingFile)
        /// A file is there, but it is not a csp-ledger ledger (or is damaged).
        public static let notALedger = Code(.notALedger)
        /// A file or ledger is already there.
        public static let exists = Code(.exists)
        /// The file was written by a newer release.
        public static let newerSchema = Code(.newerSchema)
        /// The file cannot be written.
        public static let readOnly = Code(.readOnly)
        /// Another writer held the lock past the busy timeout; try again.
        public static let busy = Code(.busy)
        /// The stream is not at the version the writer expected.
        public static let conflict = Code(.conflict)
        /// An event id was reused for a different event.
        public static let eventIDReused = Code(.eventIDReused)
        /// A stored event cannot be read by this release.
        public static let unreadable = Code(.unreadable)
        /// The triggers protecting the log were dropped, changed or added to.
        public static let unprotected = Code(.unprotected)
        /// An import into this ledger has not finished.
        public static let importIncomplete = Code(.importIncomplete)
        /// A server holds the ledger (``ServingLease``): a second server, or an upgrade
        /// under it, waits until that server stops.
        public static let served = Code(.served)
        /// A clock other than the system's, on a ledger that records real time.
        public static let setClock = Code(.setClock)
        /// A presented token does not sign anyone in: unknown, expired, revoked, or its
        /// actor deactivated; which of these is never said.
        public static let unauthenticated = Code(.unauthenticated)
        /// A file other than the ledger (a plan, an export, an output) could not be
        /// opened, read or written; the message names it and the system's reason.
        public static let file = Code(.file)
        /// Any other SQLite failure (disk full, I/O error).
        public static let database = Code(.database)

        public static var allCases: [Code] { Kind.allCases.map(Code.init) }

        public var description: String { kind.rawValue }
    }
}
