extension StoreError {
    /// Which remedy puts a storage failure right, where the code alone does not say:
    /// a ``Code/missingFile`` at the path of an unfinished import is put right by
    /// giving that import's path, not by creating a ledger.
    ///
    /// A struct wrapping a private enum with a stable name, like ``Code``; a front end
    /// says how to apply it (the command line names its command or flag).
    public struct Hint: Hashable, Sendable, CustomStringConvertible, CaseIterable {
        private enum Kind: String, CaseIterable {
            case unfinishedImportPath = "unfinished-import-path"
            case ledgerPath = "ledger-path"
            case newLedgerPath = "new-ledger-path"
            case newCopyPath = "new-copy-path"
            case replaceExisting = "replace-existing"
            case unsetClock = "unset-clock"
            case unsetClockOrTestClock = "unset-clock-or-test-clock"
            case importFromItsSource = "import-from-its-source"
            case verifyNamesDamage = "verify-names-damage"
            case rebuild
        }

        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }

        /// Give the path of the ledger that holds the unfinished import.
        public static let unfinishedImportPath = Hint(.unfinishedImportPath)
        /// Give the path of a ledger this software made.
        public static let ledgerPath = Hint(.ledgerPath)
        /// A new ledger needs a path where nothing is yet.
        public static let newLedgerPath = Hint(.newLedgerPath)
        /// A replayed copy needs a path where nothing is yet.
        public static let newCopyPath = Hint(.newCopyPath)
        /// Ask for the existing file to be replaced, or give another path.
        public static let replaceExisting = Hint(.replaceExisting)
        /// This ledger takes only the system clock: stop setting one.
        public static let unsetClock = Hint(.unsetClock)
        /// A new ledger takes a set clock only if it is made as a test-clock ledger.
        public static let unsetClockOrTestClock = Hint(.unsetClockOrTestClock)
        /// Finish the unfinished import from the file it began with, or abandon it.
        public static let importFromItsSource = Hint(.importFromItsSource)
        /// Verifying the ledger names what is damaged.
        public static let verifyNamesDamage = Hint(.verifyNamesDamage)
        /// Rebuilding the projection and snapshots from the log puts them right.
        public static let rebuild = Hint(.rebuild)

        public static var allCases: [Hint] { Kind.allCases.map(Hint.init) }

        public var description: String { kind.rawValue }
    }
}
