import CanonicalJSON
import Foundation
import LedgerCore

/// What every page form shares: the session and its CSRF token, checked on every POST,
/// and the translation of the form's fields into the JSON body the API's writes read.
enum PageForm {
    /// The session of a form's request, once the form's CSRF token is the session's.
    /// - Throws: ``ServerError`` `.unauthenticated` without a session (the pages then
    ///   ask to sign in), `.forbidden` when the token is missing or wrong.
    static func requireSession(_ form: FormBody, _ context: ServerContext) throws -> Sessions.Session {
        guard let session = context.session else { throw ServerError(.unauthenticated, "sign in first") }
        guard let sent = form["csrf"], Sessions.constantTimeEqual(sent, session.csrf) else {
            throw ServerError(
                .forbidden, "this form's security token is missing or out of date, so nothing was recorded; reload the page and try again")
        }
        return session
    }

    /// How a field's text becomes a value of the write's JSON body.
    enum Value {
        /// Text; an empty field is left out, as an option not given.
        case text
        /// A whole number when it reads as one; otherwise the text, which the body's
        /// reader refuses with its own message.
        case integer
        /// One item a line, blank lines dropped.
        case lines
        /// Every value posted under the name (checkboxes).
        case list
    }

    /// The JSON object of `form`'s fields named in `values`, as the API's body would
    /// carry them.
    static func json(_ form: FormBody, _ values: [(name: String, value: Value)]) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for (name, kind) in values {
            let text = form[name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            switch kind {
            case .text: if !text.isEmpty { object[name] = .string(text) }
            case .integer: if !text.isEmpty { object[name] = Int(text).map { JSONValue.int(Int64($0)) } ?? JSONValue.string(text) }
            case .lines:
                object[name] = .array(
                    text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                        .map { .string($0) })
            case .list: object[name] = .array(form.all(name).map { .string($0) })
            }
        }
        return .object(object)
    }
}
