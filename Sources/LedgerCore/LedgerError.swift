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
    /// The stream of the thing named that does not exist (`action-soc-1`), for a
    /// refusal of an unknown id: the store, which knows every id, finds what was meant.
    public let missing: StreamID?
    /// The existing id the unknown one most likely meant (``NearMatch``), once found.
    public let suggestion: String?

    public init(_ code: Code, _ message: String, hint: Hint? = nil, missing: StreamID? = nil, suggestion: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
        self.missing = missing
        self.suggestion = suggestion
    }

    /// This refusal, saying which id was most likely meant:
    /// `action 'soc-1' does not exist; did you mean 'SOC-1'?`. The suggestion is the
    /// remedy, so it takes the place of the message's own (after its first `; `) and of
    /// the hint; nil leaves the error as it is.
    public func suggesting(_ id: String?) -> LedgerError {
        guard let id, suggestion == nil else { return self }
        let fact = message.range(of: "; ").map { String(message[..<$0.lowerBound]) } ?? message
        return LedgerError(code, "\(fact); did you mean '\(id)'?", missing: missing, suggestion: id)
    }

    public var description: String { message }

    static func invalid(_ message: String, hint: Hint? = nil) -> LedgerError { LedgerError(.invalidInput, message, hint: hint) }
    static func unknown(_ message: String, hint: Hint? = nil, missing: StreamID? = nil) -> LedgerError {
        LedgerError(.unknown, message, hint: hint, missing: missing)
    }
    static func duplicate(_ message: String, hint: Hint? = nil) -> LedgerError { LedgerError(.duplicate, message, hint: hint) }
    static func forbidden(_ message: String, hint: Hint? = nil) -> LedgerError { LedgerError(.forbidden, message, hint: hint) }
    static func transition(_ message: String, hint: Hint? = nil) -> LedgerError {
        LedgerError(.invalidTransition, message, hint: hint)
    }
}
