/// The one error type of the domain: a request the ledger refuses.
///
/// Callers match on ``code``; people read ``description``, one line that says what is
/// wrong in the domain's words. The line never names a command-line flag or command:
/// where one puts the refusal right, ``hint`` says which remedy applies, and a front
/// end (the command line, later the server) phrases it in its own terms. Nothing is
/// ever written when one is thrown.
public struct LedgerError: Error, Equatable, Sendable, CustomStringConvertible {
    public let code: Code
    public let message: String
    /// The remedy a front end can name in its own terms; nil when the message says all.
    public let hint: Hint?

    public init(_ code: Code, _ message: String, hint: Hint? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    public var description: String { message }

    static func invalid(_ message: String, hint: Hint? = nil) -> LedgerError { LedgerError(.invalidInput, message, hint: hint) }
    static func unknown(_ message: String, hint: Hint? = nil) -> LedgerError { LedgerError(.unknown, message, hint: hint) }
    static func duplicate(_ message: String, hint: Hint? = nil) -> LedgerError { LedgerError(.duplicate, message, hint: hint) }
    static func forbidden(_ message: String, hint: Hint? = nil) -> LedgerError { LedgerError(.forbidden, message, hint: hint) }
    static func transition(_ message: String, hint: Hint? = nil) -> LedgerError {
        LedgerError(.invalidTransition, message, hint: hint)
    }
}
