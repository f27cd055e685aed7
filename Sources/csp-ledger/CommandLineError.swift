/// An error of the command line itself, not of the ledger: arguments that cannot be
/// used together or are missing, and `verify`'s finding of a mismatch.
///
/// Its message may name flags, since it is about them. Refusals and failures of the
/// libraries are their own ``LedgerCore/LedgerError`` and ``LedgerStore/StoreError``.
struct CommandLineError: Error, Equatable, CustomStringConvertible {
    let code: Code
    let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { message }

    /// The command line's own kinds of error, with stable printable names and their exit
    /// codes; a struct wrapping a private enum, like the libraries' codes.
    struct Code: Hashable, CustomStringConvertible, CaseIterable {
        private enum Kind: String, CaseIterable {
            case invalidInput = "invalid-input"
            case usage
            case verifyMismatch = "verify-mismatch"
            case unexpected
        }

        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }

        /// Arguments that parse but cannot be used: a window whose `--from` is after its
        /// `--to`, no actor, a `CSP_LEDGER_NOW` that is not an instant.
        static let invalidInput = Code(.invalidInput)
        /// Arguments the parser rejects (exit 64).
        static let usage = Code(.usage)
        /// `verify` found the chain, the rules, the snapshots or the projection wrong
        /// (exit 65).
        static let verifyMismatch = Code(.verifyMismatch)
        /// An error of a kind the command line does not know, which is a bug to report.
        static let unexpected = Code(.unexpected)

        static var allCases: [Code] { Kind.allCases.map(Code.init) }

        var description: String { kind.rawValue }

        /// The process's exit code: 64 for usage, 65 for a mismatch, else 1.
        var exitStatus: Int32 {
            switch kind {
            case .usage: 64
            case .verifyMismatch: 65
            case .invalidInput, .unexpected: 1
            }
        }
    }
}
