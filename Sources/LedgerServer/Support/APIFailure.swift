import CanonicalJSON
import HTTPTypes
import Hummingbird
import LedgerCore
import LedgerStore
import NIOCore

/// Any error a request ends in, as the API answers it: a status, a stable code and one
/// line of message, `{"error":{"code","message"}}`.
///
/// The ledger's refusals keep the codes the command line prints with `--error-format
/// json` (`invalid-input`, `unknown`, `conflict` …); the server's own are
/// ``ServerError/Code``. Anything else is a bug, answered 500 `unexpected` without
/// its details, which go to the log instead.
struct APIFailure: HTTPResponseError {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    var retryAfter: Int?

    init(status: HTTPResponse.Status, code: String, message: String, retryAfter: Int? = nil) {
        (self.status, self.code, self.message, self.retryAfter) = (status, code, message, retryAfter)
    }

    /// Translates `error` into its answer; nil for an error that is a bug.
    init?(translating error: any Error) {
        switch error {
        case let failure as APIFailure: self = failure
        case let error as ServerError:
            self.init(status: error.code.status, code: error.code.description, message: error.message, retryAfter: error.retryAfter)
        case let error as LedgerError:
            self.init(status: Self.status(of: error.code), code: error.code.description, message: error.message)
        case let error as StoreError:
            guard let status = Self.status(of: error.code) else { return nil }
            self.init(
                status: status, code: error.code.description, message: error.message, retryAfter: error.code == .busy ? 1 : nil)
        case let error as JSONError:
            self.init(
                status: .badRequest, code: ServerError.Code.badRequest.description,
                message: "the body is not JSON the ledger reads: \(error.message)")
        case let error as HTTPError:
            self.init(http: error)
        case is NIOTooManyBytesError:
            self.init(http: HTTPError(.contentTooLarge))
        default: return nil
        }
    }

    private init(http error: HTTPError) {
        let code: ServerError.Code =
            switch error.status {
            case .contentTooLarge: .tooLarge
            case .notFound: .notFound
            case .methodNotAllowed: .methodNotAllowed
            case .unsupportedMediaType: .unsupportedMediaType
            case .unauthorized: .unauthenticated
            case .forbidden: .forbidden
            default: .badRequest
            }
        let message =
            switch code {
            case .tooLarge: "the request body is larger than the server takes; send less"
            case .notFound: "there is nothing at this address; the API is described in Schemas/openapi.yaml"
            case .methodNotAllowed: "this address does not take that method"
            default: error.body ?? "the request could not be read"
            }
        self.init(status: code.status, code: code.description, message: message)
    }

    static let unexpected = APIFailure(
        status: .internalServerError, code: "unexpected", message: "the server failed unexpectedly; the server's log says why")

    private static func status(of code: LedgerError.Code) -> HTTPResponse.Status {
        switch code {
        case .unknown: .notFound
        case .duplicate, .invalidTransition, .clockBehind: .conflict
        case .forbidden: .forbidden
        default: .unprocessableContent
        }
    }

    /// The status of a storage error the client can act on; nil for a failure of the
    /// server's own file, which is answered as `unexpected`.
    private static func status(of code: StoreError.Code) -> HTTPResponse.Status? {
        switch code {
        case .conflict: .conflict
        case .eventIDReused: .unprocessableContent
        case .busy: .serviceUnavailable
        case .unauthenticated: .unauthorized
        default: nil
        }
    }

    var json: JSONValue { .object(["error": .object(["code": .string(code), "message": .string(message)])]) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: json.canonical + "\n")))
    }
}
