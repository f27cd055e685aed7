import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import LedgerCore
import NIOCore

/// A write's JSON body, read field by field into the same LedgerCore values the
/// command line's options become. A field the write does not take is refused, so a
/// misspelt `"percnt"` is an error rather than silently ignored.
struct RequestBody {
    private let fields: [String: JSONValue]
    private var taken: Set<String> = []
    /// The bytes as sent, for the idempotency fingerprint.
    let bytes: [UInt8]
    /// The field read last: the one a reading error is about, so a page shows the error
    /// beside it.
    var lastRead: String?

    /// Reads the body of `request`: JSON, an object, within the server's cap.
    /// - Throws: ``ServerError`` `.unsupportedMediaType`, `.tooLarge` or `.badRequest`.
    static func read(_ request: Request) async throws -> RequestBody {
        let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard type == "application/json" else {
            throw ServerError(.unsupportedMediaType, "send the body as application/json")
        }
        let buffer = try await request.body.collect(upTo: Limits.bodyBytes)
        return try RequestBody(bytes: Array(buffer: buffer))
    }

    init(bytes: [UInt8]) throws {
        self.bytes = bytes
        guard case .object(let fields) = try JSONValue.parse(Data(bytes)) else {
            throw ServerError(.badRequest, "the body must be a JSON object")
        }
        self.fields = fields
    }

    private mutating func value(_ key: String) -> JSONValue? {
        taken.insert(key)
        lastRead = key
        guard let value = fields[key], value != .null else { return nil }
        return value
    }

    private func wrongType(_ key: String, _ kind: String) -> ServerError {
        ServerError(.badRequest, "\"\(key)\" must be \(kind)")
    }

    mutating func optionalString(_ key: String) throws -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else { throw wrongType(key, "text") }
        return text
    }

    mutating func string(_ key: String) throws -> String {
        guard let text = try optionalString(key) else { throw ServerError(.badRequest, "the body needs \"\(key)\"") }
        return text
    }

    mutating func optionalInt(_ key: String) throws -> Int? {
        guard let value = value(key) else { return nil }
        guard case .int(let number) = value, let int = Int(exactly: number) else { throw wrongType(key, "a whole number") }
        return int
    }

    mutating func int(_ key: String) throws -> Int {
        guard let number = try optionalInt(key) else { throw ServerError(.badRequest, "the body needs \"\(key)\"") }
        return number
    }

    mutating func bool(_ key: String) throws -> Bool {
        guard let value = value(key) else { return false }
        guard case .bool(let flag) = value else { throw wrongType(key, "true or false") }
        return flag
    }

    mutating func strings(_ key: String) throws -> [String] {
        guard let value = value(key) else { return [] }
        guard case .array(let items) = value else { throw wrongType(key, "a list of text") }
        return try items.map { item in
            guard case .string(let text) = item else { throw wrongType(key, "a list of text") }
            return text
        }
    }

    mutating func optionalID<K>(_ key: String) throws -> Identifier<K>? { try optionalString(key).map { try Identifier<K>($0) } }
    mutating func id<K>(_ key: String) throws -> Identifier<K> { try Identifier<K>(string(key)) }
    mutating func ids<K>(_ key: String) throws -> [Identifier<K>] { try strings(key).map { try Identifier<K>($0) } }
    mutating func optionalDate(_ key: String) throws -> LocalDate? { try optionalString(key).map { try LocalDate(iso8601: $0) } }
    mutating func date(_ key: String) throws -> LocalDate { try LocalDate(iso8601: string(key)) }

    mutating func optionalEnum<T: RawRepresentable>(_ key: String, _ choices: String) throws -> T? where T.RawValue == String {
        guard let text = try optionalString(key) else { return nil }
        guard let value = T(rawValue: text) else {
            throw LedgerError(.invalidInput, "\"\(key)\" is one of \(choices), not '\(text.prefix(40))'")
        }
        return value
    }

    mutating func enumValue<T: RawRepresentable>(_ key: String, _ choices: String) throws -> T where T.RawValue == String {
        guard let value: T = try optionalEnum(key, choices) else { throw ServerError(.badRequest, "the body needs \"\(key)\"") }
        return value
    }

    /// Refuses any field the write did not read.
    func finish() throws {
        if let extra = fields.keys.sorted().first(where: { !taken.contains($0) }) {
            throw ServerError(.badRequest, "this write does not take \"\(extra.prefix(40))\"")
        }
    }
}
