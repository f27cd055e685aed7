/// The one error type of the domain: a request the ledger refuses.
///
/// Callers match on ``code``; people read ``description``, one line that says what is
/// wrong and how to put it right. Nothing is ever written when one is thrown.
public struct LedgerError: Error, Equatable, Sendable, CustomStringConvertible {
    public typealias Code = ErrorCode

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    static func invalid(_ message: String) -> LedgerError { LedgerError(.invalidInput, message) }
    static func unknown(_ message: String) -> LedgerError { LedgerError(.unknown, message) }
    static func duplicate(_ message: String) -> LedgerError { LedgerError(.duplicate, message) }
    static func forbidden(_ message: String) -> LedgerError { LedgerError(.forbidden, message) }
    static func transition(_ message: String) -> LedgerError { LedgerError(.invalidTransition, message) }
}

/// A named kind of error, for callers that react differently to each. Each layer
/// declares its own codes as static members; the names are stable and printable.
public struct ErrorCode: Hashable, Sendable, CustomStringConvertible {
    private let name: String
    public init(_ name: String) { self.name = name }
    public var description: String { name }
}

extension ErrorCode {
    /// An id, text, date or number breaks the ledger's input rules.
    public static let invalidInput = ErrorCode("invalid-input")
    /// Something named does not exist.
    public static let unknown = ErrorCode("unknown")
    /// Something with that id exists already.
    public static let duplicate = ErrorCode("duplicate")
    /// The writer may not do this.
    public static let forbidden = ErrorCode("forbidden")
    /// The plan's current facts do not allow this change.
    public static let invalidTransition = ErrorCode("invalid-transition")
    /// The writer's clock is too far behind the ledger's last recording time.
    public static let clockBehind = ErrorCode("clock-behind")
}
