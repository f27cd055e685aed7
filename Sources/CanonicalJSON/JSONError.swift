/// Why CanonicalJSON refused a text: not JSON it reads, or a string that breaks the rule
/// of the value it stands for.
///
/// Callers match on ``code``; people read ``message``, one line that says what is wrong
/// and where (`invalid JSON at byte 12: expected ',' or '}'`). Decoding into a `Decodable`
/// type throws Codable's own `DecodingError` instead, whose cases name the key path, as
/// every other decoder does.
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// A named kind of refusal; the names are stable and printable.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// Not RFC 8259 JSON, or JSON the strict reader refuses: a duplicate key, a
        /// fraction or exponent, a number beyond 64 bits, nesting deeper than
        /// ``JSONValue/maximumDepth``.
        public static let invalidJSON = Code("invalid-json")
        /// A string that breaks the rule of the ``JSONStringCodable`` value it stands for.
        public static let invalidValue = Code("invalid-value")
    }
}
