import CanonicalJSON
import HTTPTypes
import Hummingbird
import LedgerCore
import LedgerStore

/// An error of the server itself, answered as `{"error":{"code","message"}}` with its
/// HTTP status; the ledger's own refusals keep their codes (``ServerError/init(_:)``).
///
/// Codes are kebab-case, as the command line's `--error-format json` prints them, so a
/// script handles one spelling whichever way it reached the ledger.
public struct ServerError: Error, Equatable, Sendable, CustomStringConvertible {
    public let code: Code
    public let message: String
    /// Seconds to wait, for `.tooManyRequests` (`Retry-After`).
    public var retryAfter: Int?

    public init(_ code: Code, _ message: String, retryAfter: Int? = nil) {
        (self.code, self.message, self.retryAfter) = (code, message, retryAfter)
    }

    public var description: String { message }

    /// The server's own kinds of error, with stable printable names and their statuses.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String {
            case settings, badRequest = "bad-request", unauthenticated, forbidden, notFound = "not-found"
            case methodNotAllowed = "method-not-allowed", tooLarge = "too-large", unsupportedMediaType = "unsupported-media-type"
            case idempotencyKeyReused = "idempotency-key-reused", tooManyRequests = "too-many-requests", busy
            case preconditionFailed = "precondition-failed"
        }

        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }

        /// The server was asked to start in a way it refuses (exit 1 before listening).
        public static let settings = Code(.settings)
        /// A request the server cannot read: malformed JSON, a missing field, a bad query.
        public static let badRequest = Code(.badRequest)
        /// No credential, or an unknown, expired or revoked one.
        public static let unauthenticated = Code(.unauthenticated)
        /// A credential that may not do this.
        public static let forbidden = Code(.forbidden)
        public static let notFound = Code(.notFound)
        public static let methodNotAllowed = Code(.methodNotAllowed)
        /// A body over the server's cap.
        public static let tooLarge = Code(.tooLarge)
        /// A body that is not JSON (or a form, for the pages).
        public static let unsupportedMediaType = Code(.unsupportedMediaType)
        /// An `Idempotency-Key` already used for a different request.
        public static let idempotencyKeyReused = Code(.idempotencyKeyReused)
        /// Too many failed sign-ins from one address, or a second verify while one runs.
        public static let tooManyRequests = Code(.tooManyRequests)
        /// The ledger file is busy beyond the wait (another process holds the writer).
        public static let busy = Code(.busy)
        /// `If-Match` or `If-None-Match` that is not a version the server understands.
        public static let preconditionFailed = Code(.preconditionFailed)

        public var description: String { kind.rawValue }

        var status: HTTPResponse.Status {
            switch kind {
            case .settings, .badRequest: .badRequest
            case .unauthenticated: .unauthorized
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .methodNotAllowed: .methodNotAllowed
            case .tooLarge: .contentTooLarge
            case .unsupportedMediaType: .unsupportedMediaType
            case .idempotencyKeyReused: .unprocessableContent
            case .tooManyRequests: .tooManyRequests
            case .busy: .serviceUnavailable
            case .preconditionFailed: .badRequest
            }
        }
    }
}
