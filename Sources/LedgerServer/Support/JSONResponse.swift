import CanonicalJSON
import HTTPTypes
import Hummingbird

/// A JSON document as a response, pretty-printed as the command line prints it.
struct JSONResponse: ResponseGenerator {
    var value: JSONValue
    var status: HTTPResponse.Status = .ok
    var headers = HTTPFields()

    init(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = HTTPFields()) {
        (self.value, self.status, self.headers) = (value, status, headers)
    }

    var response: Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: value.pretty + "\n")))
    }

    func response(from request: Request, context: some RequestContext) throws -> Response { response }
}
