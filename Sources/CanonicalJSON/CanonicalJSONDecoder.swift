/// Decodes `Decodable` values straight from JSON bytes, without Foundation's
/// `JSONDecoder`.
///
/// A log of small documents is read far more often than it is written (the ledger's
/// replay, rebuild, verify and as-of queries decode every payload), and the generic
/// decoder's cost per small object dominated all of them. This one reads the bytes in place: an object's
/// members are located once, a value is read only when asked for, and a string is one
/// validated copy of its bytes. The types' `Codable` conformances stay the only
/// definition of their JSON. Numbers are whole, as everywhere in ``JSONValue``.
public struct CanonicalJSONDecoder {
    public init() {}

    /// - Throws: `DecodingError` when the bytes are not JSON of the type's shape.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        var parser = Parser(bytes: bytes)
        parser.skipWhitespace()
        let start = parser.index
        try ByteDecoder.rethrowing([]) { () throws(JSONError) in try parser.skipValue(depth: 0) }
        parser.skipWhitespace()
        guard parser.index == bytes.count else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unexpected text after the JSON value"))
        }
        return try T(from: ByteDecoder(bytes: bytes, offset: start, codingPath: []))
    }

    public func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try decode(type, from: Array(text.utf8))
    }
}

/// A decoder positioned at one value of the document.
struct ByteDecoder: Decoder {
    let bytes: [UInt8]
    let offset: Int
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func parser() -> Parser {
        var parser = Parser(bytes: bytes)
        parser.index = offset
        return parser
    }

    static func rethrowing<T>(_ path: [any CodingKey], _ body: () throws(JSONError) -> T) throws -> T {
        do { return try body() } catch { throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: error.message)) }
    }

    func mismatch(_ type: Any.Type, _ expected: String) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "expected \(expected)"))
    }

    var byte: UInt8 { offset < bytes.count ? bytes[offset] : 0 }
    var isNull: Bool { byte == UInt8(ascii: "n") }

    func string() throws -> String {
        guard byte == UInt8(ascii: "\"") else { throw mismatch(String.self, "a string") }
        var parser = parser()
        return try ByteDecoder.rethrowing(codingPath) { () throws(JSONError) in try parser.string() }
    }

    func bool() throws -> Bool {
        switch byte {
        case UInt8(ascii: "t"): return true
        case UInt8(ascii: "f"): return false
        default: throw mismatch(Bool.self, "true or false")
        }
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard byte == UInt8(ascii: "-") || (0x30...0x39).contains(byte) else { throw mismatch(type, "a whole number") }
        var parser = parser()
        let value = try ByteDecoder.rethrowing(codingPath) { () throws(JSONError) in try parser.integer() }
        guard let exact = T(exactly: value) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "\(value) does not fit \(type)"))
        }
        return exact
    }

    /// The offsets of each member's key (quotes excluded) and value.
    func members() throws -> [(key: Range<Int>, value: Int)] {
        guard byte == UInt8(ascii: "{") else { throw mismatch([String: Any].self, "an object") }
        var members: [(key: Range<Int>, value: Int)] = []
        try forEachItem(closedBy: UInt8(ascii: "}")) { parser throws(JSONError) in
            let keyStart = parser.index + 1
            try parser.skipValue(depth: 1)
            let keyEnd = parser.index - 1
            parser.skipWhitespace()
            guard parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: ":") else { throw parser.error("expected ':'") }
            parser.index += 1
            parser.skipWhitespace()
            members.append((keyStart..<keyEnd, parser.index))
            try parser.skipValue(depth: 1)
        }
        return members
    }

    /// The offsets of each element of an array.
    func elements() throws -> [Int] {
        guard byte == UInt8(ascii: "[") else { throw mismatch([Any].self, "an array") }
        var elements: [Int] = []
        try forEachItem(closedBy: UInt8(ascii: "]")) { parser throws(JSONError) in
            elements.append(parser.index)
            try parser.skipValue(depth: 1)
        }
        return elements
    }

    /// Walks the items of the object or array at this offset, separated by commas up to
    /// `close`; `item` reads one item from its first byte.
    private func forEachItem(closedBy close: UInt8, _ item: (inout Parser) throws(JSONError) -> Void) throws {
        var parser = parser()
        try ByteDecoder.rethrowing(codingPath) { () throws(JSONError) in
            parser.index += 1
            parser.skipWhitespace()
            if parser.index < bytes.count, bytes[parser.index] == close { return }
            while true {
                parser.skipWhitespace()
                try item(&parser)
                parser.skipWhitespace()
                guard parser.index < bytes.count else { throw parser.error("unexpected end of input") }
                if bytes[parser.index] == UInt8(ascii: ",") { parser.index += 1; continue }
                if bytes[parser.index] == close { return }
                throw parser.error("expected ',' or '\(Character(Unicode.Scalar(close)))'")
            }
        }
    }

    func at(_ offset: Int, _ key: any CodingKey) -> ByteDecoder {
        ByteDecoder(bytes: bytes, offset: offset, codingPath: codingPath + [key])
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        switch type {
        case is String.Type: return try string() as! T
        case is Int.Type: return try integer(Int.self) as! T
        case is Int64.Type: return try integer(Int64.self) as! T
        case is Bool.Type: return try bool() as! T
        // Values coded as one string: read straight from it, checked by their own rule.
        case let coded as any JSONStringCodable.Type:
            let string = try string()
            do { return try coded.init(jsonString: string) as! T } catch {
                throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: error.message))
            }
        default: return try T(from: self)
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedByteContainer<Key>(decoder: self, members: try members()))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { UnkeyedByteContainer(decoder: self, elements: try elements()) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleValueByteContainer(decoder: self) }
}

/// An array index as a coding key, for error paths.
struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}
