import LedgerCore
import LedgerStore

/// What the command line adds to the libraries' errors: the command or flag that puts
/// them right, which the libraries never name.
///
/// Each text continues the library's message into one line, so it starts with its own
/// joiner (`; `, ` (`): `action 'A-9' does not exist; check the id` becomes
/// `… check the id (csp-ledger state lists actions)`. An error's hint is looked up
/// first; an error without one may still have a text for its code, where the code has
/// one remedy wherever it is met.
enum Hints {
    static let ledger: [LedgerError.Hint: String] = [
        .initialise: "; run csp-ledger init first",
        .initialiseOnce: "; init runs once per ledger file",
        .backDating: "; --effective applies only to action assign, progress, review, amend and correct",
        .planPeriod: "; --from must not be after --to",
        .recordAssessment: "; record it with csp-ledger assessment record",
        .alreadyRetired: "; leave it out of --retire",
        .adoptPlan: "; adopt it with csp-ledger plan adopt",
        .registerPartner: "; register it with csp-ledger partner add",
        .addPriority: "; add it with csp-ledger priority add",
        .findEvent: "; copy it from csp-ledger history ACTION --format json",
        .listActors: " (csp-ledger state lists actors)",
        .listPartners: " (csp-ledger state lists partners)",
        .listActions: " (csp-ledger state lists actions)",
        .leadNotSupporting: "; leave it out of --support",
        .withdrawByReview: "; a coordinator withdraws an action with action review --outcome withdraw",
        .closingReview: "; leave out --next-review",
        .effectiveAfterCreation: "; give an --effective time after it was created",
        .assignFirst: " (csp-ledger action assign)",
        .expectedVersion: "; leave out --expect-version",
        .digestForm: ", as csp-ledger digest prints it",
    ]

    static let ledgerCodes: [LedgerError.Code: String] = [
        .clockBehind: " with --accept-clock-behind"
    ]

    static let store: [StoreError.Hint: String] = [
        .unfinishedImportPath: "; give --db the path of the unfinished import",
        .ledgerPath: "; give --db the path of a ledger made by csp-ledger init",
        .newLedgerPath: "; init creates a new file, so give --db a path where nothing is yet",
        .newCopyPath: ", so give --output a path where nothing is yet",
        .replaceExisting: ": pass --force to replace it, or --db another path",
        .unsetClock: "; unset CSP_LEDGER_NOW (a test-clock ledger is made with init --test-clock, or by demo)",
        .unsetClockOrTestClock: "; unset CSP_LEDGER_NOW or add --test-clock",
        .importFromItsSource: "; finish it with that file, or keep what is there with csp-ledger import --abandon",
        .verifyNamesDamage: " (csp-ledger verify names the damage)",
        .rebuild: "; run csp-ledger rebuild",
    ]

    static let storeCodes: [StoreError.Code: String] = [
        .missingFile: "; create one with csp-ledger init, or give --db the path of an existing ledger",
        .importIncomplete: ": run csp-ledger import again to finish it, or csp-ledger import --abandon to keep what is there",
    ]
}

extension LedgerError {
    /// The message as the command line prints it, with its hint.
    var line: String { message + (hint.flatMap { Hints.ledger[$0] } ?? Hints.ledgerCodes[code] ?? "") }
}

extension StoreError {
    /// The message as the command line prints it, with its hint.
    var line: String { message + (hint.flatMap { Hints.store[$0] } ?? Hints.storeCodes[code] ?? "") }
}

extension VerifyReport.Problem {
    /// The problem as the command line prints it, with its hint.
    var line: String { message + (hint.flatMap { Hints.store[$0] } ?? "") }
}
