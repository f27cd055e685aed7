import CanonicalJSON
import HTTPTypes
import Hummingbird

/// A JSON document as a response, pretty-printed as the command line prints it.
///
/// The text is rendered once, when the response is made: a large answer (the whole
/// plan is megabytes at a large partnership) can be rendered off the event loop with
/// ``render(_:)`` and kept, rendered, by a cache.
struct JSONResponse: ResponseGenerator {
    var body: ByteBuffer
    var status: HTTPResponse.Status = .ok
    var headers = HTTPFields()

    init(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = HTTPFields()) {
        self.init(rendered: Self.render(value), status: status, headers: headers)
    }

    init(rendered body: ByteBuffer, status: HTTPResponse.Status = .ok, headers: HTTPFields = HTTPFields()) {
        (self.body, self.status, self.headers) = (body, status, headers)
    }

    /// The bytes of `value` as a response carries them.
    static func render(_ value: JSONValue) -> ByteBuffer { ByteBuffer(string: value.pretty + "\n") }

    var response: Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    func response(from request: Request, context: some RequestContext) throws -> Response { response }
}
