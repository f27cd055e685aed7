import Hummingbird
import Logging

/// Logs each request once it is answered, and counts it in ``ServerMetrics``.
///
/// A log line carries the method, the route's pattern and the path without its query,
/// the status, the time taken, the client's address and the credential's id: never a
/// header, a query string or a body, so that no token, cookie or note text is written
/// to a log (`ServerLogTests` captures the logs and checks).
struct ObservationMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let route = context.endpointPath ?? "unmatched"
        metrics.request(method: request.method.rawValue, route: route, status: response.status.code, seconds: elapsed)
        var metadata: Logger.Metadata = [
            "method": .string(request.method.rawValue), "route": .string(route), "path": .string(request.uri.path),
            "status": .stringConvertible(response.status.code),
            "ms": .stringConvertible(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
            "client": .string(context.clientAddress ?? "unknown"),
        ]
        if let credential = context.credentialID { metadata["credential"] = .string(credential) }
        context.logger.info("request", metadata: metadata)
        return response
    }
}
