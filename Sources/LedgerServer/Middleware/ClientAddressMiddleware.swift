import HTTPTypes
import Hummingbird
import NIOCore

/// Sets the request's client address: the connection's peer, or, when the peer is the
/// trusted proxy (`--behind-proxy ADDR`), the address the proxy appended last to
/// `X-Forwarded-For`. Earlier entries were written by the client and prove nothing.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let trustedProxy: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let peer = context.remoteAddress?.ipAddress
        if let trustedProxy, let peer, peer == trustedProxy {
            // Through the proxy without a forwarded address: the client is unknown, never the proxy itself.
            context.clientAddress = request.headers[values: .xForwardedFor].last
                .flatMap { $0.split(separator: ",").last }
                .map { $0.trimmingCharacters(in: .whitespaces) }
        } else {
            context.clientAddress = peer
        }
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let lastEventID = HTTPField.Name("Last-Event-ID")!
}
