import Foundation
import Hummingbird
import NIOCore

/// A form as a browser posts it (`application/x-www-form-urlencoded`): its fields in
/// order, a name given more than once (checkboxes) keeping every value.
struct FormBody: Sendable {
    let pairs: [(name: String, value: String)]

    /// The largest form a page posts: a note and its evidence, well within.
    static let maximumBytes = 256 * 1024

    /// Reads the body of `request`.
    /// - Throws: ``ServerError`` `.unsupportedMediaType` for another type, `.tooLarge`
    ///   over ``maximumBytes``.
    static func read(_ request: Request) async throws -> FormBody {
        let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard type == "application/x-www-form-urlencoded" else {
            throw ServerError(.unsupportedMediaType, "send the form as application/x-www-form-urlencoded, as a browser does")
        }
        let buffer = try await request.body.collect(upTo: maximumBytes)
        return FormBody(encoded: String(buffer: buffer))
    }

    init(encoded: String) {
        pairs = encoded.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    init(_ pairs: [(name: String, value: String)]) { self.pairs = pairs }

    /// The first value of `name`; nil when the form has none.
    subscript(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// Every value of `name`, in order.
    func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }
}
