import Hummingbird
import Logging

/// Answers every error a handler throws as ``APIFailure`` JSON, counts it as a refusal
/// by its code, and logs a failure that is a bug with its details, which the client
/// never sees.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let failure =
                APIFailure(translating: error)
                ?? {
                    context.logger.error("request failed unexpectedly", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                    return .unexpected
                }()
            metrics.refused(code: failure.code)
            return try failure.response(from: request, context: context)
        }
    }
}
